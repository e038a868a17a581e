# A thin wrapper: meson does the building. `make run` and `make test` work on a fresh Debian
# machine because `deps` installs whatever is missing first.
BUILD ?= build
DEBIAN_PACKAGES = meson ninja-build pkg-config gcc libgsl-dev libconfig-dev libcriterion-dev \
                  librandom123-dev gnuplot-nox openmpi-bin libopenmpi-dev \
                  libmicrohttpd-dev libjs-chart.js python3 \
                  chromium chromium-driver python3-selenium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build run test bench docs races clean

all: build

deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(BUILD)/build.ninja: | deps
	meson setup $(BUILD) --buildtype=release

build: deps $(BUILD)/build.ninja
	meson compile -C $(BUILD)

run: build
	$(BUILD)/llosim run scenarios/baseline.cfg

# llosim serve needs libmicrohttpd and embeds Debian's Chart.js; its page is tested in headless
# Chromium driven by Selenium (chromium, chromium-driver, python3-selenium).
# Criterion speaks TAP to meson; the closing line counts every subtest, passed and failed.
test: build
	@meson test -C $(BUILD) --print-errorlogs; rc=$$?; \
	log=$(BUILD)/meson-logs/testlog.txt; \
	echo "$$(grep -cE '^ok ' $$log) passed, $$(grep -cE '^not ok ' $$log) failed"; \
	exit $$rc

bench: build
	$(BUILD)/llosim-bench

# The parameter reference and the column dictionary are generated from the code's tables.
docs: build
	$(BUILD)/llosim params --markdown > docs/parameters.md
	$(BUILD)/llosim columns --markdown > docs/columns.md

# Data races in the parallel phases: ThreadSanitizer needs LLVM's OpenMP runtime with its
# Archer tool (gcc's libgomp gives false reports). Builds build-tsan/ with clang and runs a
# 4-thread simulation; any report fails the target.
races: deps
	@for p in clang-14 libomp-14-dev; do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || \
	  { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$p; }; done
	[ -f build-tsan/build.ninja ] || CC=clang-14 meson setup build-tsan -Db_sanitize=thread -Dbuildtype=debugoptimized \
	  -Dc_args=-fopenmp=libomp -Dc_link_args="-fopenmp=libomp -L/usr/lib/llvm-14/lib -Wl,-rpath,/usr/lib/llvm-14/lib"
	ninja -C build-tsan llosim
	OMP_TOOL_LIBRARIES=/usr/lib/llvm-14/lib/libarcher.so TSAN_OPTIONS="ignore_noninstrumented_modules=1 halt_on_error=1" \
	  build-tsan/llosim run scenarios/quick.cfg --scale 0.005 --months 48 --threads 4 -q -o build-tsan/out
	@echo "no data races found"

clean:
	rm -rf $(BUILD)
