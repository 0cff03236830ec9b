#!/usr/bin/env bash
# scripts/macos-pkg.sh cannot build on Linux (no pkgbuild, no Xcode): only
# its arguments are checked here.  --notarize without --sign, an unknown
# option, two versions and an option without its value are usage errors
# (exit 2); valid arguments get as far as the platform check (exit 1,
# "run this on macOS").  Building, signing and notarizing are untested.
set -euo pipefail
top=${PRINTAUDIT_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
script=$top/scripts/macos-pkg.sh
[[ $(uname -s) != Darwin ]] || { echo "# SKIP: on macOS this would build for real"; exit 77; }
failures=0

expect() {				# expect STATUS TEXT ARG...
  local want=$1 text=$2 rc=0 out
  shift 2
  out=$(sh "$script" "$@" 2>&1) || rc=$?
  if [[ $rc == "$want" && $out == *"$text"* ]]; then
    echo "ok - macos-pkg.sh $* => $rc"
  else
    echo "not ok - macos-pkg.sh $* => $rc (want $want, \"$text\")"
    printf '#   %s\n' "$out"
    failures=$((failures + 1))
  fi
}

expect 2 "--notarize needs --sign" --notarize profile 1.0
expect 2 usage --bogus
expect 2 usage 1.0 2.0
expect 2 usage --sign
expect 1 "run this on macOS" --sign "Developer ID Installer: Example (TEAMID)" --notarize p 1.0
expect 1 "run this on macOS" 1.0
((failures == 0)) || exit 1
echo "# PASS"
