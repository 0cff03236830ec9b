#!/bin/sh
# The whole test suite: build printaudit twice, plain and with
# AddressSanitizer + UndefinedBehaviorSanitizer, and run the tests with
# ctest on both; then the fuzz targets for a bounded time (FUZZ_SECONDS,
# default 30 each, from a fixed FUZZ_SEED) when clang is there. Needs root: the end-to-end tests
# start a private cupsd.
#
# The sanitizer build runs every test of the C code (unit, end-to-end,
# hostile input); the tests that prove shell tools and rsyslog
# configurations (wire_*, fleet_*) run once, in the plain build.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
jobs=$(nproc 2>/dev/null || echo 2)
log=$(mktemp)
trap 'rm -f "$log" "$log.rc"' EXIT
status=0

run_build() {			# run_build NAME SANITIZE [CTEST-ARGS...]
  name=$1 san=$2
  shift 2
  dir="$top/build-test-$name"
  echo "=== $name build"
  cmake -S "$top" -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DPRINTAUDIT_SANITIZE="$san" -DPRINTAUDIT_WERROR=ON >/dev/null
  cmake --build "$dir" -j "$jobs" >/dev/null
  echo "=== $name tests"
  # Stream ctest's output and keep it; its exit status goes through a file
  # (POSIX sh has no pipefail).
  { ctest --test-dir "$dir" --output-on-failure "$@"; echo $? > "$log.rc"; } |
    tee -a "$log"
  [ "$(cat "$log.rc")" = 0 ] || status=1
}

run_build plain ""
run_build sanitize "address,undefined" -E '^(wire|fleet)_'

if [ -x "$top/scripts/fuzz.sh" ] && command -v clang >/dev/null 2>&1; then
  echo "=== fuzz"
  # A fixed seed fixes libFuzzer's random choices, not the run: a timed run
  # goes as far as the machine's speed allows, and compared addresses vary
  # with ASLR. So a run can find an input that an earlier one missed; it is
  # kept in fuzz/regressions/ and must be fixed, like any failing test.
  # Exploratory runs: scripts/fuzz.sh with FUZZ_SEED unset.
  if FUZZ_SEED=${FUZZ_SEED:-20261201} "$top/scripts/fuzz.sh"; then
    echo "fuzz: 1 passed, 0 failed" >> "$log"
  else
    echo "fuzz: 0 passed, 1 failed" >> "$log"
    status=1
  fi
fi

# One closing line for both builds and the fuzz run.
awk '/tests passed, [0-9]+ tests? failed out of/ { total += $NF; failed += $4 }
     /^fuzz: / { total += $2 + $4; failed += $4 }
     END { printf "all suites: %d passed, %d failed\n", total - failed, failed }' "$log"
exit "$status"
