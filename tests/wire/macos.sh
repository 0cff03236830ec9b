#!/usr/bin/env bash
# scripts/macos-pkg.sh cannot build on Linux (no pkgbuild, no Xcode): only
# its arguments are checked here.  --notarize without --sign, an unknown
# option, two versions and an option without its value are usage errors
# (exit 2); valid arguments get as far as the platform check (exit 1,
# "run this on macOS").  Building, signing and notarizing are untested.
set -euo pipefail
# shellcheck source=lib-wire.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib-wire.sh"
script=$PRINTAUDIT_SOURCE_DIR/scripts/macos-pkg.sh
[[ $(uname -s) != Darwin ]] || e2e_skip "on macOS this would build for real"

expect() {				# expect STATUS TEXT ARG...
  local want=$1 text=$2 rc=0 out
  shift 2
  out=$(sh "$script" "$@" 2>&1) || rc=$?
  if [[ $rc == "$want" && $out == *"$text"* ]]; then
    e2e_pass "macos-pkg.sh $* => $rc"
  else
    e2e_fail "macos-pkg.sh $* => $rc (want $want, \"$text\")" "$out"
  fi
}

expect 2 "--notarize needs --sign" --notarize profile 1.0
expect 2 usage --bogus
expect 2 usage 1.0 2.0
expect 2 usage --sign
expect 1 "run this on macOS" --sign "Developer ID Installer: Example (TEAMID)" --notarize p 1.0
expect 1 "run this on macOS" 1.0
e2e_done
