#!/usr/bin/env bash
# Every shell script passes shellcheck: scripts/*, tests/**/*.sh, bench/*.sh and the
# package's maintainer scripts.  The POSIX ones (printaudit-wire,
# printaudit-uninstall, prerm) are also checked as sh, parsed by dash, and
# given to checkbashisms when it is installed.
set -euo pipefail
# shellcheck source=lib-wire.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib-wire.sh"

cd "$PRINTAUDIT_SOURCE_DIR"
command -v shellcheck >/dev/null || e2e_skip "shellcheck is not installed"

is_shell() {				# is_shell FILE: a shell script by name or #! line
  case $1 in *.sh) return 0 ;; esac
  head -n 1 -- "$1" | grep -q -E '^#!.*[/ ](sh|bash|dash)( |$)'
}

check() {				# check WHAT COMMAND...: COMMAND's output is the detail
  local what=$1 out
  shift
  if out=$("$@" 2>&1); then
    e2e_pass "$what"
  else
    e2e_fail "$what" "$out"
  fi
}

files=()
for f in scripts/* packaging/deb/*.in bench/*.sh; do
  [[ -f $f ]] && is_shell "$f" && files+=("$f")
done
while IFS= read -r f; do
  files+=("$f")
done < <(find tests -type f -name '*.sh' | sort)

for f in "${files[@]}"; do
  check "shellcheck $f" shellcheck -x -P SCRIPTDIR -- "$f"
done

posix=(scripts/printaudit-wire scripts/printaudit-uninstall packaging/deb/prerm.in)
for f in "${posix[@]}"; do
  check "shellcheck -s sh $f" shellcheck -s sh -- "$f"
  if command -v dash >/dev/null; then
    check "dash -n $f" dash -n "$f"
  fi
  if command -v checkbashisms >/dev/null; then
    check "checkbashisms $f" checkbashisms -f "$f"
  fi
done

e2e_note "${#files[@]} scripts checked, $E2E_FAILURES failures"
e2e_done
