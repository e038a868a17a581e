# A thin wrapper: meson does the building. `make run` and `make test` work on a fresh Debian
# machine because `deps` installs whatever is missing first.
BUILD ?= build
DEBIAN_PACKAGES = meson ninja-build pkg-config gcc libgsl-dev libconfig-dev libcriterion-dev \
                  librandom123-dev gnuplot-nox openmpi-bin libopenmpi-dev \
                  libmicrohttpd-dev libjs-chart.js python3 \
                  chromium chromium-driver python3-selenium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build run test bench docs races fuzz sanitize clean

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

# The release build links with LTO (meson.build); the checking builds below (races, sanitize,
# fuzz) turn it off: sanitizer runtimes and link-time optimisation mix badly, and clang's LTO
# needs a linker plugin Debian does not install with it.
# Data races in the parallel phases: ThreadSanitizer needs LLVM's OpenMP runtime with its
# Archer tool (gcc's libgomp gives false reports). Builds build-tsan/ with clang and runs a
# 4-thread simulation; any report fails the target.
races: deps
	@for p in clang-14 libomp-14-dev; do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || \
	  { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$p; }; done
	[ -f build-tsan/build.ninja ] || CC=clang-14 meson setup build-tsan -Db_sanitize=thread -Db_lto=false -Dbuildtype=debugoptimized \
	  -Dc_args=-fopenmp=libomp -Dc_link_args="-fopenmp=libomp -L/usr/lib/llvm-14/lib -Wl,-rpath,/usr/lib/llvm-14/lib"
	ninja -C build-tsan llosim
	OMP_TOOL_LIBRARIES=/usr/lib/llvm-14/lib/libarcher.so TSAN_OPTIONS="ignore_noninstrumented_modules=1 halt_on_error=1" \
	  build-tsan/llosim run scenarios/quick.cfg --scale 0.005 --months 48 --threads 4 -q -o build-tsan/out
	@echo "no data races found"

# AddressSanitizer and UndefinedBehaviorSanitizer over the whole test suite, in build-sanitize/
# (gcc). Any report in llosim's code fails; leaks are suppressed only inside libcriterion,
# Open MPI/hwloc and libconfig (tests/lsan.supp, each with its reason). SANITIZE_TESTS names a
# subset of meson's tests, e.g. `make sanitize SANITIZE_TESTS="loader cli"`.
SANITIZE_TESTS ?=
# Full stacks (fast_unwind_on_malloc=0): Open MPI is built without frame pointers, and only a
# full stack reaches the library a suppression names.
SANITIZER_ENV = ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0:exitcode=86 \
  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
sanitize: deps
	[ -f build-sanitize/build.ninja ] || meson setup build-sanitize -Db_sanitize=address,undefined -Db_lundef=false -Db_lto=false \
	  -Dbuildtype=debugoptimized -Dc_args=-fno-sanitize-recover=all -Dc_link_args=-fno-sanitize-recover=all
	nice meson compile -C build-sanitize
	@$(SANITIZER_ENV) meson test -C build-sanitize --print-errorlogs --timeout-multiplier 3 $(SANITIZE_TESTS); rc=$$?; \
	log=build-sanitize/meson-logs/testlog.txt; \
	echo "sanitize: $$(grep -cE '^ok ' $$log) passed, $$(grep -cE '^not ok ' $$log) failed"; \
	if grep -qE "^(SUMMARY: (Address|Undefined|Leak)Sanitizer|.*runtime error:)" $$log; then \
	  echo "sanitize: a sanitizer reported a problem (see $$log)"; exit 1; fi; \
	exit $$rc

# Fuzzing (docs/reliability.md): every harness in fuzz/ built with clang's libFuzzer, ASan and
# UBSan in build-fuzz/, each run for FUZZ_SECONDS over a working copy of its committed corpus.
# A crash is written to build-fuzz/crash-<target>-* and fails the target: add it to
# fuzz/regressions/<target>/ once fixed, so `make test` replays it from then on.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS = scenario sweep calibration
fuzz: deps
	@for p in clang-14 libclang-rt-14-dev libomp-14-dev; do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || \
	  { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$p; }; done
	[ -f build-fuzz/build.ninja ] || CC=clang-14 meson setup build-fuzz -Dlibfuzzer=true -Db_sanitize=address,undefined -Db_lto=false \
	  -Db_lundef=false -Dbuildtype=debugoptimized \
	  -Dc_args="-fsanitize=fuzzer-no-link -fno-sanitize-recover=all -fopenmp=libomp" \
	  -Dc_link_args="-fopenmp=libomp -L/usr/lib/llvm-14/lib -Wl,-rpath,/usr/lib/llvm-14/lib"
	ninja -C build-fuzz $(addprefix fuzz/fuzz_,$(FUZZ_TARGETS))
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p build-fuzz/corpus-$$t && cp -n fuzz/corpus/$$t/* build-fuzz/corpus-$$t/ 2>/dev/null; \
	  echo "fuzz $$t: $(FUZZ_SECONDS) s"; \
	  ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp UBSAN_OPTIONS=print_stacktrace=1 \
	  build-fuzz/fuzz/fuzz_$$t build-fuzz/corpus-$$t fuzz/regressions/$$t -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
	    -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 -artifact_prefix=build-fuzz/crash-$$t- \
	    > build-fuzz/fuzz-$$t.log 2>&1 || { tail -40 build-fuzz/fuzz-$$t.log; echo "fuzz $$t: FAILED, see build-fuzz/fuzz-$$t.log"; exit 1; }; \
	  grep -E "^stat::number_of_executed_units|^Done" build-fuzz/fuzz-$$t.log | tail -2; \
	  echo "  corpus: $$(ls build-fuzz/corpus-$$t | wc -l) inputs, $$(grep -o 'cov: [0-9]*' build-fuzz/fuzz-$$t.log | tail -1)"; \
	done
	@echo "fuzzing found no crash"

clean:
	rm -rf $(BUILD)
