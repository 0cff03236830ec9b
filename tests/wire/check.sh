#!/usr/bin/env bash
# printaudit-wire --check against a real private cupsd: all wired, none
# wired, one unwired, a queue added later, a URI reverted by lpadmin, named
# printers (an unknown one, a class, a file: device), cupsd stopped, usage
# errors, a run as an unprivileged user, and, once the notifier is
# installed, its subscription live or cancelled.  Each exit status and every
# output line is asserted: one line per problem, then one Nagios-style
# summary line ("OK: ..." exit 0, "CRITICAL: ..." exit 2, "UNKNOWN: ..."
# exit 3).
set -euo pipefail
# shellcheck source=lib-wire.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib-wire.sh"
# shellcheck source=../notify/lib-notify.sh
. "$(dirname "${BASH_SOURCE[0]}")/../notify/lib-notify.sh"

e2e_init
e2e_require_shim
e2e_start_cupsd
e2e_note "printaudit-wire runs under $WIRE_SH"

check_out() {				# check_out WHAT EXPECTED-STDOUT: exactly
  e2e_check_eq "$1 (stdout, every line)" "$2" "$WIRE_OUT"
}

e2e_add_queue a "socket://127.0.0.1:9101"
e2e_add_queue b "socket://127.0.0.1:9102"
e2e_add_queue cred "ipp://user:secret@127.0.0.1:9/ipp/print"
e2e_add_queue f file:/dev/null
lpadmin -p a -c cls

# --- Nothing wired yet ---
wire_run --check --all
wire_check_rc "none wired: CRITICAL" 2
check_out "none wired" "a: not wired (device socket://127.0.0.1:9101)
b: not wired (device socket://127.0.0.1:9102)
cred: not wired (device ipp://127.0.0.1:9/ipp/print)
CRITICAL: 3 of 3 printers not wired: a, b, cred"
e2e_check_eq "nothing on stderr" "" "$WIRE_ERR"

# --- All wired ---
wire_run --all
wire_check_rc "wire --all" 0
wire_run --check --all
wire_check_rc "all wired: OK" 0
check_out "all wired: one line" "OK: 3 printers wired"
e2e_check_no_string "--check never shows the password" secret "$E2E_DIR/wire.out"
wire_run -c a b
wire_check_rc "named, all wired (-c)" 0
check_out "named, all wired" "OK: 2 printers wired"
wire_run --check B
wire_check_rc "one named, wired (case-insensitive)" 0
check_out "one named: singular" "OK: 1 printer wired"

# --- A URI reverted by lpadmin (as configuration management does) ---
lpadmin -p b -v "socket://127.0.0.1:9102"
wire_run --check --all
wire_check_rc "one reverted: CRITICAL" 2
check_out "one reverted" "b: not wired (device socket://127.0.0.1:9102)
CRITICAL: 1 of 3 printers not wired: b"
wire_run --check a
wire_check_rc "a named printer that is still wired" 0

# --- A queue added later ---
e2e_add_queue late "socket://127.0.0.1:9103"
wire_run --check --all
wire_check_rc "a queue added later: CRITICAL" 2
check_out "a queue added later" "b: not wired (device socket://127.0.0.1:9102)
late: not wired (device socket://127.0.0.1:9103)
CRITICAL: 2 of 4 printers not wired: b, late"

# --- Fixed by wiring again: OK ---
wire_run --all
wire_run --check --all
wire_check_rc "wired again: OK" 0
check_out "wired again" "OK: 4 printers wired"

# --- Named printers: unknown, class, file: device ---
wire_run --check a nosuch
wire_check_rc "an unknown printer: CRITICAL" 2
check_out "an unknown printer" "nosuch: no such printer
CRITICAL: 1 of 2 printers not wired: nosuch"
wire_run --check cls f a
wire_check_rc "a class and a file: device are not checked" 0
check_out "a class and a file: device" "cls: not checked: a class (classes have no device URI)
f: not checked: a file: device (there is no backend to wrap)
OK: 1 printer wired"

# --- Usage ---
for args in "--check" "--check --undo a" "--check --dry-run --all" "--check --status" \
            "--check --all a"; do
  read -r -a argv <<<"$args"
  wire_run "${argv[@]}"
  wire_check_rc "usage error: $args" 2
done

# --- An unprivileged user can run it (lpstat only) ---
# The script is given on stdin, opened here: nobody may not be able to
# reach the source tree (a clone under a 0700 directory).
if id nobody >/dev/null 2>&1; then
  rc=0
  out=$(runuser -u nobody -- env CUPS_SERVER="$CUPS_SERVER" TMPDIR=/tmp \
          "$WIRE_SH" -s -- --check --all <"$WIRE_SCRIPT" 2>&1) || rc=$?
  e2e_check_eq "as nobody: exit status" 0 "$rc"
  e2e_check_eq "as nobody: the summary" "OK: 4 printers wired" "$out"
fi

# --- The notifier installed: its subscription is checked too ---
notify_install
wire_run --check --all
wire_check_rc "notifier installed, no subscription: CRITICAL" 2
check_out "notifier installed, no subscription" \
"subscription: none: wired printers get no job.end records (printaudit-wire --subscribe)
CRITICAL: no notifier subscription"
wire_run --subscribe
wire_check_rc "--subscribe" 0
wire_run --check --all
wire_check_rc "subscription live: OK" 0
check_out "subscription live" "OK: 4 printers wired; notifier subscription live"
wire_run --unsubscribe
wire_check_rc "--unsubscribe (the subscription cancelled)" 0
lpadmin -p b -v socket://127.0.0.1:9102
wire_run --check --all
wire_check_rc "subscription cancelled and one reverted: CRITICAL" 2
check_out "subscription cancelled and one reverted" "b: not wired (device socket://127.0.0.1:9102)
subscription: none: wired printers get no job.end records (printaudit-wire --subscribe)
CRITICAL: 1 of 4 printers not wired: b; no notifier subscription"

# --- cupsd stopped: UNKNOWN ---
e2e_stop_cupsd
wire_run --check --all
wire_check_rc "cupsd stopped: UNKNOWN" 3
e2e_check "cupsd stopped: one UNKNOWN line" \
  grep -q -x -E 'UNKNOWN: the scheduler is not running \(.*\)' <<<"$WIRE_OUT"
e2e_check_eq "cupsd stopped: one line only" 1 "$(grep -c . <<<"$WIRE_OUT")"

e2e_done
