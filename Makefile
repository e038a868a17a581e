# A thin wrapper: meson does the building. `make run` and `make test` work on a fresh Debian
# machine because `deps` installs whatever is missing first.
BUILD ?= build
DEBIAN_PACKAGES = meson ninja-build pkg-config gcc libgsl-dev libconfig-dev libcriterion-dev \
                  librandom123-dev gnuplot-nox openmpi-bin libopenmpi-dev
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build run test bench docs clean

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

clean:
	rm -rf $(BUILD)
