#!/bin/sh
# make bench: build mdti and the start-up baseline the same way, then measure (bench/run),
# writing BENCHMARKS.md. Takes about five minutes; BENCH_FULL=1 adds the 1,000,000-host
# memory run. Pass flags through, e.g. scripts/bench.sh -only collections.
set -eu
cd "$(dirname "$0")/.."
go=${GO:-go}
$go build -trimpath -ldflags '-s -w' -o bin/mdti .
$go build -trimpath -ldflags '-s -w' -o bin/mincobra ./bench/mincobra
$go build -trimpath -ldflags '-s -w' -o bin/fivelibs ./bench/fivelibs
$go build -trimpath -ldflags '-s -w' -o bin/minget ./bench/minget
$go run ./bench/run -mdti bin/mdti -mincobra bin/mincobra -fivelibs bin/fivelibs -minget bin/minget "$@"
