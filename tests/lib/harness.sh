# shellcheck shell=bash
#
# harness.sh: the one shell harness of printaudit's tests and benchmark,
# sourced by tests/e2e, hostile, fleet, wire, notify and report, by
# bench/ and by scripts/demo.sh.
#
# A test runs real components on loopback in a private temporary directory:
# a private cupsd (its own ServerRoot, spool, logs and ServerBin, whose
# backend directory holds the built shim as "printaudit"), a private
# rsyslogd, socket receivers, ippeveprinter and cups-lpd behind socat.  It
# prints jobs with lp and checks what the receivers, the spy backend and the
# sinks got.  Everything it starts is stopped by PID when the test exits;
# every wait is bounded.  When a test fails, its directory is kept and the
# tail of cupsd's error_log is shown.
#
# The functions keep the e2e_ prefix of the end-to-end suite they were
# first written for; the suites add their own on top (lib-hostile.sh,
# lib-fleet.sh, lib-notify.sh, lib-wire.sh, lib-report.sh and
# bench/lib-bench.sh).  One set of TAP helpers (e2e_pass, e2e_fail,
# e2e_check...), one way to start a daemon (e2e_spawn: a session of its
# own, every signal at its default, SIGTERM when the test dies), one
# private rsyslogd, one private cupsd, one spy backend (tests/lib/spy.c).
#
# Environment:
#   PRINTAUDIT_BIN         the built shim (default: build/backend/printaudit)
#   PRINTAUDIT_SOURCE_DIR  the source tree (default: two levels up)
#   E2E_KEEP=1             keep the temporary directory even on success
#   E2E_NAME               the temporary directory's name: printaudit-NAME.*
#                          (default: e2e)
#   E2E_CUPSD_LOGLEVEL     cupsd's LogLevel (default: debug)
#   E2E_CUPSD_EXTRA        more cupsd.conf lines, one a line (default: none)
#
# Output follows TAP's spirit: "ok - ...", "not ok - ...", "# ..." lines.

set -euo pipefail

E2E_LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
E2E_HERE=$(cd "$E2E_LIB/../e2e" && pwd)	# receiver.py, records.py, *.test
PRINTAUDIT_SOURCE_DIR=${PRINTAUDIT_SOURCE_DIR:-$(cd "$E2E_LIB/../.." && pwd)}
PRINTAUDIT_BIN=${PRINTAUDIT_BIN:-$PRINTAUDIT_SOURCE_DIR/build/backend/printaudit}
E2E_PY=/usr/bin/python3			# Not the pyenv python3 on PATH
E2E_SCHEMA=$PRINTAUDIT_SOURCE_DIR/schema/printaudit-record.schema.json
E2E_WAIT=${E2E_WAIT:-20}		# Longest single wait, seconds
E2E_SYSTEM_SERVERBIN=$(cups-config --serverbin 2>/dev/null || echo /usr/lib/cups)

# Set by the functions below, read by the tests.
# shellcheck disable=SC2034
E2E_IPP_PORT="" E2E_IPP_SPOOL="" E2E_LPD_PORT="" E2E_SPY_DIR="" E2E_JOB="" E2E_FILE=""
E2E_DIR=""				# The test's private directory
E2E_FAILURES=0
E2E_PIDS=()				# What we started, in order
E2E_NAMES=()
E2E_CUPS_PORT=""
E2E_SERVERBIN=""
E2E_SERVERROOT=""


# --- Reporting -------------------------------------------------------------

e2e_note() { printf '# %s\n' "$*"; }
e2e_pass() { printf 'ok - %s\n' "$*"; }

e2e_fail() {				# e2e_fail WHAT [DETAIL...]
  printf 'not ok - %s\n' "$1"
  shift
  local detail
  for detail in "$@"; do
    printf '#   %s\n' "${detail//$'\n'/$'\n#   '}"
  done
  E2E_FAILURES=$((E2E_FAILURES + 1))
}

e2e_die() {				# A failure that ends the test (safe in $(...))
  printf 'not ok - %s\nBail out! %s\n' "$*" "$*" >&2
  exit 1
}

e2e_check() {				# e2e_check WHAT COMMAND...
  local what=$1
  shift
  if "$@"; then e2e_pass "$what"; else e2e_fail "$what"; fi
}

e2e_check_eq() {			# e2e_check_eq WHAT EXPECTED ACTUAL
  if [[ "$2" == "$3" ]]; then
    e2e_pass "$1"
  else
    e2e_fail "$1" "expected: $2" "actual:   $3"
  fi
}

e2e_check_same_file() {			# e2e_check_same_file WHAT EXPECTED ACTUAL
  if cmp -s -- "$2" "$3"; then
    e2e_pass "$1"
  else
    e2e_fail "$1" "$(cmp -- "$2" "$3" 2>&1 || true)" \
      "$(diff <(od -c "$2") <(od -c "$3") 2>&1 | head -n 8 || true)"
  fi
}

