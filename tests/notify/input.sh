#!/usr/bin/env bash
# The notifier's input, fed by hand through a pipe (no cupsd): events it
# does not record and the end of the input between events end it quietly
# (status 0); input that ends inside an event, and an event cut short
# followed by the next one (what cupsd leaves in the pipe when an event
# did not fit: "Unable to send event"), end it with an ERROR line that
# says the queued events are lost (status 1), never silently.
set -euo pipefail
# shellcheck source=lib-notify.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib-notify.sh"

E2E_NAME=notify-input e2e_init_dir
[[ -x $PRINTAUDIT_NOTIFY_BIN ]] || e2e_die "no notifier at $PRINTAUDIT_NOTIFY_BIN"

# Events as cupsd writes them (scheduler/subscriptions.c), fewer attributes.
gen='
import struct, sys
def attr(tag, name, value):
    v = struct.pack(">i", value) if isinstance(value, int) else value.encode()
    return bytes([tag]) + struct.pack(">H", len(name)) + name.encode() + struct.pack(">H", len(v)) + v
def event(name, job, seq):
    head = bytes([2, 0]) + struct.pack(">Hi", 0, seq) + bytes([0x07])
    return head, [attr(0x47, "notify-charset", "utf-8"), attr(0x21, "notify-sequence-number", seq),
                  attr(0x44, "notify-subscribed-event", name), attr(0x21, "notify-job-id", job),
                  attr(0x23, "job-state", 9), attr(0x42, "printer-name", "q")]
def whole(name, job, seq):
    head, attrs = event(name, job, seq)
    return head + b"".join(attrs) + b"\x03"
kind = sys.argv[1]
out = b""
if kind == "events":
    # Not job-completed, or no job: nothing to ask cupsd, nothing to write.
    out = whole("job-progress", 1, 1) + whole("job-completed", 0, 2) + whole("job-progress", 1, 3)
elif kind == "ends-inside":
    w = whole("job-progress", 1, 2)
    out = whole("job-progress", 1, 1) + w[:len(w) // 2]
elif kind == "cut":
    head, attrs = event("job-progress", 1, 2)
    out = whole("job-progress", 1, 1) + head + b"".join(attrs[:3]) + whole("job-progress", 1, 3)
sys.stdout.buffer.write(out)'

status=0
run() {					# run KIND: the notifier on a pipe of KIND; sets status
  status=0
  # No cupsd: a request to it would fail with an ERROR line.
  CUPS_SERVER=$E2E_DIR/no-cupsd.sock PRINTAUDIT_CONF=$E2E_DIR/none.conf \
    "$PRINTAUDIT_NOTIFY_BIN" printaudit:// "" < <("$E2E_PY" -c "$gen" "$1") \
    >"$E2E_DIR/$1.out" 2>"$E2E_DIR/$1.err" || status=$?
}

run none
e2e_check_eq "no input: exit status 0" 0 "$status"
e2e_check_eq "no input: nothing on stderr" "" "$(cat "$E2E_DIR/none.err")"

run events
e2e_check_eq "events it does not record, then the end: exit status 0" 0 "$status"
e2e_check_eq "events it does not record: nothing on stderr" "" "$(cat "$E2E_DIR/events.err")"

run ends-inside
e2e_check_eq "input that ends inside an event: exit status 1" 1 "$status"
e2e_check "input that ends inside an event: an ERROR line says so" \
  grep -q '^ERROR: printaudit-notify: An event from cupsd ends after [0-9]* bytes; exiting (events already sent are lost)$' \
  "$E2E_DIR/ends-inside.err"

run cut
e2e_check_eq "an event cut short, then the next: exit status 1" 1 "$status"
e2e_check "an event cut short, then the next: an ERROR line says so" \
  grep -q '^ERROR: printaudit-notify: Unreadable event from cupsd after [0-9]* bytes .*"Unable to send event".*lost)$' \
  "$E2E_DIR/cut.err"
e2e_done
