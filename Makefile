# The two set-up commands of the README: `make demo` (the main job on a copy of the sample
# ledger) and `make test`. Both install the system libraries first when they are missing.
SWIFT ?= swift

.PHONY: deps build release test demo lint format bench embed torture sync-stress install

# make install [PREFIX=/usr/local] [DESTDIR=…] [BIN=path/to/reclam]: builds the release binary
# unless BIN names one, then installs it with its man page and shell completions.
PREFIX ?= /usr/local
BIN ?=

deps:
	@scripts/install-deps

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

test: deps
	$(SWIFT) test

demo: deps
	scripts/demo

# Times every command on generated ledgers of 1 000, 10 000 and 100 000 cases against git and
# plain file reads (docs/PERFORMANCE.md). BENCH_SIZES="1000 10000" for a shorter run.
bench: deps
	bench/run

# Kills 300 writes at random instants (fixed seed), then fills a disk (docs/GIT.md); the test
# suite runs a shorter version. RECLAM_TORTURE_SEED changes the seed.
torture: deps
	RECLAM_TORTURE_RUNS=$${RECLAM_TORTURE_RUNS:-300} $(SWIFT) test --filter 'TortureTests|FullDiskTests|GitCrashTests'

# The issue's 300 random operations over three clones with reclam sync (the suite runs 80).
sync-stress: deps
	RECLAM_SYNC_OPERATIONS=$${RECLAM_SYNC_OPERATIONS:-300} $(SWIFT) test --filter randomOperationsOnThreeClonesConverge

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests

format:
	$(SWIFT) format format --in-place --recursive Sources Tests

embed:
	scripts/embed-defaults

install: $(if $(BIN),,release)
	scripts/install "$(if $(BIN),$(BIN),$$($(SWIFT) build -c release --show-bin-path)/reclam)" "$(DESTDIR)$(PREFIX)"