e2e_check_no_string() {			# e2e_check_no_string WHAT STRING FILE...
  local what=$1 string=$2 hits
  shift 2
  if hits=$(grep -F -l -- "$string" "$@" 2>/dev/null); then
    e2e_fail "$what" "\"$string\" found in:" "$hits"
  else
    e2e_pass "$what"
  fi
}

e2e_wait_for() {			# e2e_wait_for [-i INTERVAL] SECONDS COMMAND...
  # Run COMMAND every INTERVAL seconds (default 0.1) until it succeeds;
  # false if it did not within SECONDS.
  local interval=0.1 deadline
  if [[ $1 == -i ]]; then
    interval=$2
    shift 2
  fi
  deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep "$interval"
  done
}


# --- Setup and teardown ----------------------------------------------------

e2e_init() {				# As root: the private directory; arm the cleanup
  [[ $(id -u) == 0 ]] || e2e_die "the end-to-end tests run cupsd and must run as root"
  e2e_init_dir
}

e2e_init_dir() {			# e2e_init for any user (no daemon, no change of identity)
  E2E_DIR=$(mktemp -d "${TMPDIR:-/tmp}/printaudit-${E2E_NAME:-e2e}.XXXXXX")
  # Backends run as lp must reach the spool, the spy's output and the canary.
  chmod 0755 "$E2E_DIR"
  trap e2e_cleanup EXIT
  # Say where a command failed that set -e stops the test for.
  set -E
  trap 'printf "# error: status %d at line %d (%s): %s\n" "$?" "$LINENO" \
    "${FUNCNAME[*]:-main}" "$BASH_COMMAND" >&2' ERR
  trap 'exit 129' HUP
  trap 'exit 130' INT
  trap 'exit 141' PIPE
  trap 'exit 143' TERM
  e2e_note "test directory: $E2E_DIR"
}

e2e_cleanup() {				# EXIT trap: stop what we started, report
  local status=$? i
  trap - EXIT HUP INT TERM
  trap '' PIPE				# Clean up even if no one reads our output
  if ((status == 0 && E2E_FAILURES > 0)); then
    status=1
  fi
  e2e_stop_all
  if ((status == 77)); then		# Skipped: nothing to keep
    [[ -z $E2E_DIR || ${E2E_KEEP:-0} == 1 ]] || rm -rf -- "$E2E_DIR"
  elif ((status != 0)); then
    printf '# FAILED (%d failed checks, exit status %d); kept %s\n' \
      "$E2E_FAILURES" "$status" "$E2E_DIR"
    if [[ -f $E2E_DIR/log/error_log ]]; then
      printf '# tail of %s:\n' "$E2E_DIR/log/error_log"
      tail -n 40 "$E2E_DIR/log/error_log" | sed 's/^/#   /'
    fi
  elif [[ -n $E2E_DIR && ${E2E_KEEP:-0} != 1 ]]; then
    rm -rf -- "$E2E_DIR"
  fi
  exit "$status"
}

