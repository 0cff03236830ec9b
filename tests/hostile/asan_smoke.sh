#!/usr/bin/env bash
# The sanitizer switch is real: PRINTAUDIT_SANITIZE=address,undefined
# instruments what printaudit_flags builds, and an empty one does not.
#
# HOSTILE_SMOKE is asan_smoke (built with printaudit_flags), HOSTILE_SANITIZE
# the CMake setting.  In a sanitizer build: a heap overflow dies with
# AddressSanitizer's heap-buffer-overflow report and a non-zero status, a
# signed overflow dies with UBSan's runtime error, and the shim and every
# unit-test program carry the sanitizer runtime.  In a plain build: the
# same overflows run to the end unreported, and neither the smoke program
# nor the shim references a sanitizer runtime.
set -euo pipefail
# shellcheck source=lib-hostile.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib-hostile.sh"

SMOKE=${HOSTILE_SMOKE:?HOSTILE_SMOKE must name the asan_smoke program}
SANITIZE=${HOSTILE_SANITIZE-}
UNIT_DIR=${HOSTILE_UNIT_DIR:-$(dirname "$(dirname "$PRINTAUDIT_BIN")")/tests/unit}

hostile_init
e2e_require_shim
dir=$E2E_DIR

uses() {				# uses PROGRAM SYMBOL-PREFIX: it references the runtime
  local symbols					# (no "nm | grep -q": SIGPIPE under pipefail)
  symbols=$(nm -D "$1" 2>/dev/null; nm "$1" 2>/dev/null || true)
  grep -q " $2" <<<"$symbols"
}

nope() { ! "$@"; }			# nope COMMAND...: COMMAND fails

e2e_check_eq "the smoke program was built with PRINTAUDIT_SANITIZE='$SANITIZE'" \
  "sanitize=$SANITIZE" "$("$SMOKE")"

run() {					# run MODE: status in RC, stderr in $dir/MODE.err
  RC=0
  "$SMOKE" "$1" >"$dir/$1.out" 2>"$dir/$1.err" || RC=$?
}

programs=("$PRINTAUDIT_BIN")
for f in "$UNIT_DIR"/test_*; do
  [[ -f $f && -x $f ]] && programs+=("$f")
done
((${#programs[@]} > 1)) || e2e_note "no unit-test programs in $UNIT_DIR: only the shim is inspected"

if [[ ,$SANITIZE, == *,address,* ]]; then
  run overflow
  e2e_check "ASan: a heap overflow exits non-zero (status $RC)" test "$RC" -ne 0
  e2e_check "ASan: it is reported as a heap-buffer-overflow" \
    grep -q "ERROR: AddressSanitizer: heap-buffer-overflow" "$dir/overflow.err"
  for p in "${programs[@]}"; do
    e2e_check "$(basename "$p") carries AddressSanitizer" uses "$p" __asan_init
  done
else
  run overflow
  e2e_check_eq "plain: the heap overflow goes unreported (status 0)" 0 "$RC"
  e2e_check "plain: no AddressSanitizer report" nope grep -q AddressSanitizer "$dir/overflow.err"
  for p in "$SMOKE" "${programs[@]}"; do
    e2e_check "$(basename "$p") carries no AddressSanitizer" nope uses "$p" __asan_init
  done
fi

if [[ ,$SANITIZE, == *,undefined,* ]]; then
  run ubsan
  e2e_check "UBSan: a signed overflow exits non-zero (status $RC)" test "$RC" -ne 0
  e2e_check "UBSan: it is reported as a runtime error" \
    grep -q "runtime error: signed integer overflow" "$dir/ubsan.err"
  for p in "${programs[@]}"; do
    e2e_check "$(basename "$p") carries UndefinedBehaviorSanitizer" uses "$p" __ubsan_handle
  done
else
  run ubsan
  e2e_check_eq "no UBSan: the signed overflow goes unreported (status 0)" 0 "$RC"
  for p in "$SMOKE" "${programs[@]}"; do
    e2e_check "$(basename "$p") carries no UndefinedBehaviorSanitizer" nope uses "$p" __ubsan_handle
  done
fi
e2e_done
