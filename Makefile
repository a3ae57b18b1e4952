# Workshop Archive — the two set-up commands are `make site` and `make test`.
SWIFT ?= swift
ARCHIVE := .build/release/archive

.PHONY: site test test-browser fuzz check build-release deps bench bench-jets clean format lint

deps:
	@Tools/setup/ensure-system-packages.sh

build-release: deps
	$(SWIFT) build -c release --product archive

## Build the whole site into Output/ (release binary).
site: build-release
	$(ARCHIVE) build

## Validate content and every internal link without writing Output/. CHECK_FORMAT=github also
## prints GitHub workflow annotations (see .github/workflows/check.yml).
CHECK_FORMAT ?= text
check: build-release
	$(ARCHIVE) check --format $(CHECK_FORMAT)

## Run every test target. The site is built first with the release binary: that is the one
## end-to-end build of the real archive with its notebooks, and it fills the notebook cache
## (.archive-cache) that the debug end-to-end tests then read instead of recomputing.
test: site
	$(SWIFT) test

## Open every page of Output/ in headless Chromium (1280 px light, 390 px dark): axe-core,
## console errors, overflow, visible hashes, SVG text, keyboard focus, print; see Tests/Browser.
## Installs Debian's chromium, chromium-driver and poppler-utils and the PyPI packages when missing.
test-browser:
	Tests/Browser/ensure-browser.sh
	python3 Tests/Browser/check_site.py Output

## Fuzz every parser of untrusted bytes with libFuzzer, FUZZ_SECONDS each (default 10); see
## Tools/fuzz/run.sh for longer runs and for replaying a failure.
FUZZ_SECONDS ?= 10
fuzz: deps
	Tools/fuzz/run.sh $(FUZZ_SECONDS)

## Whole-process benchmarks (hyperfine, /usr/bin/time -v); see Tools/bench/run.sh.
bench: build-release
	Tools/bench/run.sh

## Lund declusterings: Swift against FastJet's C++ (Debian libfastjet-dev) on the committed
## jet sample, identical numbers checked first; see Tools/bench/lund.sh.
bench-jets: build-release
	Tools/bench/lund.sh

## The toolchain's formatter with the committed .swift-format (exceptions: README, Formatting).
SWIFT_SOURCES := Package.swift Sources Tests Tools
format:
	$(SWIFT) format format --in-place --recursive --parallel $(SWIFT_SOURCES)

## Fails on any finding (CI runs it first).
lint:
	$(SWIFT) format lint --strict --recursive --parallel $(SWIFT_SOURCES)

clean:
	rm -rf .build .archive-cache
