#!/usr/bin/env bash
# valgrind memcheck: the unit-test programs and the shim itself are clean.
#
# Unit tests: every executable test_* of <builddir>/tests/unit (or
# HOSTILE_UNIT_DIR) runs with CK_FORK=no (all checks in one process, so
# memcheck sees them) under valgrind --leak-check=full --error-exitcode=1;
# a memcheck error, a definite or possible leak, or a failed check fails
# the test.  If there are none yet, that part is skipped with a message.
#
# The shim: every row of the bad-input matrix where the shim does not exec
# (usage, bad URIs and backends, bad configurations, JsonLog failures under
# OnLogFailure stop, exec failure) plus rows that build large records, run
# directly under valgrind --trace-children=no: the row's own checks hold,
# and valgrind reports no error and no leak before the exit or the exec.
#
# valgrind cannot run programs built with AddressSanitizer: in a sanitizer
# build this test is skipped (status 77); the sanitizers check those.
set -euo pipefail
# shellcheck source=lib-hostile.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib-hostile.sh"

hostile_require_unsanitized "valgrind cannot run sanitized programs (the sanitizers check this build)"
command -v valgrind >/dev/null || e2e_skip "valgrind is not installed"
UNIT_DIR=${HOSTILE_UNIT_DIR:-$(dirname "$(dirname "$PRINTAUDIT_BIN")")/tests/unit}
VALGRIND=(valgrind -q --error-exitcode=1 --leak-check=full "--errors-for-leak-kinds=definite,possible")

hostile_init
e2e_require_shim
dir=$E2E_DIR

units=()
for f in "$UNIT_DIR"/test_*; do
  [[ -f $f && -x $f ]] && units+=("$f")
done
if ((${#units[@]} == 0)); then
  e2e_note "SKIP unit tests: no test_* programs in $UNIT_DIR (not built yet)"
fi
for t in "${units[@]}"; do
  name=$(basename "$t")
  start=$(hostile_now)
  rc=0
  CK_FORK=no PRINTAUDIT_TEST_DATA="$PRINTAUDIT_SOURCE_DIR/tests/data" \
    "${VALGRIND[@]}" --log-file="$dir/$name.valgrind" "$t" >"$dir/$name.out" 2>&1 || rc=$?
  if ((rc == 0)); then
    e2e_pass "$name is memcheck-clean ($(hostile_elapsed "$start")s)"
  else
    e2e_fail "$name is memcheck-clean (status $rc)" \
      "$({ grep -E ':[FE]:' "$dir/$name.out" || true; } | head -n 5)" \
      "$({ grep -E '== (Invalid|Conditional|Use of|Syscall|Mismatched|Source and|[0-9,]+ bytes in)' \
             "$dir/$name.valgrind" || true; } | head -n 10)"
  fi
done

e2e_note "the shim under valgrind, directly, on the matrix rows that do not exec (and large records)"
if "$E2E_PY" "$HOSTILE_HERE/matrix.py" --shim "$PRINTAUDIT_BIN" \
     --wrap "valgrind -q --trace-children=no --leak-check=full --errors-for-leak-kinds=definite,possible --error-exitcode=99" \
     --nonexec --also '^(argc7_standard|options_(at_cap|10000|huge_utf8_value|invalid_utf8|controls)|title_(controls|invalid_utf8|64k)|syslog_split.*|syslog_gone_midstream|syslog_restart_midrecord|syslog_maxparts_.*|uri_password)$' \
     --skip 'fifo' >"$dir/matrix.out" 2>&1; then
  e2e_pass "every selected matrix row passes under valgrind ($(grep -c '^ok' "$dir/matrix.out") rows)"
else
  e2e_fail "every selected matrix row passes under valgrind" "$(grep -A3 '^not ok' "$dir/matrix.out" | head -n 40)"
fi
tail -n 1 "$dir/matrix.out"
e2e_done
