# The two set-up commands: `make run` and `make test`. Both install what is missing first.
BUILD_DIR ?= build
BUILD_TYPE ?= Release
DEPS_STAMP := $(BUILD_DIR)/.deps-installed
JOBS ?= $(shell nproc)

.PHONY: all deps configure build web run test bench clean format format-check

all: build

# Re-run the installer whenever its package lists change.
$(DEPS_STAMP): scripts/install-deps $(wildcard scripts/packages.d/*.txt)
	@mkdir -p $(BUILD_DIR)
	./scripts/install-deps
	@touch $@

deps: $(DEPS_STAMP)

configure: deps
	@if [ ! -f $(BUILD_DIR)/build.ninja ]; then \
	  cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE); \
	fi

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

# The web app (web/, docs/web.md): packages from the committed lockfile, types from the
# server's OpenAPI document, then `vite build` into web/dist, which `tessera serve` serves at /.
web/node_modules/.package-lock.json: web/package-lock.json
	cd web && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund

web: build web/node_modules/.package-lock.json
	cd web && TESSERA_BIN=../$(BUILD_DIR)/tessera npm run build --silent

run: build web
	./scripts/run-main

test: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

bench: build
	./scripts/install-deps --bench
	./bench/run-all

clean:
	rm -rf $(BUILD_DIR)

# The house C++ format (.clang-format); the clang_format_clean test runs the check.
format:
	./scripts/format

format-check:
	./scripts/format --check
