# shellcheck shell=bash
#
# lib-bench.sh: what the benchmark's parts (bench/part-*.sh) share, on top
# of the test harness (tests/lib/harness.sh: the private directory, the
# daemons started and stopped by PID, rsyslogd, cupsd).  Sourced by
# bench/run.sh, which says what the environment variables mean, and by
# bench/notify.sh (say, die, preflight, build, machine).
#
# Copyright 2026 The printaudit authors.
# Licensed under the Apache License, Version 2.0.

# Its variables are read by the harness and by the parts.
# shellcheck disable=SC2034

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SRC=$(cd "$HERE/.." && pwd)
BUILD=${BENCH_BUILD:-$SRC/build-bench}
QUICK=${QUICK:-0}
PARTS=${BENCH_PARTS:-1 2 3 4 5}
SYSBIN=$(cups-config --serverbin 2>/dev/null || echo /usr/lib/cups)
FIXTURE=${BENCH_FIXTURE:-$SRC/tests/data/macos-textedit-socket.options}

# The harness's directory is the work directory, printaudit-bench.*; it is
# kept on failure or with BENCH_KEEP=1.
E2E_NAME=bench
[[ ${BENCH_KEEP:-0} != 1 ]] || E2E_KEEP=1
PRINTAUDIT_SOURCE_DIR=$SRC
PRINTAUDIT_BIN=$BUILD/backend/printaudit
# shellcheck source=SCRIPTDIR/../tests/lib/harness.sh
. "$SRC/tests/lib/harness.sh"
PY=$E2E_PY

if [[ $QUICK == 1 ]]; then
  ROUNDS_4K=60 ROUNDS_50M=5 ROUNDS_SHIM=100 CG_REPEAT=2 RSS_REPEAT=3 CUPS_JOBS=100 CUPS_BATCHES=10
else
  ROUNDS_4K=1000 ROUNDS_50M=20 ROUNDS_SHIM=500 CG_REPEAT=3 RSS_REPEAT=5 CUPS_JOBS=400 CUPS_BATCHES=40
fi

W=""					# Work directory ($E2E_DIR)


# --- Output and figures ------------------------------------------------------------

say()     { printf '%s\n' "$*"; }
section() {
  printf '\n== %s ==\n' "$*"
  local load
  load=$(cut -d' ' -f1 /proc/loadavg)
  if ! le "$load" "$(nproc)"; then
    printf '# note: load average %s on %s CPUs: other processes compete for the CPUs, so\n' "$load" "$(nproc)"
    printf '# wall times are noisy and CPU times somewhat inflated (see bench/README.md).\n'
  fi
}
die()     { printf '%s: %s\n' "${0##*/}" "$*" >&2; exit 1; }