e2e_stop_all() {			# Stop everything we started, last first
  while ((${#E2E_PIDS[@]} > 0)); do
    e2e_stop_pid "${E2E_PIDS[-1]}" "${E2E_NAMES[-1]}"
  done
}

e2e_skip() {				# e2e_skip REASON: exit 77 (cleanup as usual)
  printf '# SKIP: %s\n' "$*"
  exit 77
}

e2e_finish() {				# Last call of a test: validate records, report
  e2e_validate_records
  e2e_done
}

e2e_done() {				# Last call of a test that makes no records: report
  if ((E2E_FAILURES > 0)); then
    exit 1
  fi
  printf '# PASS\n'
}

# Run by e2e_spawn: "PARENT COMMAND..." execs COMMAND in a session of its
# own with every signal at its default and none blocked (a background job
# of a script ignores SIGINT, and that would leak into cupsd and from there
# into every backend).  It also gets SIGTERM when PARENT (the test's shell)
# dies without cleaning up (SIGKILL from a timeout: PR_SET_PDEATHSIG), and
# does not start if it is gone already.
E2E_SPAWN_PY='
import ctypes, os, signal, sys
for sig in range(1, signal.NSIG):
    try:
        signal.signal(sig, signal.SIG_DFL)
    except (OSError, ValueError):
        pass
signal.pthread_sigmask(signal.SIG_SETMASK, [])
ctypes.CDLL(None).prctl(1, signal.SIGTERM)	# PR_SET_PDEATHSIG
if os.getppid() != int(sys.argv[1]):
    sys.exit("the test is gone")
os.setsid()
os.execvp(sys.argv[2], sys.argv[2:])'

e2e_spawn() {				# e2e_spawn NAME LOG COMMAND...
  # Start COMMAND (see E2E_SPAWN_PY), tracked for e2e_cleanup; the PID is
  # COMMAND's, a child of this shell.  Its output is appended to LOG (a
  # daemon started again keeps its first run's).  It is no job of the shell:
  # bash would report "Killed" at some later line when one is killed.
  local name=$1 log=$2
  shift 2
  "$E2E_PY" -c "$E2E_SPAWN_PY" "$$" "$@" </dev/null >>"$log" 2>&1 &
  E2E_PIDS+=("$!")
  E2E_NAMES+=("$name")
  disown "$!"
}

e2e_alive() {				# e2e_alive PID: running and not a zombie
  local state
  state=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
  [[ $state != Z* ]]
}

e2e_gone() { ! e2e_alive "$1"; }

e2e_ours() {				# e2e_ours PID: alive and a child of this shell
  # A PID of ours that exited may be another process's by now; a process
  # e2e_spawn started is this shell's child until it exits.
  local ppid
  ppid=$(ps -o ppid= -p "$1" 2>/dev/null) || return 1
  ((ppid == $$)) && e2e_alive "$1"
}

e2e_pid() {				# e2e_pid NAME: the PID of ours, still running, started last as NAME
  local i
  for ((i = ${#E2E_PIDS[@]} - 1; i >= 0; i--)); do
    if [[ ${E2E_NAMES[i]} == "$1" ]] && e2e_ours "${E2E_PIDS[i]}"; then
      echo "${E2E_PIDS[i]}"
      return 0
    fi
  done
  return 1
}

E2E_STOP_WAIT=${E2E_STOP_WAIT:-5}	# Seconds from the signal to SIGKILL

e2e_stop_pid() {			# e2e_stop_pid PID NAME [SIGNAL]: stop, wait, forget
  # SIGNAL (default TERM), then SIGKILL after E2E_STOP_WAIT seconds; only
  # while the PID is still ours (e2e_ours).  The PID leaves E2E_PIDS.
  local pid=$1 name=$2 sig=${3:-TERM} i pids=() names=()
  if e2e_ours "$pid"; then
    kill "-$sig" "$pid" 2>/dev/null || true
    if ! e2e_wait_for "$E2E_STOP_WAIT" e2e_gone "$pid"; then
      e2e_note "$name (PID $pid) ignored SIG$sig for $E2E_STOP_WAIT s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
      e2e_wait_for 2 e2e_gone "$pid" || true
    fi
  fi
  for i in "${!E2E_PIDS[@]}"; do
    if [[ ${E2E_PIDS[i]} != "$pid" ]]; then
      pids+=("${E2E_PIDS[i]}")
      names+=("${E2E_NAMES[i]}")
    fi
  done
  E2E_PIDS=("${pids[@]}")
  E2E_NAMES=("${names[@]}")
}

e2e_stop() {				# e2e_stop NAME [SIGNAL]: e2e_stop_pid on e2e_pid NAME
  local pid
  pid=$(e2e_pid "$1") || return 0
  e2e_stop_pid "$pid" "$1" "${2:-TERM}"
}

e2e_stub_serverbin() {			# e2e_stub_serverbin DIR NAME...: DIR/backend/NAMEs exit 0
  # A ServerBin for the shim run by hand (CUPS_SERVERBIN=DIR): it execs the
  # backend, which does nothing.  0755: the shim runs it as lp when root.
  local name
  mkdir -p "$1/backend"
  chmod 0755 "$1" "$1/backend"
  for name in "${@:2}"; do
    printf '#!/bin/sh\nexit 0\n' >"$1/backend/$name"
    chmod 0755 "$1/backend/$name"
  done
}

e2e_free_port() {			# Print a TCP port free on 127.0.0.1 now
  "$E2E_PY" -c '
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

e2e_listening() {			# e2e_listening PORT: something listens on 127.0.0.1:PORT
  local hex
  hex=$(printf '%04X' "$1")
  # /proc/net/tcp: "sl local_address rem_address st ...", 0A is LISTEN.
  awk -v a="0100007F:$hex" '$2 == a && $4 == "0A" { found = 1 } END { exit !found }' /proc/net/tcp
}


# --- rsyslogd --------------------------------------------------------------

e2e_start_rsyslog() {			# Syslog receiver on $E2E_DIR/log.sock -> syslog.out
  local dir=$E2E_DIR/rsyslog
  mkdir -p "$dir"
  cat >"$dir/rsyslog.conf" <<EOF
global(workDirectory="$dir" maxMessageSize="64k"
       parser.escapeControlCharactersOnReceive="off")
module(load="imuxsock" SysSock.Name="$E2E_DIR/log.sock"
       SysSock.RateLimit.Interval="0")
template(name="e2e" type="string"
         string="%programname%\t%syslogfacility-text%\t%syslogseverity-text%\t%msg%\n")
action(type="omfile" file="$E2E_DIR/syslog.out" template="e2e")
EOF
  rsyslogd -N1 -f "$dir/rsyslog.conf" >"$dir/check.log" 2>&1 ||
    e2e_die "rsyslogd -N1 rejects $dir/rsyslog.conf: $(cat "$dir/check.log")"
  e2e_spawn rsyslogd "$dir/stdout" rsyslogd -n -f "$dir/rsyslog.conf" -i "$dir/pid"
  e2e_wait_for "$E2E_WAIT" test -S "$E2E_DIR/log.sock" ||
    e2e_die "rsyslogd did not create $E2E_DIR/log.sock"
  e2e_syslog_sync
  e2e_note "rsyslogd: $E2E_DIR/log.sock -> $E2E_DIR/syslog.out"
}

e2e_syslog_sync() {			# Wait until rsyslogd wrote all it received so far
  # imuxsock reads the socket in order, so once a marker sent now is in the
  # file, every message sent before it is there too.
  local marker="sync-$$-$RANDOM$RANDOM"
  logger -u "$E2E_DIR/log.sock" -t e2e-sync -- "$marker"
  e2e_wait_for "$E2E_WAIT" grep -q -F -- "$marker" "$E2E_DIR/syslog.out" 2>/dev/null ||
    e2e_die "rsyslogd did not write a marker to $E2E_DIR/syslog.out"
}


# --- cupsd -----------------------------------------------------------------

e2e_serverbin_dir() {			# e2e_serverbin_dir DIR: system programs, backend/ ours
  local f
  mkdir -p "$1/backend"
  for f in "$E2E_SYSTEM_SERVERBIN"/*; do
    [[ $(basename "$f") == backend ]] || ln -s "$f" "$1/"
  done
}

e2e_build_serverbin() {			# Private ServerBin: system programs + our backends
  local sb=$E2E_DIR/serverbin f
  e2e_serverbin_dir "$sb"
  for f in "$E2E_SYSTEM_SERVERBIN"/backend/*; do
    ln -s "$f" "$sb/backend/"
  done
  E2E_SERVERBIN=$sb
  e2e_install_spy
  if [[ -x $PRINTAUDIT_BIN ]]; then
    install -o root -g root -m 0700 "$PRINTAUDIT_BIN" "$sb/backend/printaudit"
  fi
}

e2e_build_spy() {			# e2e_build_spy OUT SPYDIR [dir|run|minimal]
  # The spy backend (tests/lib/spy.c), writing into SPYDIR: a directory a
  # run (dir), one file a run (run) or one empty file a job id (minimal).
  local spy_flags=()
  case ${3:-dir} in
    run) spy_flags+=(-DSPY_RUN_FILE) ;;
    minimal) spy_flags+=(-DSPY_MINIMAL) ;;
  esac
  mkdir -p "$2"
  "${CC:-cc}" -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror "${spy_flags[@]}" \
    -DSPY_DIR="\"$2\"" -o "$1" "$E2E_LIB/spy.c" || e2e_die "cannot build the spy backend"
  chmod 0755 "$1"
}

e2e_install_spy() {			# Build the spy backend into the private backend dir
  E2E_SPY_DIR=$E2E_DIR/spy
  e2e_build_spy "$E2E_SERVERBIN/backend/spy" "$E2E_SPY_DIR"
  chown lp:lp "$E2E_SPY_DIR"
}

e2e_write_printaudit_conf() {		# e2e_write_printaudit_conf [LINE...]
  # The shim's configuration: the LINEs, or by default both sinks in the
  # test directory.  The shim reads it at every job.
  local conf=$E2E_SERVERROOT/printaudit.conf
  if (($# == 0)); then
    set -- "Syslog on" "SyslogSocket $E2E_DIR/log.sock" "JsonLog $E2E_DIR/audit.jsonl"
  fi
  printf '%s\n' "# Written by tests/lib/harness.sh" "$@" >"$conf"
  chown root:root "$conf"
  chmod 0644 "$conf"
}

e2e_start_cupsd() {			# Private cupsd on 127.0.0.1:<free> and cups.sock
  local root=$E2E_DIR/conf
  E2E_SERVERROOT=$root
  mkdir -p "$root" "$E2E_DIR/spool/tmp" "$E2E_DIR/cache" "$E2E_DIR/state" "$E2E_DIR/log"
  e2e_build_serverbin
  E2E_CUPS_PORT=$(e2e_free_port)
  cat >"$root/cups-files.conf" <<EOF
ServerRoot $root
RequestRoot $E2E_DIR/spool
TempDir $E2E_DIR/spool/tmp
CacheDir $E2E_DIR/cache
StateDir $E2E_DIR/state
ServerBin $E2E_SERVERBIN
ErrorLog $E2E_DIR/log/error_log
AccessLog $E2E_DIR/log/access_log
PageLog $E2E_DIR/log/page_log
Printcap $E2E_DIR/printcap
User lp
Group lp
SystemGroup root lpadmin
EOF
  cat >"$root/cupsd.conf" <<EOF
LogLevel ${E2E_CUPSD_LOGLEVEL:-debug}
Listen 127.0.0.1:$E2E_CUPS_PORT
Listen $E2E_DIR/cups.sock
Browsing No
WebInterface No
DirtyCleanInterval 0
<Location />
  Order allow,deny
  Allow localhost
</Location>
<Policy default>
  JobPrivateAccess all
  JobPrivateValues none
  SubscriptionPrivateAccess all
  SubscriptionPrivateValues none
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
${E2E_CUPSD_EXTRA:-}
EOF
  e2e_write_printaudit_conf
  cupsd -t -c "$root/cupsd.conf" -s "$root/cups-files.conf" >"$E2E_DIR/log/check" 2>&1 ||
    e2e_die "cupsd -t rejects the configuration: $(cat "$E2E_DIR/log/check")"
  export CUPS_SERVER=$E2E_DIR/cups.sock
  e2e_start_cupsd_again "$E2E_DIR/log/cupsd.out"
  e2e_note "cupsd: 127.0.0.1:$E2E_CUPS_PORT and $CUPS_SERVER"
}

e2e_cupsd_ready() {
  [[ $(lpstat -r 2>/dev/null) == "scheduler is running" ]]
}

e2e_cupsd_pid() { e2e_pid cupsd; }	# The PID of the running cupsd we started last

e2e_stop_cupsd() {			# Stop our cupsd (SIGTERM, by PID)
  local pid
  pid=$(e2e_cupsd_pid) || e2e_die "no cupsd of ours is running"
  e2e_stop_pid "$pid" cupsd
}

e2e_start_cupsd_again() {		# e2e_start_cupsd_again LOG: the same configuration
  local root=$E2E_SERVERROOT
  e2e_spawn cupsd "$1" cupsd -f -c "$root/cupsd.conf" -s "$root/cups-files.conf"
  e2e_wait_for "$E2E_WAIT" e2e_cupsd_ready || e2e_die "cupsd did not start"
}

e2e_cupsd_reload() {			# SIGHUP, until cupsd has re-read its configuration
  local pid before
  pid=$(e2e_cupsd_pid) || e2e_die "no cupsd of ours is running"
  before=$(grep -c "Full reload complete" "$E2E_DIR/log/error_log" || true)
  kill -HUP "$pid"
  e2e_wait_for "$E2E_WAIT" e2e_cupsd_reloaded "$before" ||
    e2e_die "cupsd did not reload after SIGHUP"
  e2e_wait_for "$E2E_WAIT" e2e_cupsd_ready || e2e_die "cupsd did not come back after SIGHUP"
  e2e_alive "$pid" || e2e_die "cupsd (PID $pid) exited on SIGHUP"
}

e2e_cupsd_reloaded() {			# e2e_cupsd_reloaded COUNT: more reloads logged than COUNT
  (($(grep -c "Full reload complete" "$E2E_DIR/log/error_log" || true) > $1))
}

e2e_require_shim() {			# The wired tests need the built shim
  [[ -x $PRINTAUDIT_BIN ]] ||
    e2e_die "no shim at $PRINTAUDIT_BIN (build it, or set PRINTAUDIT_BIN)"
  e2e_note "shim: $PRINTAUDIT_BIN"
}

e2e_start() {				# The usual setup: rsyslogd, then cupsd with the shim
  e2e_init
  e2e_require_shim
  e2e_start_rsyslog
  e2e_start_cupsd
}


# --- Receivers ---------------------------------------------------------------

e2e_start_receiver() {			# e2e_start_receiver NAME: socket receiver
  local dir=$E2E_DIR/recv/$1
  mkdir -p "$dir"
  e2e_spawn "receiver $1" "$dir.log" "$E2E_PY" "$E2E_HERE/receiver.py" "$dir"
  e2e_wait_for "$E2E_WAIT" test -s "$dir/port" || e2e_die "receiver $1 did not start"
}

e2e_receiver_port() { cat "$E2E_DIR/recv/$1/port"; }

e2e_receiver_count() {			# e2e_receiver_count NAME: connections completed
  local files=("$E2E_DIR/recv/$1"/*.bin)
  [[ -e ${files[0]} ]] || { echo 0; return; }
  echo "${#files[@]}"
}

e2e_start_ippeveprinter() {		# IPP Everywhere printer on 127.0.0.1:$E2E_IPP_PORT
  local dir=$E2E_DIR/ipp
  mkdir -p "$dir/spool"
  # ippeveprinter wants a D-Bus bus even with -r off.
  e2e_spawn dbus-daemon "$dir/dbus.log" \
    dbus-daemon --session --address="unix:path=$dir/dbus.sock" --nofork --nopidfile
  e2e_wait_for "$E2E_WAIT" test -S "$dir/dbus.sock" || e2e_die "dbus-daemon did not start"
  E2E_IPP_PORT=$(e2e_free_port)
  # shellcheck disable=SC2034 # for the tests
  E2E_IPP_SPOOL=$dir/spool
  e2e_spawn ippeveprinter "$dir/ippeveprinter.log" \
    env DBUS_SYSTEM_BUS_ADDRESS="unix:path=$dir/dbus.sock" \
    ippeveprinter -n localhost -p "$E2E_IPP_PORT" -r off -k -2 -d "$dir/spool" \
    -c /bin/true -f application/octet-stream,text/plain,application/pdf e2e
  e2e_wait_for "$E2E_WAIT" ipptool -T 5 "ipp://127.0.0.1:$E2E_IPP_PORT/ipp/print" \
    get-printer-attributes.test >/dev/null 2>&1 || e2e_die "ippeveprinter did not start"
  e2e_note "ippeveprinter: ipp://127.0.0.1:$E2E_IPP_PORT/ipp/print"
}

e2e_start_lpd_gateway() {		# cups-lpd on 127.0.0.1:$E2E_LPD_PORT, into our cupsd
  E2E_LPD_PORT=$(e2e_free_port)
  e2e_spawn "socat (cups-lpd)" "$E2E_DIR/socat.log" \
    socat "TCP-LISTEN:$E2E_LPD_PORT,bind=127.0.0.1,reuseaddr,fork" \
    "EXEC:$E2E_SYSTEM_SERVERBIN/daemon/cups-lpd -n -h $CUPS_SERVER,nofork"
  e2e_wait_for "$E2E_WAIT" e2e_listening "$E2E_LPD_PORT" || e2e_die "socat did not start"
  e2e_note "cups-lpd: lpd://127.0.0.1:$E2E_LPD_PORT/<queue>"
}


# --- Queues and jobs ---------------------------------------------------------

e2e_add_queue() {			# e2e_add_queue NAME URI [LPADMIN-ARG...]
  local name=$1 uri=$2 out
  shift 2
  out=$(lpadmin -p "$name" -v "$uri" -E "$@" 2>&1) ||
    e2e_die "lpadmin -p $name -v $uri failed: $out"
}

e2e_print() {				# e2e_print QUEUE LP-ARG...: print the job id
  local queue=$1 out
  shift
  out=$(lp -d "$queue" "$@" 2>&1) || e2e_die "lp -d $queue $* failed: $out"
  [[ $out =~ ^request\ id\ is\ $queue-([0-9]+)\  ]] || e2e_die "lp said: $out"
  echo "${BASH_REMATCH[1]}"
}

e2e_ipp() {				# e2e_ipp QUEUE TESTFILE ATTR [-d VAR=VALUE...]
  local queue=$1 test=$2 attr=$3
  shift 3
  ipptool -T 5 -c "$@" "ipp://127.0.0.1:$E2E_CUPS_PORT/printers/$queue" \
    "$E2E_HERE/$test" 2>/dev/null |
    "$E2E_PY" -c '
import csv, sys
rows = list(csv.reader(sys.stdin))
print(rows[1][rows[0].index(sys.argv[1])] if len(rows) > 1 else "")' "$attr"
}

e2e_job_attr() {			# e2e_job_attr QUEUE JOB ATTR
  e2e_ipp "$1" get-job.test "$3" -d "job_id=$2"
}

e2e_printer_attr() {			# e2e_printer_attr QUEUE ATTR
  e2e_ipp "$1" get-printer.test "$2"
}

e2e_job_in_state() {			# e2e_job_in_state QUEUE JOB STATE
  [[ $(e2e_job_attr "$1" "$2" job-state) == "$3" ]]
}

e2e_wait_job() {			# e2e_wait_job QUEUE JOB STATE: bounded wait
  e2e_wait_for "$E2E_WAIT" e2e_job_in_state "$@" ||
    e2e_die "job $2 on $1 is $(e2e_job_attr "$1" "$2" job-state), not $3, after ${E2E_WAIT}s"
}

e2e_printer_message() {			# e2e_printer_message QUEUE: printer-state-message, raw
  # ipptool escapes quotes and brackets; lpstat shows the text as it is.
  lpstat -p "$1" | sed -n '2s/^\t//p'
}

e2e_logged_error() {			# e2e_logged_error JOB TEXT: the job's backend said "ERROR: TEXT"
  # cupsd logs such a line as 'E [date] [Job N] TEXT', with \ and " escaped.
  local text=${2//\\/\\\\}
  text=${text//\"/\\\"}
  E2E_TEXT="] [Job $1] $text" awk '/^E / && index($0, ENVIRON["E2E_TEXT"]) { found = 1 }
    END { exit !found }' "$E2E_DIR/log/error_log"
}

e2e_printer_in_state() {		# e2e_printer_in_state QUEUE STATE
  [[ $(e2e_printer_attr "$1" printer-state) == "$2" ]]
}

e2e_wait_printer() {			# e2e_wait_printer QUEUE STATE: bounded wait
  e2e_wait_for "$E2E_WAIT" e2e_printer_in_state "$@" ||
    e2e_die "printer $1 is $(e2e_printer_attr "$1" printer-state), not $2, after ${E2E_WAIT}s"
}

e2e_job_settled() {			# e2e_job_settled QUEUE JOB: stopped printer or job over
  e2e_printer_in_state "$1" stopped ||
    [[ ! $(e2e_job_attr "$1" "$2" job-state) =~ ^(pending|processing)$ ]]
}

e2e_no_active_jobs() { [[ -z $(lpstat -o 2>/dev/null) ]]; }

e2e_wait_idle() {			# Every job of every queue finished
  e2e_wait_for "$E2E_WAIT" e2e_no_active_jobs ||
    e2e_die "jobs still active after ${E2E_WAIT}s: $(lpstat -o)"
}

e2e_backend_argv() {			# e2e_backend_argv JOB N: argv[N] that cupsd gave the backend
  # cupsd logs each argument at LogLevel debug; the last run of the job wins.
  sed -n "s/^D \[[^]]*\] \[Job $1\] argv\[$2\]=\"\(.*\)\"\$/\1/p" \
    "$E2E_DIR/log/error_log" | tail -n 1
}


# --- Records -----------------------------------------------------------------

e2e_records() {				# e2e_records jsonl|syslog|syslog-raw: one a line
  # syslog: records sent in parts are put together; syslog-raw: messages.
  case $1 in
    jsonl)
      [[ -e $E2E_DIR/audit.jsonl ]] || return 0
      "$E2E_PY" "$E2E_HERE/records.py" jsonl "$E2E_DIR/audit.jsonl" ;;
    syslog*)
      e2e_syslog_sync
      "$E2E_PY" "$E2E_HERE/records.py" "$1" "$E2E_DIR/syslog.out" lpr notice ;;
  esac
}

e2e_collect_records() {			# Read both sinks now, for e2e_job_record
  local sink
  for sink in jsonl syslog; do
    rm -rf "$E2E_DIR/records.$sink"
    e2e_records "$sink" | "$E2E_PY" "$E2E_HERE/records.py" index "$E2E_DIR/records.$sink" ||
      e2e_die "cannot read the $sink records"
  done
}

e2e_job_record() {			# e2e_job_record SINK JOB PRINTER: sets E2E_RECORD
  # SINK is jsonl or syslog, as read by the last e2e_collect_records.
  local file=$E2E_DIR/records.$1/$3.$2 count=0
  E2E_RECORD=""
  if [[ -f $file ]]; then
    count=$(wc -l <"$file")
    E2E_RECORD=$(head -n 1 "$file")
  fi
  if ((count == 1)); then
    e2e_pass "job $2 on $3 left one record in $1"
  else
    e2e_fail "job $2 on $3 left one record in $1" "found $count"
  fi
}

e2e_expect() {				# e2e_expect RECORD PATH=JSON...: check fields
  local out
  if out=$("$E2E_PY" "$E2E_HERE/records.py" expect "$@"); then
    printf '%s\n' "$out"
  else
    printf '%s\n' "$out"
    E2E_FAILURES=$((E2E_FAILURES + 1))
  fi
}

e2e_json_string() {			# e2e_json_string TEXT: TEXT as a JSON string
  "$E2E_PY" -c 'import json, sys; print(json.dumps(sys.argv[1], ensure_ascii=False))' "$1"
}

e2e_file_is() {				# e2e_file_is PATH OWNER MODE...: no symlink
  local owner mode want
  [[ -f $1 && ! -L $1 ]] || return 1
  read -r owner mode < <(stat -c '%U %a' "$1")
  [[ $owner == "$2" ]] || return 1
  for want in "${@:3}"; do
    [[ $mode == "$want" ]] && return 0
  done
  return 1
}

e2e_validate_records() {		# Every record of both sinks against the schema
  local all=$E2E_DIR/all-records out lines
  mkdir -p "$all"
  if [[ -e $E2E_DIR/audit.jsonl ]]; then
    e2e_check "audit.jsonl is a file of root's, mode 0600 or 0640" \
      e2e_file_is "$E2E_DIR/audit.jsonl" root 600 640
  fi
  e2e_records jsonl >"$all/audit.jsonl" || e2e_fail "audit.jsonl holds only JSON objects"
  if [[ -S $E2E_DIR/log.sock ]]; then
    e2e_records syslog-raw >"$all/syslog.jsonl" ||
      e2e_fail "every printaudit syslog message is one JSON object, priority lpr.notice"
  fi
  if [[ ! -f $E2E_SCHEMA ]]; then
    printf '#\n# WARNING: %s is missing: records NOT validated against the schema\n#\n' \
      "$E2E_SCHEMA"
    return 0
  fi
  if out=$("$E2E_PY" "$E2E_HERE/records.py" validate "$E2E_SCHEMA" "$all"/*.jsonl 2>&1); then
    e2e_pass "every record is valid against the schema ($(tail -n 1 <<<"$out"))"
  else
    mapfile -t lines <<<"$out"
    e2e_fail "every record is valid against the schema" "${lines[@]}"
  fi
}


# --- The standard job: printed on an unwired and a wired queue -------------

e2e_define_job() {			# e2e_define_job TITLE MEDIA SIDES COLOR
  # Sets E2E_LP_ARGS (for lp) and E2E_JOB_EXPECT (what its record must
  # hold).  No option value has a space: cupsd 2.4.2 crashes on those.
  local title=$1 media=$2 sides=$3 color=$4
  E2E_LP_ARGS=(-U alice -t "$title" -n 2 -o "media=$media" -o "sides=$sides"
               -o "print-color-mode=$color" -o noCollate -o e2e-flag
               -o e2e-key=e2e-value)
  E2E_JOB_EXPECT=('job.user="alice"' "job.title=$(e2e_json_string "$title")"
                  'job.copies=2' "job.media=\"$media\"" "job.sides=\"$sides\""
                  "job.color=\"$color\"" "options.media=\"$media\""
                  "options.sides=\"$sides\"" "options.print-color-mode=\"$color\""
                  'options.Collate=false' 'options.e2e-flag=true'
                  'options.e2e-key="e2e-value"')
}

e2e_make_document() {			# e2e_make_document FILE binary|text: 64 KiB
  # binary: every byte value; text: UTF-8 lines (what ippeveprinter accepts).
  "$E2E_PY" -c '
import sys
path, kind = sys.argv[1:]
if kind == "binary":
    data = bytes(range(256)) * 256
else:
    data = b"".join(b"%05d printaudit e2e \xc3\x9c\n" % n for n in range(3000))
with open(path, "wb") as f:
    f.write(data)' "$1" "$2"
  chmod 0644 "$1"
}

e2e_files() {				# e2e_files DIR SUFFIX: the complete files, sorted
  find "$1" -maxdepth 1 -type f -name "*$2" -printf '%f\n' | sort
}

e2e_print_and_capture() {		# e2e_print_and_capture QUEUE DIR SUFFIX FILE
  # Print FILE with E2E_LP_ARGS, wait until every job is done and one new
  # *SUFFIX file is in DIR.  Sets E2E_JOB and E2E_FILE.
  local queue=$1 dir=$2 suffix=$3 file=$4 before
  before=$(e2e_files "$dir" "$suffix")
  E2E_JOB=$(e2e_print "$queue" "${E2E_LP_ARGS[@]}" "$file")
  e2e_wait_job "$queue" "$E2E_JOB" completed
  e2e_wait_idle
  e2e_wait_for "$E2E_WAIT" e2e_new_file "$dir" "$suffix" "$before" >/dev/null ||
    e2e_die "job $E2E_JOB on $queue: no new *$suffix in $dir"
  E2E_FILE=$dir/$(e2e_new_file "$dir" "$suffix" "$before")
  e2e_note "job $E2E_JOB on $queue delivered $E2E_FILE"
}

e2e_new_file() {			# e2e_new_file DIR SUFFIX BEFORE: print the one new file
  local new
  new=$(comm -13 <(printf '%s\n' "$3") <(e2e_files "$1" "$2"))
  [[ -n $new && $(grep -c . <<<"$new") == 1 ]] && echo "$new"
}

e2e_check_pair() {			# e2e_check_pair WIRED PLAIN-FILE WIRED-FILE DOC COPIES
  # The wired queue delivered what the unwired one did, which is the job:
  # DOC COPIES times (the receiver gets the copies, or the IPP printer does).
  local expected=$E2E_DIR/expected.$1 i
  for ((i = 0; i < $5; i++)); do cat "$4"; done >"$expected"
  e2e_check_same_file "the unwired queue delivered the document ($5 times)" "$expected" "$2"
  e2e_check_same_file "$1 delivered the same bytes as the unwired queue" "$2" "$3"
}

e2e_check_records() {			# e2e_check_records QUEUE JOB URI BACKEND HOST PORT
  # The job left one record in each sink, the same in both, that describes
  # the standard job on QUEUE.  URI is how the device URI must be logged.
  local queue=$1 job=$2 uri=$3 backend=$4 host=$5 port=$6 jsonl uuid
  e2e_collect_records
  e2e_job_record jsonl "$job" "$queue"
  jsonl=$E2E_RECORD
  e2e_job_record syslog "$job" "$queue"
  e2e_check_eq "job $job: the syslog record is the JSON Lines record" "$jsonl" "$E2E_RECORD"
  [[ -n $jsonl ]] || return 0
  uuid=$(e2e_job_attr "$queue" "$job" job-uuid)
  [[ $uuid == urn:uuid:* ]] || e2e_fail "cupsd gave job $job a job-uuid" "got: $uuid"
  e2e_expect "$jsonl" 'schema="printaudit/1"' 'event.action="job.start"' \
    "job.id=$job" "job.uuid=\"$uuid\"" "printer.name=$(e2e_json_string "$queue")" \
    "printer.uri=$(e2e_json_string "$uri")" "printer.backend=\"$backend\"" \
    "printer.host=\"$host\"" "printer.port=$port" "${E2E_JOB_EXPECT[@]}"
}


# --- The spy backend (spy.c) -------------------------------------------------

e2e_spy_run() {				# e2e_spy_run JOB: print the spy's directory for JOB
  local runs=("$E2E_SPY_DIR/$1".*)
  [[ -d ${runs[0]} ]] || e2e_die "the spy backend did not run for job $1"
  ((${#runs[@]} == 1)) || e2e_die "the spy backend ran ${#runs[@]} times for job $1"
  echo "${runs[0]}"
}

e2e_spy_list() {			# e2e_spy_list RUN argv|env: one entry a line
  tr '\0' '\n' <"$1/$2"
}

e2e_spy_fds() {				# e2e_spy_fds RUN: open fds, pipe/socket inodes dropped
  sed -E 's/:\[[0-9]+\]$//' "$1/fds"
}

e2e_spy_status() {			# e2e_spy_status N: the spy's next exit status
  echo "$1" >"$E2E_SPY_DIR/status"
}
