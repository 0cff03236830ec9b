#!/usr/bin/env bash
# printaudit-wire against a real private cupsd: wiring, --dry-run, --undo
# (the exact URI back, credentials included), --all, idempotence, unknown
# printers, classes, file: devices, temporary queues, --status, a stale
# printers.conf (DirtyCleanInterval > 0) and --offline with cupsd stopped.
# A job printed through each wired queue arrives and is audited.
set -euo pipefail
# shellcheck source=lib-wire.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib-wire.sh"

e2e_start
e2e_note "printaudit-wire runs under $WIRE_SH"
e2e_start_receiver sock
e2e_start_ippeveprinter
port=$(e2e_receiver_port sock)

sock_uri="socket://127.0.0.1:$port"
cred_uri="ipp://user:secret@127.0.0.1:$E2E_IPP_PORT/ipp/print"
# A password with an encoded '@', a query, and two '#' (printers.conf
# escapes the first one).
odd_uri='ipp://u2:p%40ss@127.0.0.1:9/ipp/print?x=1#frag#two'
odd_name='odd:Büro%1&x'
e2e_add_queue sock "$sock_uri"
e2e_add_queue cred "$cred_uri"
e2e_add_queue "$odd_name" "$odd_uri"
e2e_add_queue f file:/dev/null
lpadmin -p sock -c cls
lpadmin -p cred -c cls
wire_check_conf "printers.conf holds cred's URI with its password" cred "$cred_uri"

# --- --status before wiring ---
wire_run --status
wire_check_rc "--status" 0
e2e_check "--status has a header" grep -q -E '^PRINTER +WIRED +BACKEND +URI$' <<<"$WIRE_OUT"
e2e_check "--status: sock not wired" grep -q -E "^sock +no +socket +socket://127\.0\.0\.1:$port\$" <<<"$WIRE_OUT"
e2e_check "--status: f is a file: device" grep -q -E '^f +no +file +file:/dev/null$' <<<"$WIRE_OUT"
e2e_check "--status lists no class" wire_lacks '^cls ' "$WIRE_OUT"

# --- Unknown printer: an error, nothing changed ---
wire_snapshot "$E2E_DIR/before"
wire_run sock nosuchprinter cred
wire_check_rc "unknown printer" 1
wire_check_one_error_line "unknown printer: one line on stderr"
wire_check_err "unknown printer: named" "unknown printer: nosuchprinter"
wire_snapshot "$E2E_DIR/after"
e2e_check_same_file "unknown printer: nothing changed" "$E2E_DIR/before" "$E2E_DIR/after"

wire_run 'bad name'
wire_check_rc "a name CUPS cannot have" 1
wire_check_one_error_line "a name CUPS cannot have: one line on stderr"

wire_run --bogus sock
wire_check_rc "unknown option" 2
wire_run
wire_check_rc "no printer" 2
wire_run --all sock
wire_check_rc "--all with names" 2

# --- --dry-run: the exact lpadmin commands, nothing changed ---
wire_run --dry-run sock cred
wire_check_rc "--dry-run" 0
wire_check_out "--dry-run shows sock's command" "lpadmin -p 'sock' -v 'printaudit:$sock_uri'"
wire_check_out "--dry-run shows cred's request, without its password" \
  "ipptool -T 10 -t 'ipp://${CUPS_SERVER//\//%2F}/printers/cred' <CUPS-Add-Modify-Printer device-uri 'printaudit:ipp://user@127.0.0.1:$E2E_IPP_PORT/ipp/print', password not shown>"
e2e_check_no_string "--dry-run never shows the password" secret "$E2E_DIR/wire.out"
wire_check_err "--dry-run warns about the password" "cred: its device URI carries a password"
wire_snapshot "$E2E_DIR/after"
e2e_check_same_file "--dry-run changed nothing" "$E2E_DIR/before" "$E2E_DIR/after"

# Flags may follow the names.
wire_run sock --dry-run
wire_check_rc "flag after the name" 0
wire_check_out "flag after the name: dry run" "lpadmin -p 'sock' -v 'printaudit:$sock_uri'"

# --- Wiring ---
wire_run sock cred
wire_check_rc "wire sock cred" 0
wire_check_err "wiring a URI with a password warns" \
  "printaudit-wire: warning: cred: its device URI carries a password; once wired, lpstat -v shows it"
