# Huanjie: `make run` to try the app, `make test` to run every test. Each target installs
# what it needs first (idempotently), so both work on a fresh machine.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

PORT ?= 8917
TRUNK_VERSION := 0.21.14
WASM_BINDGEN_VERSION := 0.2.130
CJK_FONT := /usr/share/fonts/truetype/wqy/wqy-microhei.ttc
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# wasm-opt comes from npm's binaryen 132 (Debian's binaryen 108 builds broken wasm).
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
# Playwright drives Debian's Chromium; it must never try to download a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: run test dist bench tools native e2e size clean

## run: build the release app and serve it on http://127.0.0.1:$(PORT)/ (demo community inside)
run: dist
	@echo "Open http://127.0.0.1:$(PORT)/ and tap 试用示范社区 for the built-in demo community."
	node tools/serve.mjs dist $(PORT)

## test: native tests of the core, the release wasm build, then Playwright in Chromium
test: tools native dist e2e

## native: formatting and lints (warnings denied), then the native tests of the core
native:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets --locked -- -D warnings
	cargo test --locked --workspace --exclude huanjie-app

e2e: tools
	@[ -f dist/index.html ] || $(MAKE) --no-print-directory dist
	# The demo's sample files are written by tests/e2e/global-setup.ts (dated from the tests' clock).
	# A port free now, never a fixed one (another server may hold it); the tests' clock is fixed (fixtures.ts).
	E2E_PORT=$${E2E_PORT:-$$(node tools/free-port.mjs)} playwright test

## dist: release build into dist/ (opt-level z, LTO, wasm-opt -Oz) and its size
dist: tools
	cargo fetch --locked
	trunk build --release --offline
	@$(MAKE) --no-print-directory size

size:
	@wasm=$$(ls dist/*_bg.wasm); raw=$$(stat -c %s "$$wasm"); gz=$$(gzip -9 -c "$$wasm" | wc -c); \
	  echo "wasm: $$((raw / 1024)) KB raw, $$((gz / 1024)) KB gzip (target <= 250 KB gzip)"

## bench: benchmarks (figures in bench/results.json); never fails the build on a slow figure
bench: tools
	bash bench/run.sh

## tools: everything the targets need, installed only when missing
tools:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@trunk --version 2>/dev/null | grep -qF "$(TRUNK_VERSION)" || cargo install trunk --version $(TRUNK_VERSION) --locked
	@wasm-bindgen --version 2>/dev/null | grep -qF "$(WASM_BINDGEN_VERSION)" || cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)
	@[ -x node_modules/.bin/wasm-opt ] && [ -x node_modules/.bin/playwright ] || npm ci --no-audit --no-fund
	@# Chromium for e2e; a Chinese font so pages and printed PDFs have real glyphs; pdftotext to read the PDFs.
	@[ -x /usr/bin/chromium ] && [ -x /usr/bin/pdftotext ] && [ -f $(CJK_FONT) ] || \
	  { $(SUDO) apt-get update && $(SUDO) apt-get install -y chromium poppler-utils fonts-wqy-microhei; }

clean:
	cargo clean
	rm -rf dist test-results playwright-report
