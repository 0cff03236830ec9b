#!/usr/bin/env bash
# The optional AppArmor profile (packaging/apparmor/
# usr.lib.cups.backend.printaudit) is parsed by the real apparmor_parser
# (-Q: not loaded into the kernel, -K: no cache), with the system's
# abstractions and tunables, and agrees with the rest of the package: it
# attaches to the installed backend's path, allows reading printaudit.conf
# and cups-files.conf, writing and locking the JsonLog that
# conf/printaudit.conf and the logrotate file name, the capabilities the
# identity switch needs, and runs the real backends under their own
# profiles (Px).  A profile with a syntax error is refused (the check can
# fail).
set -euo pipefail
# shellcheck source=lib-wire.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib-wire.sh"

command -v apparmor_parser >/dev/null || e2e_skip "apparmor_parser is not installed"
[[ -f /etc/apparmor.d/tunables/global && -f /etc/apparmor.d/abstractions/base ]] ||
  e2e_skip "no AppArmor abstractions in /etc/apparmor.d"

e2e_init
profile=$PRINTAUDIT_SOURCE_DIR/packaging/apparmor/usr.lib.cups.backend.printaudit
serverbin=$(cups-config --serverbin 2>/dev/null || echo /usr/lib/cups)

parse() {				# parse FILE: apparmor_parser -Q, output in the log
  apparmor_parser -Q -K "$1" >"$E2E_DIR/parser.log" 2>&1
}

rc=0
parse "$profile" || rc=$?
grep -v 'Cache read/write disabled' "$E2E_DIR/parser.log" | sed 's/^/#   parser: /' || true
e2e_check_eq "apparmor_parser -Q accepts the profile" 0 "$rc"
e2e_check_eq "apparmor_parser says nothing else" "" \
  "$(grep -v 'Cache read/write disabled' "$E2E_DIR/parser.log" || true)"
apparmor_parser -Q -K -p "$profile" >"$E2E_DIR/expanded" 2>/dev/null ||
  e2e_fail "apparmor_parser -p (preprocess)"

sed 's/\(^profile printaudit\) [^ ]*/\1 {BROKEN/' "$profile" >"$E2E_DIR/broken"
if parse "$E2E_DIR/broken"; then
  e2e_fail "a broken copy of the profile is refused"
else
  e2e_pass "a broken copy of the profile is refused"
fi

rule() { grep -q -E -- "$1" "$E2E_DIR/expanded"; }
e2e_check "attaches to $serverbin/backend/printaudit" \
  rule "^profile printaudit $serverbin/backend/printaudit "
jsonlog=$(sed -n 's/^#JsonLog //p' "$PRINTAUDIT_SOURCE_DIR/conf/printaudit.conf")
e2e_check "the logrotate file rotates conf/printaudit.conf's JsonLog ($jsonlog)" \
  grep -q -x -F "$jsonlog {" "$PRINTAUDIT_SOURCE_DIR/packaging/logrotate/printaudit"
e2e_check "writes and locks the JsonLog" rule "^ *$jsonlog rwk,"
e2e_check "reads printaudit.conf" rule '^ */etc/cups/printaudit\.conf r,'
e2e_check "reads cups-files.conf" rule '^ */etc/cups/cups-files\.conf r,'
for cap in setuid setgid; do
  e2e_check "capability $cap" rule "^ *capability $cap,"
done
e2e_check "real backends run under their own profiles (Px)" rule "^ *$serverbin/backend/\\* rPx,"
e2e_check "no unconfined exec (Ux/ux)" wire_lacks '[ ,][a-z]*[Uu]x,' "$(cat "$E2E_DIR/expanded")"
e2e_check "site additions: includes local/usr.lib.cups.backend.printaudit" \
  grep -q -x -F '  include if exists <local/usr.lib.cups.backend.printaudit>' "$profile"

e2e_done
