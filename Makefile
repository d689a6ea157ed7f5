# Inkstone: `make run` sets up and starts it; `make test` sets up a fresh Debian/Ubuntu
# machine and runs every test.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CARGO ?= cargo
BLOG ?=

# Debian packages the tests need: the real generators for compatibility tests, Node for the
# CommonMark spec package.
TEST_APT := hugo jekyll nodejs npm

.PHONY: all test test-deps apt-test rust-tools npm-test check-core lint unit run bench help

all: test

help:
	@echo "make run     set up and start Inkstone (BLOG=~/my-blog for your own blog)"
	@echo "make test    install what is missing and run every test"

# --- setup -------------------------------------------------------------------------------

define apt_install
	missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq; \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
endef

apt-test:
	@for cmd in hugo jekyll npm; do command -v $$cmd >/dev/null || need=1; done; \
	if [ -n "$${need:-}" ]; then $(call apt_install,$(TEST_APT)); fi

rust-tools:
	@command -v cargo-nextest >/dev/null || $(CARGO) install cargo-nextest --locked

npm-test:
	@cd tests && npm ci --no-audit --no-fund --loglevel=error

test-deps: apt-test rust-tools npm-test

# --- tests -------------------------------------------------------------------------------

# The core crates stay free of any UI or watcher crate (STYLE.md, principle 1).
check-core:
	@bad=$$($(CARGO) tree -e normal --prefix none -p inkstone-content -p inkstone-render -p inkstone-cli \
	  | grep -Ei '^(tauri|notify|wry|tao|gtk|webkit2gtk)[ -]' || true); \
	if [ -n "$$bad" ]; then echo "core crates depend on UI crates:"; echo "$$bad"; exit 1; fi; \
	echo "core crates are UI-free"

lint:
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets --quiet -- -D warnings

unit:
	$(CARGO) nextest run --workspace --no-fail-fast

test: test-deps check-core lint unit

# --- run ---------------------------------------------------------------------------------

# Until the desktop app lands, `make run` shows the blog through the CLI.
run:
	$(CARGO) run --quiet -p inkstone-cli -- list --blog "$(if $(BLOG),$(BLOG),posts)"

bench:
	@echo "benchmarks arrive with the performance work (issue 7); nothing to run yet"
