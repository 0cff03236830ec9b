# shellcheck shell=bash
#
# lib-notify.sh: what the notifier tests add to the harness
# (tests/lib/harness.sh, sourced first): printaudit-notify installed in the
# private ServerBin as a package installs it (notifier/printaudit,
# root:root 0755), printaudit-wire run against the private cupsd (it makes
# the notifier's subscription), and checks of the job.end records.
#
# Environment (beside the harness's):
#   PRINTAUDIT_NOTIFY_BIN  the built notifier (default: build/notifier/printaudit)

NOTIFY_HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../lib/harness.sh
. "$NOTIFY_HERE/../lib/harness.sh"

PRINTAUDIT_NOTIFY_BIN=${PRINTAUDIT_NOTIFY_BIN:-$PRINTAUDIT_SOURCE_DIR/build/notifier/printaudit}
NOTIFY_WIRE=$PRINTAUDIT_SOURCE_DIR/scripts/printaudit-wire
NOTIFY_OUTCOME=""			# The OutcomeLog
NOTIFY_LEDGER=""			# "PRINTER JOB STATE IMPRESSIONS STARTS" a line


notify_install() {			# The notifier into the private ServerBin
  local nb=$E2E_SERVERBIN/notifier f
  [[ -x $PRINTAUDIT_NOTIFY_BIN ]] ||
    e2e_die "no notifier at $PRINTAUDIT_NOTIFY_BIN (build it, or set PRINTAUDIT_NOTIFY_BIN)"
  # The harness links ServerBin/notifier to the system's; make it a directory
  # of links to the system's notifiers plus ours, as installed.
  if [[ -L $nb ]]; then
    rm -f "$nb"
    mkdir -p "$nb"
    for f in "$E2E_SYSTEM_SERVERBIN"/notifier/*; do
      [[ -e $f ]] && ln -s "$f" "$nb/"
    done
  fi
  install -o root -g root -m 0755 "$PRINTAUDIT_NOTIFY_BIN" "$nb/printaudit"
  e2e_note "notifier: $nb/printaudit"
}

notify_start() {			# rsyslogd, cupsd, the notifier, an OutcomeLog
  e2e_init
  e2e_require_shim
  e2e_start_rsyslog
  e2e_start_cupsd
  notify_install
  mkdir -p "$E2E_DIR/outcome"
  chown lp:lp "$E2E_DIR/outcome"
  NOTIFY_OUTCOME=$E2E_DIR/outcome/outcome.jsonl
  NOTIFY_LEDGER=$E2E_DIR/ledger
  : >"$NOTIFY_LEDGER"
  e2e_write_printaudit_conf "Syslog on" "SyslogSocket $E2E_DIR/log.sock" \
    "JsonLog $E2E_DIR/audit.jsonl" "OutcomeLog $NOTIFY_OUTCOME"
}

notify_wire() {				# notify_wire ARG...: printaudit-wire on our cupsd
  PRINTAUDIT_SERVERROOT=$E2E_SERVERROOT PRINTAUDIT_WIRE_WAIT=10 sh "$NOTIFY_WIRE" "$@"
}

notify_raw_queue() {			# Queue "raw" on a socket receiver, wired
  local port
  e2e_start_receiver sock
  port=$(e2e_receiver_port sock)
  e2e_add_queue raw "socket://127.0.0.1:$port"
  notify_wire raw >/dev/null
}

notify_doc() {				# notify_doc NAME TEXT: a document others can read; sets doc
  doc=$E2E_DIR/$1
  printf '%s\n' "$2" >"$doc"
  chmod 0644 "$doc"
}

notify_subscriptions() {		# Number of printaudit:// subscriptions
  notify_wire --status | grep -c '^subscription [0-9]*: printaudit://' || true
}

notify_expect() {			# notify_expect PRINTER JOB STATE IMPRESSIONS STARTS
  # Remember what job JOB must have left: one job.end with STATE and
  # IMPRESSIONS and cupsd's job-uuid, and STARTS job.start records.
  local uuid
  uuid=$(e2e_job_attr "$1" "$2" job-uuid)
  printf '%s %s %s %s %s %s\n' "$@" "${uuid:--}" >>"$NOTIFY_LEDGER"
}

notify_has_end() {			# notify_has_end PRINTER JOB: a job.end is in the OutcomeLog
  [[ -f $NOTIFY_OUTCOME ]] &&
    "$E2E_PY" "$NOTIFY_HERE/notify.py" has "$NOTIFY_OUTCOME" "$1" "$2"
}

notify_wait_end() {			# notify_wait_end PRINTER JOB: bounded wait
  e2e_wait_for "$E2E_WAIT" notify_has_end "$1" "$2" ||
    e2e_fail "job $2 on $1: a job.end record within ${E2E_WAIT}s"
}

notify_check_all() {			# Every job of the ledger, and nothing else
  local out lines
  e2e_records syslog >"$E2E_DIR/syslog-records.jsonl"
  # The job.start records of the JsonLog, with the uuid cupsd gave.
  if out=$("$E2E_PY" "$NOTIFY_HERE/notify.py" check "$NOTIFY_LEDGER" \
             "$E2E_DIR/syslog-records.jsonl" "$NOTIFY_OUTCOME" "$E2E_DIR/audit.jsonl" 2>&1); then
    printf '%s\n' "$out"
  else
    mapfile -t lines <<<"$out"
    printf '%s\n' "${lines[@]}"
    E2E_FAILURES=$((E2E_FAILURES + 1))
  fi
}

notify_error_log_size() {		# Bytes of cupsd's error_log
  stat -c %s "$E2E_DIR/log/error_log"
}

notify_start_sink() {			# notify_start_sink NAME: accepts, never reads, never closes
  local dir=$E2E_DIR/sink/$1
  mkdir -p "$dir"
  e2e_spawn "sink $1" "$dir.log" "$E2E_PY" -c '
import os, socket, sys, time
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
s.bind(("127.0.0.1", 0))
s.listen(8)
with open(sys.argv[1] + "/port.part", "w") as f:
    f.write("%d\n" % s.getsockname()[1])
os.rename(sys.argv[1] + "/port.part", sys.argv[1] + "/port")
held = []
while True:
    conn, _ = s.accept()
    held.append(conn)' "$dir"
  e2e_wait_for "$E2E_WAIT" test -s "$dir/port" || e2e_die "sink $1 did not start"
}

notify_sink_port() { cat "$E2E_DIR/sink/$1/port"; }

notify_make_pages() {			# notify_make_pages FILE N: N text pages (form feeds)
  "$E2E_PY" -c '
import sys
path, n = sys.argv[1], int(sys.argv[2])
with open(path, "w") as f:
    f.write("\f".join("printaudit page %d\n" % (i + 1) for i in range(n)))' "$1" "$2"
  chmod 0644 "$1"
}

notify_restart_cupsd() {		# Stop our cupsd (SIGTERM), start it again
  e2e_stop_cupsd
  e2e_start_cupsd_again "$E2E_DIR/log/cupsd.out"
}

notify_notifier_pids() {		# The running printaudit notifiers (cupsd's children)
  local pid
  pid=$(e2e_cupsd_pid) || return 0
  ps -o pid=,args= --ppid "$pid" | awk -v n="$E2E_SERVERBIN/notifier/printaudit" \
    '$2 == n { print $1 }'
}

notify_create_subscription() {		# A second all-printers subscription, by hand
  local host
  host=$("$E2E_PY" -c 'import urllib.parse, sys; print(urllib.parse.quote(sys.argv[1], safe=""))' \
           "$CUPS_SERVER")
  ipptool -T 10 -c "ipp://$host/" "$NOTIFY_HERE/subscribe.test" 2>&1
}

notify_stock_privacy() {		# notify_stock_privacy [CUPSD-LINE...]: cupsd restarted with
  # the stock JobPrivateAccess/JobPrivateValues (user names and titles
  # hidden from all but the owner and @SYSTEM) and the extra lines given.
  local conf=$E2E_SERVERROOT/cupsd.conf
  sed -i -e '/JobPrivateAccess all/d' -e '/JobPrivateValues none/d' "$conf"
  printf '%s\n' "$@" >>"$conf"
  notify_restart_cupsd
}

notify_start_listener() {		# notify_start_listener NAME PORT: reads to EOF on PORT
  local dir=$E2E_DIR/listener/$1
  mkdir -p "$dir"
  e2e_spawn "listener $1" "$dir.log" "$E2E_PY" -c '
import os, socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[2])))
s.listen(8)
open(sys.argv[1] + "/ready", "w").close()
n = 0
while True:
    conn, _ = s.accept()
    n += 1
    with conn, open("%s/%04d.part" % (sys.argv[1], n), "wb") as out:
        while True:
            data = conn.recv(65536)
            if not data:
                break
            out.write(data)
    os.rename("%s/%04d.part" % (sys.argv[1], n), "%s/%04d.bin" % (sys.argv[1], n))' "$dir" "$2"
  e2e_wait_for "$E2E_WAIT" test -e "$dir/ready" || e2e_die "listener $1 did not start"
}
