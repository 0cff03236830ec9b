#!/usr/bin/env bash
# local.sh: conf/rsyslog/printaudit-local.conf on a single host.  A private
# rsyslogd (imuxsock on a private socket) with the snippet gets records from
# the shim: plain ones, one with quotes, tabs, control characters and
# non-ASCII text, one split into an options core and options_slice parts,
# one whose core alone is too long (record_slice parts), and two in the
# ECS form (JsonFormat ecs), one of them split.  The JSON Lines
# file must hold exactly the JSON that the shim sent (no leading space),
# every part as it came; the stand-in for /var/log/syslog must hold none of
# it, but must get a "printaudit" message that is not JSON and other
# programs' messages.
set -euo pipefail
FLEET_TEST_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=SCRIPTDIR/lib-fleet.sh
. "$FLEET_TEST_DIR/lib-fleet.sh"

fleet_init

D=$E2E_DIR/local
mkdir -p "$D"
fleet_instantiate printaudit-local.conf "$D/printaudit-local.conf" \
  "/var/log/printaudit=>$D/out" || e2e_die "cannot instantiate printaudit-local.conf"
fleet_main_conf "$D" fleet-local "$D/printaudit-local.conf"
out=$(fleet_check_conf "$D/rsyslog.conf" 2>&1) || e2e_die "rsyslogd -N1 rejects $D/rsyslog.conf: $out"
e2e_pass "rsyslogd -N1 accepts printaudit-local.conf in a Debian-like rsyslog.conf"

fleet_start_rsyslogd rsyslogd "$D"
socket_up() { [[ -S $D/log.sock ]]; }
e2e_wait_for 20 socket_up || e2e_die "rsyslogd did not make $D/log.sock"

e2e_stub_serverbin "$D/serverbin" socket
printf 'Syslog on\nSyslogSocket %s\nJsonLog %s\n' "$D/log.sock" "$D/sent.jsonl" >"$D/printaudit.conf"
printf 'Syslog on\nSyslogSocket %s\nJsonLog %s\nJsonFormat ecs\n' "$D/log.sock" "$D/sent.jsonl" \
  >"$D/printaudit-ecs.conf"
chmod 0644 "$D/printaudit.conf" "$D/printaudit-ecs.conf"

shim() {				# shim JOB USER TITLE OPTIONS [CONF]
  PRINTAUDIT_CONF=${5:-$D/printaudit.conf} CUPS_SERVERBIN=$D/serverbin \
    DEVICE_URI=printaudit:socket://127.0.0.1:9100 \
    "$PRINTAUDIT_BIN" "$1" "$2" "$3" 1 "$4" 2>>"$D/shim.err" ||
    e2e_fail "the shim failed for job $1" "$(cat "$D/shim.err")"
}

many_options=$("$E2E_PY" -c 'print(" ".join("opt-%03d=%s" % (i, "v" * 90) for i in range(100)))')
long_title=$("$E2E_PY" -c 'print("T" * 4000)')
shim 1 alice "plain job" "media=A4 sides=one-sided"
shim 2 bob $'quotes "q" tab\there ctrl\x01\x1f del\x7f Ünïcödé 日本' 'media=Letter print-color-mode=color'
shim 3 carol "many options" "media=A4 $many_options"
shim 4 dave "$long_title" "media=A4 sides=two-sided-long-edge"
shim 5 erin "after the long ones" "media=A5"
shim 6 frank "ECS form, many options" "media=A4 $many_options" "$D/printaudit-ecs.conf"
shim 7 grace "ECS form" "media=A4" "$D/printaudit-ecs.conf"
logger -u "$D/log.sock" -t printaudit -- "fleet-local: not a record"
logger -u "$D/log.sock" -t other-program -- "fleet-local: another program"

sent=$(grep -c . "$D/sent.jsonl")
e2e_check_eq "the shim wrote 7 records" 7 "$sent"
: >"$D/results.tsv"
: >"$D/events.tsv"
"$E2E_PY" "$FLEET_TEST_DIR/tally.py" spec "$D/spec.json" "$D/out" "$D/out/rejected.log" \
  "$D/results.tsv" "$D/events.tsv" "local=syslog:$D/sent.jsonl:nojobs"
took=$("$E2E_PY" "$FLEET_TEST_DIR/tally.py" wait "$D/spec.json" 20) || true
e2e_note "rsyslogd: $took"
if out=$("$E2E_PY" "$FLEET_TEST_DIR/tally.py" final "$D/spec.json" local --assert); then
  printf '%s\n' "$out"
  e2e_pass "printaudit.jsonl holds every record, byte for byte, and nothing else"
else
  printf '%s\n' "$out"
  e2e_fail "printaudit.jsonl holds every record, byte for byte, and nothing else"
fi

jsonl=$D/out/printaudit.jsonl
e2e_check "every line of printaudit.jsonl starts with {" fleet_lacks '^[^{]' "$jsonl"
e2e_check "job 3 arrived as a core and options_slice parts" \
  grep -q '"action":"job.continued".*"options_slice"' "$jsonl"
e2e_check "job 4 arrived as record_slice parts" grep -q '"record_slice"' "$jsonl"
e2e_check "printaudit.jsonl has no raw control character" fleet_has_no_control "$jsonl"

# The stand-in for /var/log/syslog: the spoofed message and the other
# program's, no record.  rsyslogd writes in order: wait for the last one.
e2e_wait_for 20 grep -q -F "another program" "$D/syslog.out" ||
  e2e_fail "rsyslogd wrote the other program's message to its syslog file"
e2e_check "records stay out of the syslog file" fleet_lacks 'printaudit/1' "$D/syslog.out"
e2e_check "a printaudit message that is not JSON goes to the syslog file" \
  grep -q -F "fleet-local: not a record" "$D/syslog.out"

e2e_done
