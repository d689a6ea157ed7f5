# Inkstone: `make run` sets up and starts the app; `make test` sets up a fresh Debian/Ubuntu
# machine and runs every test. `make e2e` runs only the real-window tests, `make bench` the
# benchmarks.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
CARGO ?= cargo
BLOG ?=

# What each step needs is listed, with why, in .ci/deps.sh: one row per capability, checked
# by what is on PATH (any Node ≥ 20 with npm, a hugo from anywhere, …); only what is missing
# is installed, from Debian's packages or crates.io. `make deps-check` proves with apt's own
# simulation that the whole plan is satisfiable here.
DEPS := ./.ci/deps.sh

# Without a display (SSH, CI, a container) GTK cannot open a window: `make run` says so in one
# line before installing or building anything.
ifneq ($(filter run,$(MAKECMDGOALS)),)
ifeq ($(DISPLAY)$(WAYLAND_DISPLAY),)
$(error no display (DISPLAY and WAYLAND_DISPLAY are unset): run it from a desktop session, or for a look without one: $(if $(shell command -v xvfb-run),,make deps-e2e && )xvfb-run -a make run)
endif
endif

.PHONY: all help test run e2e screenshot bench deps-app deps-test deps-e2e deps-check npm-ui npm-test \
        ui ui-test app check-core lint unit bindings-check fuzz fuzz-smoke fuzz-tools install-cli \
        package package-test

all: test

help:
	@echo "make run     set up and start Inkstone (BLOG=~/my-blog for your own blog)"
	@echo "make test    install what is missing and run every test"
	@echo "make e2e     only the real-window tests"

# --- setup -------------------------------------------------------------------------------

deps-app:
	@$(DEPS) install app

deps-test:
	@$(DEPS) install app test

deps-e2e:
	@$(DEPS) install app e2e

# Fails when the packages the set-up could request on a bare machine conflict (as Debian's
# npm does with NodeSource's nodejs), even on a machine that already has everything.
deps-check:
	@$(DEPS) check

