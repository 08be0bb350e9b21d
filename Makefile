# mdti — build, test, lint, demo and benchmarks. `make demo` and `make test` are the two
# commands a newcomer needs; everything they require is installed by this file or .ci/run.

GO        ?= go
BIN       := bin
MDTI      := $(BIN)/mdti
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -s -w -X github.com/mdti-cli/mdti/cmd.Version=$(VERSION)
STATICCHECK_VERSION := v0.8.2
STATICCHECK := $(BIN)/staticcheck
FUZZTIME  ?= 60s

.PHONY: all build test test-go test-keyring lint fmt-check demo bench completions emulator fuzz clean

all: build

build:
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(MDTI) .

# Every test: the race-enabled suite, then the keyring tests against a real Secret Service.
test: test-go test-keyring

test-go:
	$(GO) test -race -count=1 ./...

test-keyring:
	GO=$(GO) scripts/with-keyring.sh scripts/test-keyring.sh

lint: fmt-check $(STATICCHECK)
	$(GO) vet ./...
	$(STATICCHECK) ./...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

$(STATICCHECK):
	GOBIN=$(CURDIR)/$(BIN) $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

# A real lookup against the built-in emulator: no account, no keyring, no config file.
demo: build
	@echo '$$ mdti --demo reputation contoso.com fake-malicious.site 8.8.8.8'
	@$(MDTI) --demo reputation contoso.com fake-malicious.site 8.8.8.8 || true
	@echo
	@echo '$$ mdti --demo host contoso.com -o json'
	@$(MDTI) --demo host contoso.com -o json
	@echo
	@echo '$$ echo "hxxps://fake-malicious[.]site/login" | mdti --demo reputation --fail-on suspicious -o jsonl'
	@echo "hxxps://fake-malicious[.]site/login" | $(MDTI) --demo reputation --fail-on suspicious -o jsonl; \
		echo "exit code $$? (3 = threshold met)"
	@echo
	@echo '$$ mdti --demo incidents list --limit 8'
	@$(MDTI) --demo incidents list --limit 8
	@echo
	@echo "$$ mdti --demo hunt 'DeviceNetworkEvents | project Timestamp, DeviceName, RemoteIP, RemoteUrl | take 5'"
	@$(MDTI) --demo hunt 'DeviceNetworkEvents | project Timestamp, DeviceName, RemoteIP, RemoteUrl | take 5'

bench:
	scripts/bench.sh

completions: build
	@mkdir -p completions
	$(MDTI) completion bash > completions/mdti.bash
	$(MDTI) completion zsh > completions/mdti.zsh
	$(MDTI) completion fish > completions/mdti.fish
	$(MDTI) completion powershell > completions/mdti.ps1

emulator: build
	$(MDTI) emulator

# Each fuzz target for $(FUZZTIME); seed corpora live in testdata/fuzz/<Fuzz...>/ of each package.
FUZZ_TARGETS := \
	./internal/indicator/:FuzzParseHost \
	./internal/graph/:FuzzSegment ./internal/graph/:FuzzTIPath ./internal/graph/:FuzzDecodeError \
	./internal/render/:FuzzSanitize ./internal/render/:FuzzWithQuery ./internal/render/:FuzzRecord

fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; name=$${t##*:}; \
		echo "== $$name ($$pkg, $(FUZZTIME))"; \
		$(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 5s $$pkg; \
	done

clean:
	rm -rf $(BIN)