le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a >= b) }'; }
lt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }
calc() { awk "BEGIN { printf \"$1\\n\", $2 }"; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
commas() { sed -E ':a; s/^([-+]?[0-9]+)([0-9]{3})/\1,\2/; ta' <<<"$1"; }

VERDICTS=()
verdict() {				# verdict PASS|MISS|info TEXT...
  VERDICTS+=("$(printf '%-4s  %s' "$1" "${*:2}")")
}

check() {				# check COND-COMMAND... -- TEXT
  local args=() text
  while [[ $1 != -- ]]; do args+=("$1"); shift; done
  shift
  text=$*
  if "${args[@]}"; then verdict PASS "$text"; else verdict MISS "$text"; fi
}

result() { printf '%s\t%s\n' "$1" "$2" >>"$W/results.tsv"; }
get()    { awk -F'\t' -v k="$1" '$1 == k { v = $2 } END { print v }' "$W/results.tsv"; }

paired_median() {			# paired_median: "MEDIAN LO HI N" of numbers on stdin
  # The median with a 95% distribution-free interval (order statistics).
  "$PY" -c '
import math, sys
v = sorted(float(x) for x in sys.stdin.read().split())
n = len(v)
if not n:
    print("nan nan nan 0")
    sys.exit(0)
med = v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2
half = 0.98 * math.sqrt(n)
lo = v[max(0, int(math.floor(n / 2 - half)))]
hi = v[min(n - 1, int(math.ceil(n / 2 + half)))]
print("%.4f %.4f %.4f %d" % (med, lo, hi, n))'
}


# --- Setup ---------------------------------------------------------------------

preflight() {				# preflight [TOOL...]: root, the tools, the fixture, lp
  # TOOL: a command on PATH or an absolute path; default: run.sh's.
  [[ $(id -u) == 0 ]] || die "run as root: cupsd, and the shim's change of identity"
  local tool
  (($#)) || set -- cmake cc valgrind callgrind_annotate rsyslogd cupsd lp lpadmin lpstat \
    cupsenable cupsdisable logger timeout "$PY" /usr/bin/time \
    "$SYSBIN/backend/socket" "$SYSBIN/backend/beh" "$SYSBIN/daemon/cups-exec"
  for tool; do
    if [[ $tool == /* ]]; then
      [[ -x $tool ]] || die "missing: $tool"
    else
      command -v "$tool" >/dev/null || die "missing: $tool"
    fi
  done
  [[ -r $FIXTURE ]] || die "no fixture $FIXTURE"
  if ! getent passwd lp >/dev/null || ! getent group lp >/dev/null; then
    die "no user or group lp"
  fi
}

build() {				# build [TARGET...]: default run.sh's; printaudit always
  # The log: $W/build.log, or $BUILD/build.log before there is a $W.
  local log=$W/build.log
  if [[ -z $W ]]; then
    mkdir -p "$BUILD"
    log=$BUILD/build.log
  fi
  (($#)) || set -- record-bench bare-shim bare-shim-static bench-launch bench-receiver
  section "Build ($BUILD, RelWithDebInfo)"
  timeout 300 cmake -S "$SRC" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DPRINTAUDIT_TESTS=OFF -DPRINTAUDIT_SANITIZE= >"$log" 2>&1 || { tail -20 "$log"; die "cmake failed"; }
  timeout 600 cmake --build "$BUILD" -j"$(nproc)" --target printaudit "$@" \
    >>"$log" 2>&1 || { tail -30 "$log"; die "build failed"; }
  SHIM=$BUILD/backend/printaudit
  LAUNCH=$BUILD/bench/launch
  say "printaudit: $(stat -c %s "$SHIM") bytes; links: $(ldd "$SHIM" | awk '{ print $1 }' | grep -v vdso | tr '\n' ' ')"
}

machine() {				# The machine, the load, the source's commit
  # Also a result (results.tsv) once there is a $W.
  section "Machine"
  local cpu os load
  cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
  os="Debian $(cat /etc/debian_version 2>/dev/null || echo '?')"
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  say "nproc $(nproc); CPU: $cpu; kernel $(uname -r); $os; CUPS $CUPS_VERSION;" \
      "$(valgrind --version 2>/dev/null || echo 'no valgrind'); load average at start: $load"
  if [[ -n $W ]]; then
    result machine "nproc $(nproc); $cpu; kernel $(uname -r); $os; CUPS $CUPS_VERSION"
  fi
  # Read-only: no optional locks, so git never rewrites its index here.
  say "printaudit source: commit $(git -C "$SRC" rev-parse --short HEAD 2>/dev/null || echo '?')" \
      "$(git -C "$SRC" --no-optional-locks status --porcelain --untracked-files=no 2>/dev/null |
         grep -q . && echo '(with uncommitted changes)')"
}

serverroot() {				# serverroot DIR [printaudit.conf LINE...]
  local dir=$1
  shift
  mkdir -p "$dir"
  printf 'User lp\nGroup lp\n' >"$dir/cups-files.conf"
  if (($#)); then
    printf '%s\n' "$@" >"$dir/printaudit.conf"
  fi
  chown -R root:root "$dir"
  chmod 0755 "$dir"
  chmod 0644 "$dir"/*.conf
}

write_env() {				# write_env FILE SERVERBIN: cupsd's environment, in its order
  # As cupsd 2.4.2 gives a backend on a raw queue (scheduler/env.c and
  # job.c; checked against a real job's envp[] log lines).  DEVICE_URI and
  # CUPS_SERVERROOT are set per variant by launch.
  cat >"$1" <<EOF
CUPS_CACHEDIR=$W/cache
CUPS_DATADIR=/usr/share/cups
CUPS_DOCROOT=/usr/share/cups/doc-root
CUPS_REQUESTROOT=$W/spool
CUPS_SERVERBIN=$2
CUPS_SERVERROOT=$W/sr-base
CUPS_STATEDIR=$W/state
HOME=$W/spool/tmp
PATH=$2/filter:/usr/bin:/usr/sbin:/bin:/usr/bin
SERVER_ADMIN=root@$(hostname)
SOFTWARE=CUPS/$CUPS_VERSION
TMPDIR=$W/spool/tmp
USER=root
CUPS_MAX_MESSAGE=2047
CUPS_SERVER=$W/cups.sock
CUPS_ENCRYPTION=IfRequested
IPP_PORT=631
CHARSET=utf-8
LANG=en.UTF-8
PPD=$W/sr-base/ppd/Brother_HL_2270DW_series.ppd
CONTENT_TYPE=application/pdf
DEVICE_URI=
PRINTER_INFO=Brother HL-2270DW series
PRINTER_LOCATION=
PRINTER=Brother_HL_2270DW_series
PRINTER_STATE_REASONS=none
CUPS_FILETYPE=document
AUTH_INFO_REQUIRED=none
EOF
}

setup() {
  section "Setup"
  mkdir -p "$W"/{cache,state,spool/tmp,jobs,env,rss,recv,rsyslog,cg}
  chmod 0755 "$W" "$W/spool" "$W/jobs"
  chown lp:lp "$W/spool/tmp"
  chmod 0700 "$W/spool/tmp"
  chmod 1777 "$W/cg" "$W/rss"		# Written by processes that run as lp

  # The private ServerBin: the system's programs, the real backends as
  # symlinks, printaudit and the bare shim as root-owned 0700 copies.
  SB=$W/sb
  e2e_serverbin_dir "$SB"
  ln -s "$SYSBIN/backend/socket" "$SB/backend/socket"
  ln -s "$SYSBIN/backend/beh" "$SB/backend/beh"
  install -o root -g root -m 0700 "$SHIM" "$SB/backend/printaudit"
  install -o root -g root -m 0700 "$BUILD/bench/bare-shim" "$SB/backend/bare"
  install -o root -g root -m 0700 "$BUILD/bench/bare-shim-static" "$SB/backend/bare-static"

  # ServerBins whose backend/socket cannot be run, so that the shim's exec
  # fails at its very end and the process exits (parts 2 and 4): 0644
  # (EACCES; no o+x, so the shim keeps root, as for 0700), 0700 and 0755
  # files that are not programs (ENOEXEC; 0755 makes the shim drop to lp
  # first), and a 0700 copy of /bin/true (a real exec).
  e2e_serverbin_dir "$W/sb-eacces"
  printf 'not a program\n' >"$W/sb-eacces/backend/socket"
  chmod 0644 "$W/sb-eacces/backend/socket"
  e2e_serverbin_dir "$W/sb-noexec700"
  printf 'not a program\n' >"$W/sb-noexec700/backend/socket"
  chmod 0700 "$W/sb-noexec700/backend/socket"
  e2e_serverbin_dir "$W/sb-noexec755"
  printf 'not a program\n' >"$W/sb-noexec755/backend/socket"
  chmod 0755 "$W/sb-noexec755/backend/socket"
  e2e_serverbin_dir "$W/sb-true700"
  install -m 0700 /bin/true "$W/sb-true700/backend/socket"

  serverroot "$W/sr-base"
  serverroot "$W/sr-syslog" "Syslog on" "SyslogSocket $W/log.sock" "JsonLog none"
  serverroot "$W/sr-json" "Syslog off" "JsonLog $W/audit-json.jsonl"
  serverroot "$W/sr-both" "Syslog on" "SyslogSocket $W/log.sock" "JsonLog $W/audit-both.jsonl"

  for sb in sb sb-eacces sb-noexec700 sb-noexec755 sb-true700; do
    write_env "$W/env/$sb.env" "$W/$sb"
  done

  head -c 4096 /dev/urandom >"$W/jobs/job-4k"
  head -c $((50 * 1024 * 1024)) /dev/urandom >"$W/jobs/job-50m"
  chmod 0644 "$W"/jobs/*

  # A print receiver on 127.0.0.1.
  e2e_spawn receiver "$W/recv/stderr" "$BUILD/bench/receiver" "$W/recv/port" "$W/recv/log" 3600
  e2e_wait_for 10 test -s "$W/recv/port" || die "the receiver did not start"
  PORT=$(cat "$W/recv/port")
  say "receiver: 127.0.0.1:$PORT"

  # rsyslogd on a private socket, writing every message to a file
  # ($W/log.sock -> $W/syslog.out).
  e2e_start_rsyslog
}

syslog_records() { grep -c '^printaudit	' "$W/syslog.out" 2>/dev/null || true; }
jsonl_records()  { if [[ -e $1 ]]; then grep -c . "$1" || true; else echo 0; fi; }
received()       { jsonl_records "$W/recv/log"; }
received_at_least() { (($(received) >= $1)); }	# For e2e_wait_for