e2e_check_eq "sock: lpstat -v shows it wired" "printaudit:$sock_uri" "$(wire_view_uri sock)"
wire_check_conf "cred: printers.conf holds printaudit:<exact URI>" cred "printaudit:$cred_uri"
e2e_check_no_string "the output never shows the password" secret "$E2E_DIR/wire.out"

# Idempotent: wiring again changes nothing and never double-wraps.
wire_snapshot "$E2E_DIR/before"
wire_run cred sock
wire_check_rc "wire again" 0
wire_check_out "wire again: sock skipped" "sock: skipped: already wired"
wire_check_out "wire again: cred skipped" "cred: skipped: already wired"
wire_snapshot "$E2E_DIR/after"
e2e_check_same_file "wire again: nothing changed" "$E2E_DIR/before" "$E2E_DIR/after"
e2e_check "no double wrap anywhere" wire_lacks 'printaudit:printaudit:' \
  "$(cat "$E2E_SERVERROOT/printers.conf")"

# --status while wired: yes, the real backend, no password.
wire_run --status
e2e_check "--status: sock wired" grep -q -E "^sock +yes +socket +socket://127\.0\.0\.1:$port\$" <<<"$WIRE_OUT"
e2e_check "--status: cred wired, user kept, password dropped" \
  grep -q -E "^cred +yes +ipp +ipp://user@127\.0\.0\.1:$E2E_IPP_PORT/ipp/print\$" <<<"$WIRE_OUT"
e2e_check_no_string "--status never shows the password" secret "$E2E_DIR/wire.out"

# Jobs through the wired queues arrive and are audited.
doc=$E2E_DIR/document.txt
e2e_make_document "$doc" text
e2e_define_job "wire-socket" A4 one-sided monochrome
e2e_print_and_capture sock "$E2E_DIR/recv/sock" .bin "$doc"
e2e_check_records sock "$E2E_JOB" "$sock_uri" socket 127.0.0.1 "$port"
e2e_define_job "wire-ipp" iso_a4_210x297mm one-sided monochrome
e2e_print_and_capture cred "$E2E_IPP_SPOOL" .dat "$doc"
e2e_check_records cred "$E2E_JOB" "ipp://user@127.0.0.1:$E2E_IPP_PORT/ipp/print" ipp \
  127.0.0.1 "$E2E_IPP_PORT"

# --- Classes and file: devices are skipped ---
wire_snapshot "$E2E_DIR/before"
wire_run cls f
wire_check_rc "classes and file: devices" 0
wire_check_out "a class is skipped with a reason" "cls: skipped: a class"
wire_check_out "a file: device is skipped with a reason" "f: skipped: a file: device"
wire_snapshot "$E2E_DIR/after"
e2e_check_same_file "classes and file: devices: nothing changed" "$E2E_DIR/before" "$E2E_DIR/after"

# --- Temporary queues (never in printers.conf) are skipped ---
tmp_uri="ipp://127.0.0.1:$E2E_IPP_PORT/ipp/print"
wire_add_temporary_queue tempq "$tmp_uri"
wire_run tempq
wire_check_rc "a temporary queue" 0
wire_check_out "a temporary queue is skipped with a reason" "tempq: skipped: a temporary queue"
e2e_check_eq "the temporary queue is unchanged" "$tmp_uri" "$(wire_view_uri tempq)"
lpadmin -x tempq

# --- Undo: the exact URI back, credentials included ---
wire_run --undo cred SOCK
wire_check_rc "undo cred SOCK (names are case-insensitive)" 0
wire_check_conf "undo: cred's exact URI is back, password included" cred "$cred_uri"
wire_check_conf "undo: sock's exact URI is back" sock "$sock_uri"
e2e_check_eq "undo: lpstat -v hides cred's userinfo again" \
  "ipp://127.0.0.1:$E2E_IPP_PORT/ipp/print" "$(wire_view_uri cred)"

wire_snapshot "$E2E_DIR/before"
wire_run --undo sock
wire_check_rc "undo an unwired printer" 0
wire_check_out "undo an unwired printer: a message" "sock: not wired, nothing to undo"
wire_snapshot "$E2E_DIR/after"
e2e_check_same_file "undo an unwired printer: nothing changed" "$E2E_DIR/before" "$E2E_DIR/after"

# --- --all, both ways, an odd name and URI included ---
wire_run --all --dry-run
wire_check_rc "--all --dry-run" 0
wire_check_out "--all --dry-run: the odd queue" \
  "<CUPS-Add-Modify-Printer device-uri 'printaudit:${odd_uri/:p%40ss@/@}', password not shown>"
