#!/bin/sh
# make bench: build mdti and the start-up baseline the same way, then measure (bench/run),
# writing BENCHMARKS.md. Takes a few minutes: the one-request-at-a-time baseline alone is
# 10,000 × 20 ms. Pass flags through, e.g. scripts/bench.sh -sequential-hosts 1000.
set -eu
cd "$(dirname "$0")/.."
go=${GO:-go}
$go build -trimpath -ldflags '-s -w' -o bin/mdti .
$go build -trimpath -ldflags '-s -w' -o bin/mincobra ./bench/mincobra
$go run ./bench/run -mdti bin/mdti -mincobra bin/mincobra "$@"