# `npm install` (not `npm ci`): the lock file records only this platform's optional packages
# (esbuild, rollup, the Tauri CLI), which `npm ci` refuses on another one.
npm-ui:
	@cd ui && { [ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm install --no-audit --no-fund --loglevel=error; }

npm-test:
	@cd tests && npm ci --no-audit --no-fund --loglevel=error

# --- build -------------------------------------------------------------------------------

ui: npm-ui
	cd ui && npm run --silent build

app: ui
	$(CARGO) build -p inkstone-app -p inkstone-cli

# The `inkstone` command line alone, with its shell completions and man page, under PREFIX.
PREFIX ?= $(HOME)/.local
install-cli:
	$(CARGO) build --release -p inkstone-cli
	install -Dm755 target/release/inkstone $(PREFIX)/bin/inkstone
	mkdir -p $(PREFIX)/share/bash-completion/completions $(PREFIX)/share/zsh/site-functions \
	  $(PREFIX)/share/fish/vendor_completions.d $(PREFIX)/share/man/man1
	target/release/inkstone completions bash > $(PREFIX)/share/bash-completion/completions/inkstone
	target/release/inkstone completions zsh > $(PREFIX)/share/zsh/site-functions/_inkstone
	target/release/inkstone completions fish > $(PREFIX)/share/fish/vendor_completions.d/inkstone.fish
	target/release/inkstone man > $(PREFIX)/share/man/man1/inkstone.1
	@echo "installed inkstone $$(target/release/inkstone --version | cut -d' ' -f2-) under $(PREFIX)"

# The desktop package: a .deb (Tauri's bundler, release build) with the app, the `inkstone`
# command line with its man page and shell completions, the desktop entry (Markdown files open
# with it) and icons from 16 to 512 px. Not part of `make test`: the release build takes about
# 15 minutes on 2 cores. `make package-test` installs it on this machine with apt, checks what
# a desktop user gets (the entry validates, the icons, `inkstone --version`, the app opening a
# post given on its command line in a window under Xvfb) and removes it again.
DEB_DIR := target/release/bundle/deb
package: deps-app ui
	$(CARGO) build --release -p inkstone-cli
	mkdir -p target/package
	target/release/inkstone man > target/package/inkstone.1
	target/release/inkstone completions bash > target/package/inkstone.bash
	target/release/inkstone completions zsh > target/package/_inkstone
	target/release/inkstone completions fish > target/package/inkstone.fish
	rm -rf $(DEB_DIR)
	ui/node_modules/.bin/tauri build --bundles deb --ci
	@ls -l $(DEB_DIR)/*.deb

package-test: package
	@$(DEPS) install package
	tests/package/test.sh $(DEB_DIR)/*.deb

# --- tests -------------------------------------------------------------------------------

# The core crates stay free of any UI or watcher crate (STYLE.md, principle 1).
check-core:
	@bad=$$($(CARGO) tree -e normal --prefix none -p inkstone-content -p inkstone-render -p inkstone-git -p inkstone-github -p inkstone-cli \
	  | grep -Ei '^(tauri|notify|wry|tao|gtk|webkit2gtk)[ -]' || true); \
	if [ -n "$$bad" ]; then echo "core crates depend on UI crates:"; echo "$$bad"; exit 1; fi; \
	echo "core crates are UI-free"

ui-test: npm-ui
	cd ui && npx vitest run

lint: ui
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets --quiet -- -D warnings

# The property tests (proptest) start from a fixed seed here, like fuzz-smoke, so the same
# commit always passes or always fails; `make fuzz` runs them from a fresh seed, longer.
unit: ui npm-test
	PROPTEST_RNG_SEED=1 $(CARGO) nextest run --workspace --exclude inkstone-e2e --exclude inkstone-bench --no-fail-fast

# The TypeScript types of IPC are generated by ts-rs during `unit`; they must be committed.
bindings-check:
	@git diff --exit-code --stat -- ui/src/ipc/bindings || { echo "ui/src/ipc/bindings is stale: commit the regenerated files"; exit 1; }
	@untracked=$$(git ls-files --others --exclude-standard ui/src/ipc/bindings); \
	if [ -n "$$untracked" ]; then echo "new bindings not committed: $$untracked"; exit 1; fi

# Fuzzing (cargo-fuzz, libFuzzer + AddressSanitizer) of what reads untrusted text: the
# front-matter splitter/parser/editor and the renderer. Stable rustc takes the sanitizer flags
# with RUSTC_BOOTSTRAP=1, so no nightly toolchain is needed. Seeds: the sample blog, the
# fixtures and tests/fuzz/seeds (inputs that once failed); what the fuzzer learns stays in
# target/fuzz/corpus, crashes land in target/fuzz/artifacts.
# `make fuzz` explores for FUZZ_SECONDS per target (600 for the documented long run), after
# the property tests with PROPS_CASES cases each from a fresh seed.
# `make fuzz-smoke` (part of `make test`) is deterministic: a fixed seed and a fixed number
# of inputs, so CI never fails on what a lucky run happened to find.
FUZZ_SECONDS ?= 600
PROPS_CASES ?= 20000
FUZZ_TARGETS := frontmatter render
FUZZ_RUNS_frontmatter := 6000
FUZZ_RUNS_render := 2000
FUZZ_RUN = RUSTC_BOOTSTRAP=1 $(CARGO) fuzz run --fuzz-dir tests/fuzz --target-dir target/fuzz

fuzz-tools:
	@$(DEPS) install fuzz

fuzz: fuzz-tools
	@echo "property tests: $(PROPS_CASES) cases each, from a fresh seed"
	PROPTEST_CASES=$(PROPS_CASES) PROPTEST_MAX_GLOBAL_REJECTS=100000 \
	  $(CARGO) nextest run -p inkstone-content --no-fail-fast
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p target/fuzz/corpus/$$t target/fuzz/artifacts/$$t; \
	  echo "fuzzing $$t for $(FUZZ_SECONDS) s"; \
	  $(FUZZ_RUN) $$t target/fuzz/corpus/$$t tests/fuzz/seeds/$$t posts/content tests/fixtures \
	    -- -max_total_time=$(FUZZ_SECONDS) -max_len=8192 -dict=tests/fuzz/$$t.dict \
	       -artifact_prefix=target/fuzz/artifacts/$$t/ -print_final_stats=1 2>&1 \
	    | grep -E '^(Done|stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss)|panicked|ERROR|SUMMARY|artifact|left:|right:' ; \
	done

fuzz-smoke: fuzz-tools
	@for t in $(FUZZ_TARGETS); do \
	  RUSTC_BOOTSTRAP=1 $(CARGO) fuzz build --fuzz-dir tests/fuzz --target-dir target/fuzz $$t || exit 1; \
	  rm -rf target/fuzz/smoke/$$t; mkdir -p target/fuzz/smoke/$$t target/fuzz/artifacts/$$t; \
	  runs=$(FUZZ_RUNS_frontmatter); [ $$t = render ] && runs=$(FUZZ_RUNS_render); \
	  echo "fuzzing $$t: $$runs inputs, seed 1"; \
	  $(FUZZ_RUN) $$t target/fuzz/smoke/$$t tests/fuzz/seeds/$$t posts/content tests/fixtures \
	    -- -seed=1 -runs=$$runs -max_len=8192 -dict=tests/fuzz/$$t.dict \
	       -artifact_prefix=target/fuzz/artifacts/$$t/ 2>&1 \
	    | grep -E '^Done|panicked|ERROR|SUMMARY|artifact|left:|right:' ; \
	done

e2e: deps-e2e npm-test app
	xvfb-run -a -s "-screen 0 1440x900x24" $(CARGO) nextest run -p inkstone-e2e --test-threads 1 --no-fail-fast

# Refreshes tests/e2e/screenshots/inkstone.png (the README's picture) from a real-window run.
screenshot:
	INKSTONE_UPDATE_SCREENSHOT=1 $(MAKE) e2e

test: deps-check deps-test deps-e2e fuzz-tools check-core ui-test lint unit bindings-check fuzz-smoke e2e

# --- run ---------------------------------------------------------------------------------

# With no BLOG, the app opens the last blog, or a private copy of the sample blog.
run: deps-app app
	INKSTONE_BLOG="$(if $(BLOG),$(abspath $(BLOG)),)" ./target/debug/inkstone-app

# Criterion benchmarks (tests/bench) with the peers measured in the same run: comrak inside
# the Rust benchmarks; markdown-it, marked and markdown-it + highlight.js (installed from npm
# into tests/bench/peers) on the very same documents; the app in its window beside a
# JavaScript peer editor (tests/bench/peers/editor.mjs) run in that window; then one table.
bench: deps-test deps-e2e ui
	$(CARGO) run --release -q -p inkstone-bench --bin bench-docs
	cd tests/bench/peers && npm install --no-audit --no-fund --loglevel=error && node peers.mjs ../../../target/bench \
	  && node build-editor.mjs ../../../target/bench
	$(CARGO) bench -p inkstone-bench --benches
	$(CARGO) build --release -p inkstone-app
	INKSTONE_APP=$(CURDIR)/target/release/inkstone-app xvfb-run -a -s "-screen 0 1440x900x24" \
	  $(CARGO) run --release -q -p inkstone-bench --bin app-bench
	$(CARGO) run --release -q -p inkstone-bench --bin bench-report