wire_run --all
wire_check_rc "--all" 0
for q in sock cred; do
  e2e_check_eq "--all wired $q" "printaudit:" "$(wire_view_uri "$q" | cut -c 1-11)"
done
wire_check_conf "--all wired the odd queue exactly" "$odd_name" "printaudit:$odd_uri"
wire_check_conf "--all left f alone" f file:/dev/null
wire_check_out "--all: the class skipped" "cls: skipped: a class"
wire_run --undo --all
wire_check_rc "--undo --all" 0
wire_check_conf "--undo --all: sock" sock "$sock_uri"
wire_check_conf "--undo --all: cred, with its password" cred "$cred_uri"
wire_check_conf "--undo --all: the odd queue" "$odd_name" "$odd_uri"
wire_check_conf "--undo --all: f" f file:/dev/null

# --- A stale printers.conf: cupsd writes it up to DirtyCleanInterval late ---
wire_set_dirty_clean_interval 4
new_cred="ipp://user:NEWsecret@127.0.0.1:$E2E_IPP_PORT/ipp/print"
# ConfigTime and printer-config-change-time count whole seconds: a change in
# the second of the file's last write cannot be told from it (cupsd's
# limit, not the script's). Change it in a later second, as the case means.
sleep 1.1
lpadmin -p cred -v "$new_cred"
# Only the hidden password changed: lpstat -v cannot tell, the file is old.
e2e_check_eq "printers.conf is stale right after lpadmin" "$cred_uri" "$(wire_conf_uri cred)"
wire_run cred
wire_check_rc "wire while printers.conf is stale" 0
e2e_wait_for 10 wire_conf_is cred "printaudit:$new_cred" || true
e2e_check_eq "wired with the new password, not the stale one" \
  "printaudit:$new_cred" "$(wire_view_uri cred)"
lpadmin -p cred -v "printaudit:$cred_uri"
PRINTAUDIT_WIRE_WAIT=1 wire_run --undo cred
wire_check_rc "a printers.conf that does not catch up in time is an error" 1
wire_check_one_error_line "a printers.conf that does not catch up: one line"
e2e_check_eq "... and nothing changed" "printaudit:$cred_uri" "$(wire_view_uri cred)"
wire_run --undo cred
wire_check_rc "undo once it caught up" 0
e2e_check_eq "undo once it caught up: exact URI" "ipp://127.0.0.1:$E2E_IPP_PORT/ipp/print" \
  "$(wire_view_uri cred)"
wire_check_conf "undo once it caught up: printers.conf" cred "$cred_uri"
wire_set_dirty_clean_interval 0

# --- --offline: cupsd stopped ---
wire_run --all
wire_check_rc "wire --all before stopping cupsd" 0
e2e_wait_for 10 wire_conf_is cred "printaudit:$cred_uri" || true
wire_run --undo --offline --all
wire_check_rc "--offline while cupsd runs is refused" 1
e2e_stop_cupsd
wire_run --undo --all
wire_check_rc "cupsd stopped: --undo --all says so" 3
wire_check_one_error_line "cupsd stopped: one line"
wire_run --status
wire_check_rc "cupsd stopped: --status says so" 3
wire_run --undo --offline --all --dry-run
wire_check_rc "--offline --dry-run" 0
wire_check_conf "--offline --dry-run changed nothing" cred "printaudit:$cred_uri"
wire_run --undo --offline --all
wire_check_rc "--undo --offline --all" 0
wire_check_conf "--offline: sock" sock "$sock_uri"
wire_check_conf "--offline: cred, with its password" cred "$cred_uri"
wire_check_conf "--offline: the odd queue" "$odd_name" "$odd_uri"
e2e_check_eq "--offline kept printers.conf's mode" 600 "$(stat -c %a "$E2E_SERVERROOT/printers.conf")"
e2e_start_cupsd_again "$E2E_DIR/log/cupsd.out.2"
e2e_check_eq "cupsd reads the unwired sock" "$sock_uri" "$(wire_view_uri sock)"
e2e_check_eq "cupsd reads the unwired odd queue" "${odd_uri/\/\/u2:p%40ss@/\/\/}" \
  "$(wire_view_uri "$odd_name")"
wire_run --status
e2e_check "after --offline no queue is wired" wire_lacks '^[^ ]+ +yes ' "$WIRE_OUT"

e2e_finish
