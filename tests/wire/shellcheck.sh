#!/usr/bin/env bash
# Every shell script passes shellcheck: scripts/*, tests/**/*.sh, bench/*.sh and the
# package's maintainer scripts.  The POSIX ones (printaudit-wire,
# printaudit-uninstall, prerm) are also checked as sh, parsed by dash, and
# given to checkbashisms when it is installed.
set -euo pipefail

top=${PRINTAUDIT_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
cd "$top"
command -v shellcheck >/dev/null || { echo "# SKIP: shellcheck is not installed"; exit 77; }
failures=0

indent() { printf '%s\n' "$1" | while IFS= read -r line; do printf '#   %s\n' "$line"; done; }

is_shell() {				# is_shell FILE: a shell script by name or #! line
  case $1 in *.sh) return 0 ;; esac
  head -n 1 -- "$1" | grep -q -E '^#!.*[/ ](sh|bash|dash)( |$)'
}

files=()
for f in scripts/* packaging/deb/*.in bench/*.sh; do
  [[ -f $f ]] && is_shell "$f" && files+=("$f")
done
while IFS= read -r f; do
  files+=("$f")
done < <(find tests -type f -name '*.sh' | sort)

for f in "${files[@]}"; do
  if out=$(shellcheck -x -P SCRIPTDIR -- "$f" 2>&1); then
    echo "ok - shellcheck $f"
  else
    echo "not ok - shellcheck $f"
    indent "$out"
    failures=$((failures + 1))
  fi
done

posix=(scripts/printaudit-wire scripts/printaudit-uninstall packaging/deb/prerm.in)
for f in "${posix[@]}"; do
  if out=$(shellcheck -s sh -- "$f" 2>&1); then
    echo "ok - shellcheck -s sh $f"
  else
    echo "not ok - shellcheck -s sh $f"
    indent "$out"
    failures=$((failures + 1))
  fi
  if command -v dash >/dev/null; then
    if out=$(dash -n "$f" 2>&1); then
      echo "ok - dash -n $f"
    else
      echo "not ok - dash -n $f: $out"
      failures=$((failures + 1))
    fi
  fi
  if command -v checkbashisms >/dev/null; then
    if out=$(checkbashisms -f "$f" 2>&1); then
      echo "ok - checkbashisms $f"
    else
      echo "not ok - checkbashisms $f"
      indent "$out"
      failures=$((failures + 1))
    fi
  fi
done

echo "# ${#files[@]} scripts checked, $failures failures"
((failures == 0))
