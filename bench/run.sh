#!/usr/bin/env bash
#
# bench/run.sh: printaudit's performance benchmark, in one command.
#
#   bench/run.sh              the full run (about 3 minutes)
#   QUICK=1 bench/run.sh      fewer iterations (under a minute)
#
# Environment:
#   QUICK=1           fewer rounds, jobs and batches
#   BENCH_BUILD=DIR   build directory (default: <source>/build-bench)
#   BENCH_FIXTURE=F   the options string of part 2 and part 1's jobs
#                     (default: tests/data/macos-textedit-socket.options)
#   BENCH_PARTS="1 2 3 4 5"   which parts to run
#   BENCH_RESULTS=F   also write the summary to F
#   BENCH_KEEP=1      keep the work directory (it is kept anyway on failure)
#   BENCH_NICE=N      run everything (cupsd, backends, receiver too) at nice N,
#                     e.g. -10 on a machine shared with other work; default:
#                     not changed.  Every variant runs at the same priority.
#
# The parts (bench/README.md explains each and the latest figures):
#   1. per-job wall and CPU time of the socket backend run directly, through
#      a bare exec-only shim, through printaudit (syslog, JsonLog, both) and
#      through beh, at 4 KiB and 50 MiB, started as cupsd starts backends;
#   2. instructions of printaudit's process up to its exec (callgrind);
#   3. time to build and serialize a record against the options' size;
#   4. peak RSS of printaudit before its exec, against the bare shim;
#   5. jobs per second through a private cupsd, wired against unwired.
#
# It runs as root, on loopback only, in a private directory: a print
# receiver, rsyslogd and cupsd are started there and stopped by PID on
# exit.  Every wait and every step is bounded.  Nothing outside the work
# directory and the build directory is changed.
#
# Copyright 2026 The printaudit authors.
# Licensed under the Apache License, Version 2.0.

set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SRC=$(cd "$HERE/.." && pwd)
BUILD=${BENCH_BUILD:-$SRC/build-bench}
QUICK=${QUICK:-0}
PARTS=${BENCH_PARTS:-1 2 3 4 5}
PY=/usr/bin/python3			# Not whatever python3 PATH finds
SYSBIN=$(cups-config --serverbin 2>/dev/null || echo /usr/lib/cups)
FIXTURE=${BENCH_FIXTURE:-$SRC/tests/data/macos-textedit-socket.options}

if [[ $QUICK == 1 ]]; then
  ROUNDS_4K=60 ROUNDS_50M=5 ROUNDS_SHIM=100 CG_REPEAT=2 RSS_REPEAT=3 CUPS_JOBS=100 CUPS_BATCHES=10
else
  ROUNDS_4K=1000 ROUNDS_50M=20 ROUNDS_SHIM=500 CG_REPEAT=3 RSS_REPEAT=5 CUPS_JOBS=400 CUPS_BATCHES=40
fi

W=""					# Work directory
PIDS=()					# What we started
NAMES=()
FAILED=0


# --- Helpers -------------------------------------------------------------------

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
die()     { printf 'run.sh: %s\n' "$*" >&2; FAILED=1; exit 1; }

wait_for() {				# wait_for SECONDS COMMAND...: poll until true
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.05
  done
}

alive() {				# alive PID: running, not a zombie
  local state
  state=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
  [[ $state != Z* ]]
}

spawn() {				# spawn NAME LOG COMMAND...: start in a session of its own
  # Every signal at its default and none blocked: a background job of a
  # script ignores SIGINT, and cupsd would pass that on to every backend.
  local name=$1 log=$2
  shift 2
  "$PY" -c '
import os, signal, sys
for sig in range(1, signal.NSIG):
    try:
        signal.signal(sig, signal.SIG_DFL)
    except (OSError, ValueError):
        pass
signal.pthread_sigmask(signal.SIG_SETMASK, [])
os.setsid()
os.execvp(sys.argv[1], sys.argv[1:])' "$@" </dev/null >"$log" 2>&1 &
  PIDS+=("$!")
  NAMES+=("$name")
}

stop_pid() {				# stop_pid PID NAME: TERM, KILL after 10 s
  local pid=$1 name=$2
  if alive "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    if ! wait_for 10 eval "! alive $pid"; then
      say "# $name (PID $pid) ignored SIGTERM; killing it"
      kill -KILL "$pid" 2>/dev/null || true
      wait_for 3 eval "! alive $pid" || true
    fi
  fi
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local status=$? i
  trap - EXIT INT TERM
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    stop_pid "${PIDS[i]}" "${NAMES[i]}"
  done
  if [[ -n $W ]]; then
    if ((status != 0 || FAILED)) || [[ ${BENCH_KEEP:-0} == 1 ]]; then
      say "# work directory kept: $W"
    else
      rm -rf -- "$W"
    fi
  fi
  exit "$status"
}

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


# --- Setup ---------------------------------------------------------------------

preflight() {
  [[ $(id -u) == 0 ]] || die "run as root: cupsd, and the shim's change of identity"
  local tool
  for tool in cmake cc valgrind callgrind_annotate rsyslogd cupsd lp lpadmin lpstat \
              cupsenable cupsdisable logger timeout "$PY" /usr/bin/time; do
    command -v "$tool" >/dev/null || die "missing: $tool"
  done
  for tool in "$SYSBIN/backend/socket" "$SYSBIN/backend/beh" "$SYSBIN/daemon/cups-exec"; do
    [[ -x $tool ]] || die "missing: $tool"
  done
  [[ -r $FIXTURE ]] || die "no fixture $FIXTURE"
  if ! getent passwd lp >/dev/null || ! getent group lp >/dev/null; then
    die "no user or group lp"
  fi
}

build() {
  section "Build ($BUILD, RelWithDebInfo)"
  timeout 300 cmake -S "$SRC" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DPRINTAUDIT_TESTS=OFF -DPRINTAUDIT_SANITIZE= >"$W/build.log" 2>&1 || { tail -20 "$W/build.log"; die "cmake failed"; }
  timeout 600 cmake --build "$BUILD" -j"$(nproc)" --target printaudit record-bench bare-shim \
    bare-shim-static bench-launch bench-receiver >>"$W/build.log" 2>&1 || { tail -30 "$W/build.log"; die "build failed"; }
  SHIM=$BUILD/backend/printaudit
  LAUNCH=$BUILD/bench/launch
  say "printaudit: $(stat -c %s "$SHIM") bytes; links: $(ldd "$SHIM" | awk '{ print $1 }' | grep -v vdso | tr '\n' ' ')"
}

machine() {
  section "Machine"
  local cpu os load
  cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
  os="Debian $(cat /etc/debian_version 2>/dev/null || echo '?')"
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  say "nproc $(nproc); CPU: $cpu; kernel $(uname -r); $os; CUPS $CUPS_VERSION;" \
      "$(valgrind --version); load average at start: $load"
  result machine "nproc $(nproc); $cpu; kernel $(uname -r); $os; CUPS $CUPS_VERSION"
  # Read-only: no optional locks, so git never rewrites its index here.
  say "printaudit source: commit $(git -C "$SRC" rev-parse --short HEAD 2>/dev/null || echo '?')" \
      "$(git -C "$SRC" --no-optional-locks status --porcelain --untracked-files=no 2>/dev/null |
         grep -q . && echo '(with uncommitted changes)')"
}

serverbin() {				# serverbin DIR: system programs, backend/ left to us
  local dir=$1 f
  mkdir -p "$dir/backend"
  for f in "$SYSBIN"/*; do
    [[ $(basename "$f") == backend ]] || ln -s "$f" "$dir/"
  done
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
  serverbin "$SB"
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
  serverbin "$W/sb-eacces"
  printf 'not a program\n' >"$W/sb-eacces/backend/socket"
  chmod 0644 "$W/sb-eacces/backend/socket"
  serverbin "$W/sb-noexec700"
  printf 'not a program\n' >"$W/sb-noexec700/backend/socket"
  chmod 0700 "$W/sb-noexec700/backend/socket"
  serverbin "$W/sb-noexec755"
  printf 'not a program\n' >"$W/sb-noexec755/backend/socket"
  chmod 0755 "$W/sb-noexec755/backend/socket"
  serverbin "$W/sb-true700"
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
  spawn receiver "$W/recv/stderr" "$BUILD/bench/receiver" "$W/recv/port" "$W/recv/log" 3600
  wait_for 10 test -s "$W/recv/port" || die "the receiver did not start"
  PORT=$(cat "$W/recv/port")
  say "receiver: 127.0.0.1:$PORT"

  # rsyslogd on a private socket, writing every message to a file.
  cat >"$W/rsyslog/rsyslog.conf" <<EOF
global(workDirectory="$W/rsyslog" maxMessageSize="64k")
module(load="imuxsock" SysSock.Name="$W/log.sock" SysSock.RateLimit.Interval="0")
template(name="bench" type="string" string="%programname%\t%msg%\n")
action(type="omfile" file="$W/syslog.out" template="bench")
EOF
  rsyslogd -N1 -f "$W/rsyslog/rsyslog.conf" >"$W/rsyslog/check" 2>&1 ||
    die "rsyslogd rejects its configuration: $(cat "$W/rsyslog/check")"
  spawn rsyslogd "$W/rsyslog/stdout" rsyslogd -n -f "$W/rsyslog/rsyslog.conf" -i "$W/rsyslog/pid"
  wait_for 10 test -S "$W/log.sock" || die "rsyslogd did not create $W/log.sock"
  syslog_sync
  say "rsyslogd: $W/log.sock -> $W/syslog.out"
}

syslog_sync() {				# Everything sent so far is in syslog.out
  local marker="sync-$$-$RANDOM$RANDOM"
  logger -u "$W/log.sock" -t bench-sync -- "$marker"
  wait_for 20 grep -q -F -- "$marker" "$W/syslog.out" 2>/dev/null ||
    die "rsyslogd did not write a marker to $W/syslog.out"
}

syslog_records() { grep -c '^printaudit	' "$W/syslog.out" 2>/dev/null || true; }
jsonl_records()  { if [[ -e $1 ]]; then grep -c . "$1" || true; else echo 0; fi; }
received()       { jsonl_records "$W/recv/log"; }


# --- Part 1: per-job time ----------------------------------------------------------

part1() {
  section "1. Per-job wall and CPU time, as cupsd starts backends (paired, alternating rounds)"
  say "Variants: direct = the socket backend; bare = bench/bare-shim.c then socket;"
  say "pa-syslog / pa-json / pa-both = printaudit with that sink then socket; beh = beh:/1/0/5/socket."
  say "Job: the macOS fixture options, job 150 allen.golbig test 1, file as argv[6]; receiver 127.0.0.1:$PORT."
  local uri="socket://127.0.0.1:$PORT" size rounds warm label file before jobs before_sys
  local -a variants=(
    direct "$SB/backend/socket" "$uri" "$W/sr-base"
    bare "$SB/backend/bare" "bare:$uri" "$W/sr-base"
    pa-syslog "$SB/backend/printaudit" "printaudit:$uri" "$W/sr-syslog"
    pa-json "$SB/backend/printaudit" "printaudit:$uri" "$W/sr-json"
    pa-both "$SB/backend/printaudit" "printaudit:$uri" "$W/sr-both"
    beh "$SB/backend/beh" "beh:/1/0/5/$uri" "$W/sr-base"
  )
  syslog_sync
  before_sys=$(syslog_records)
  jobs=0
  for size in 4k 50m; do
    if [[ $size == 4k ]]; then
      rounds=$ROUNDS_4K warm=3 label=4KiB file=$W/jobs/job-4k
    else
      rounds=$ROUNDS_50M warm=1 label=50MiB file=$W/jobs/job-50m
    fi
    say ""
    say "-- $label: $rounds rounds (+$warm warm-up) x 6 variants; ratios are to direct, same round"
    before=$(received)
    timeout 1200 "$LAUNCH" -e "$W/env/sb.env" -o "$FIXTURE" -f "$file" -n "$rounds" -w "$warm" \
      -t 120 -l "$label" -s "$W/jobs.tsv" -r "$W/jobs-raw.tsv" "${variants[@]}" ||
      die "launch failed for $label (see above)"
    jobs=$((jobs + (rounds + warm) * 6))
    # Every job reached the receiver whole.
    local got bad
    got=$(($(received) - before))
    bad=$(tail -n "$got" "$W/recv/log" | awk -v n="$(stat -c %s "$file")" '$1 != n' | wc -l)
    [[ $got == $(((rounds + warm) * 6)) && $bad == 0 ]] ||
      die "$label: the receiver got $got connections ($bad not $(stat -c %s "$file") bytes)"
  done

  # And every printaudit job left its record in its sinks.
  syslog_sync
  local per=$(((ROUNDS_4K + 3) + (ROUNDS_50M + 1)))
  local sys=$(($(syslog_records) - before_sys)) js bo
  js=$(jsonl_records "$W/audit-json.jsonl")
  bo=$(jsonl_records "$W/audit-both.jsonl")
  say ""
  say "records: syslog $sys (expected $((2 * per))), JsonLog-only file $js, both-sinks file $bo (expected $per each)"
  [[ $sys == $((2 * per)) && $js == "$per" && $bo == "$per" ]] || die "records are missing"

  # The shim's own process, on its own: exec to its failed exec and exit
  # (backend/socket 0644, as in part 2), against the bare shim's and
  # /bin/true's: what printaudit adds to a job, without the socket
  # backend's noise.
  say ""
  say "-- the shim's process alone, exec to its (failed) exec and exit; ratios are to /bin/true"
  timeout 600 "$LAUNCH" -a -e "$W/env/sb-eacces.env" -o "$FIXTURE" -f "$W/jobs/job-4k" \
    -n "$ROUNDS_SHIM" -w 5 -t 30 -l shim -s "$W/jobs.tsv" \
    true /bin/true "$uri" "$W/sr-base" \
    bare "$SB/backend/bare" "bare:$uri" "$W/sr-base" \
    bare-static "$SB/backend/bare-static" "bare-static:$uri" "$W/sr-base" \
    pa-syslog "$SB/backend/printaudit" "printaudit:$uri" "$W/sr-syslog" \
    pa-json "$SB/backend/printaudit" "printaudit:$uri" "$W/sr-json" \
    pa-both "$SB/backend/printaudit" "printaudit:$uri" "$W/sr-both" ||
    die "launch failed for the shim alone"

  local f
  for v in true bare bare-static pa-syslog pa-json pa-both; do
    f=$(awk -F'\t' -v n="$v" '$1 == "shim" && $2 == n { print $4, $7 }' "$W/jobs.tsv")
    read -r wall cpu <<<"$f"
    result "p1.shim.$v.wall" "$wall"
    result "p1.shim.$v.cpu" "$cpu"
  done
  for size in 4KiB 50MiB; do
    for v in direct bare pa-syslog pa-json pa-both beh; do
      f=$(awk -F'\t' -v l="$size" -v n="$v" '$1 == l && $2 == n { print $4, $7, $8, $11, $13 }' "$W/jobs.tsv")
      read -r wall cpu rwall rcpu r10 <<<"$f"
      result "p1.$size.$v.r10" "$r10"
      result "p1.$size.$v.ci" "$(awk -F'\t' -v l="$size" -v n="$v" '$1 == l && $2 == n { print $9 " .. " $10 }' "$W/jobs.tsv")"
      result "p1.$size.$v.wall" "$wall"
      result "p1.$size.$v.cpu" "$cpu"
      result "p1.$size.$v.rwall" "$rwall"
      result "p1.$size.$v.rcpu" "$rcpu"
    done
  done
}


# --- Part 2: instructions up to the exec -------------------------------------------

cg_run() {				# cg_run TAG SERVERBIN COMMAND URI SERVERROOT
  local tag=$1 sb=$2 cmd=$3 uri=$4 sr=$5 out
  rm -f "$W/cg/$tag".out*
  out=$(timeout 300 "$LAUNCH" -1 -e "$W/env/$sb.env" -o "$FIXTURE" -f "$W/jobs/job-4k" -t 240 \
    -E "$W/cg/$tag.stderr" "$tag" "$cmd" "$uri" "$sr" -- \
    /usr/bin/valgrind --tool=callgrind --trace-children=no --vgdb=no --dump-before=execv --dump-before=fexecve \
    --callgrind-out-file="$W/cg/$tag.out") || die "callgrind run $tag failed"
  printf '%s\n' "$out" >"$W/cg/$tag.status"
}

cg_part() {				# cg_part TAG 1|final: instructions of that part
  local f=$W/cg/$1.out
  [[ $2 == 1 ]] && f=$f.1
  [[ -s $f ]] || { echo 0; return; }
  "$PY" "$HERE/cgsum.py" total "$f"
}

part2() {
  section "2. Instructions of the shim's process up to its exec (callgrind, --trace-children=no)"
  say "macOS fixture options, job 150 allen.golbig test 1, both sinks on, environment as cupsd gives it."
  say "callgrind writes nothing once a process has exec'd, so backend/socket is made unrunnable"
  say "(0644: EACCES; 0700/0755 non-programs: ENOEXEC): the exec fails at the very end, the shim"
  say "writes one ERROR line and exits.  --dump-before=execv/fexecve also cuts the profile at the exec:"
  say "'to exec' is everything before the exec; 'total' adds the failed exec, the ERROR line and exit."
  local i tag uri="socket://127.0.0.1:$PORT" to_exec total runs=()
  for ((i = 1; i <= CG_REPEAT; i++)); do
    cg_run "pa-both-eacces-$i" sb-eacces "$SB/backend/printaudit" "printaudit:$uri" "$W/sr-both"
    runs+=("$(cg_part "pa-both-eacces-$i" 1)")
  done
  grep -q '^ERROR: printaudit: Unable to run backend' "$W/cg/pa-both-eacces-1.stderr" ||
    die "the shim did not report the failed exec: $(cat "$W/cg/pa-both-eacces-1.stderr")"
  cg_run pa-syslog-eacces sb-eacces "$SB/backend/printaudit" "printaudit:$uri" "$W/sr-syslog"
  cg_run pa-json-eacces sb-eacces "$SB/backend/printaudit" "printaudit:$uri" "$W/sr-json"
  cg_run pa-both-noexec700 sb-noexec700 "$SB/backend/printaudit" "printaudit:$uri" "$W/sr-both"
  cg_run pa-both-noexec755 sb-noexec755 "$SB/backend/printaudit" "printaudit:$uri" "$W/sr-both"
  cg_run pa-both-true700 sb-true700 "$SB/backend/printaudit" "printaudit:$uri" "$W/sr-both"
  cg_run bare-eacces sb-eacces "$SB/backend/bare" "bare:$uri" "$W/sr-base"
  cg_run bare-static-eacces sb-eacces "$SB/backend/bare-static" "bare-static:$uri" "$W/sr-base"
  cg_run bin-true sb-eacces /bin/true "$uri" "$W/sr-base"

  to_exec=$(printf '%s\n' "${runs[@]}" | median)
  total=$(cg_part pa-both-eacces-1 final)
  total=$((total + runs[0]))
  local lo hi
  lo=$(printf '%s\n' "${runs[@]}" | sort -n | head -1)
  hi=$(printf '%s\n' "${runs[@]}" | sort -n | tail -1)
  result p2.to_exec "$to_exec"
  printf '  %-52s %12s %12s\n' "run" "to exec" "total"
  row() { printf '  %-52s %12s %12s\n' "$1" "$2" "$3"; }
  local t1 tf
  for tag in pa-both-eacces-1 pa-syslog-eacces pa-json-eacces pa-both-noexec700 pa-both-noexec755 \
             pa-both-true700 bare-eacces bare-static-eacces bin-true; do
    t1=$(cg_part "$tag" 1)
    tf=$(cg_part "$tag" final)
    case $tag in
      pa-both-eacces-1)  desc="printaudit, both sinks, socket 0644 (root path)" ;;
      pa-syslog-eacces)  desc="printaudit, syslog only, socket 0644" ;;
      pa-json-eacces)    desc="printaudit, JsonLog only, socket 0644" ;;
      pa-both-noexec700) desc="printaudit, both sinks, socket 0700 (root path)" ;;
      pa-both-noexec755) desc="printaudit, both sinks, socket 0755 (drops to lp)" ;;
      pa-both-true700)   desc="printaudit, both sinks, real exec of a 0700 backend" ;;
      bare-eacces)       desc="bare shim, socket 0644" ;;
      bare-static-eacces) desc="bare shim linked statically, socket 0644" ;;
      bin-true)          desc="/bin/true (no exec: whole process)" ;;
    esac
    if [[ $tag == bin-true ]]; then
      row "$desc" "-" "$(commas "$tf")"
      result "p2.$tag" "$tf"
    elif [[ $tag == pa-both-noexec755 || $tag == pa-both-true700 ]]; then
      # After the drop the final profile cannot be written (valgrind made
      # the file as root); after a real exec there is none.
      row "$desc" "$(commas "$t1")" "-"
      result "p2.$tag" "$t1"
    else
      row "$desc" "$(commas "$t1")" "$(commas $((t1 + tf)))"
      result "p2.$tag" "$t1"
    fi
  done
  say "  repeatability of the first row over $CG_REPEAT runs: $(commas "$lo") .. $(commas "$hi")"
  result p2.total "$total"
  result p2.lo "$lo"
  result p2.hi "$hi"

  say ""
  say "  Where printaudit's instructions go, to the exec, against the bare shim's (callgrind_annotate):"
  "$PY" "$HERE/cgsum.py" compare "$W/cg/pa-both-eacces-1.out.1" "$W/cg/bare-eacces.out.1" "$SRC" |
    tee "$W/cg/report.txt"
  say "  The drop path (0755 backend: cups-files.conf, getpwnam, getgrnam, setgroups...) against the"
  say "  root path (0644), by part and by the functions that grew most:"
  "$PY" "$HERE/cgsum.py" compare "$W/cg/pa-both-noexec755.out.1" "$W/cg/pa-both-eacces-1.out.1" "$SRC" \
    "0755" "0644" | tee -a "$W/cg/report.txt"
  "$PY" "$HERE/cgsum.py" diff "$W/cg/pa-both-noexec755.out.1" "$W/cg/pa-both-eacces-1.out.1" "$SRC" 10 |
    tee -a "$W/cg/report.txt"
  say "  Functions (both sinks, 0644, to the exec):"
  "$PY" "$HERE/cgsum.py" report "$W/cg/pa-both-eacces-1.out.1" "$SRC" 15 | tee -a "$W/cg/report.txt"
  say "  Profiles: $W/cg/*.out* (kept with BENCH_KEEP=1); callgrind_annotate FILE shows them."
}


# --- Part 3: record build + serialization ------------------------------------------

part3() {
  section "3. Building and serializing one record (pauditRecordNew + pauditJSONNew), by options size"
  local q=""
  [[ $QUICK == 1 ]] && q=-q
  timeout 300 "$BUILD/bench/record-bench" $q -s "$W/records.tsv" "$FIXTURE" ||
    die "record-bench failed"
  local label us nsb p10
  while IFS=$'\t' read -r label _ _ us _ _ nsb _ p10; do
    result "p3.$label.us" "$us"
    result "p3.$label.nsb" "$nsb"
    result "p3.$label.p10" "$p10"
  done <"$W/records.tsv"

  say ""
  say "  The same with jansson's memory from an arena, as the shim has it (record-bench -A):"
  timeout 300 "$BUILD/bench/record-bench" $q -A -s "$W/records-arena.tsv" "$FIXTURE" ||
    die "record-bench -A failed"
  while IFS=$'\t' read -r label _ _ us _ _ nsb _ p10; do
    result "p3a.$label.us" "$us"
  done <"$W/records-arena.tsv"

  # Where the instructions of the largest record go.
  local size n
  say ""
  for size in fixture 1MiB; do
    if [[ $size == fixture ]]; then n=100; else n=1; fi
    timeout 300 valgrind --tool=callgrind --toggle-collect=profile_once \
      --callgrind-out-file="$W/cg/record-$size.out" "$BUILD/bench/record-bench" \
      -p "$size" -n "$n" "$FIXTURE" >"$W/cg/record-$size.bytes" 2>"$W/cg/record-$size.log" ||
      die "callgrind of record-bench -p $size failed"
    local ir bytes
    ir=$("$PY" "$HERE/cgsum.py" total "$W/cg/record-$size.out")
    bytes=$(cat "$W/cg/record-$size.bytes")
    say "  $size record (callgrind, mean of $n): $(commas $((ir / n))) instructions a record," \
        "$(calc '%.1f' "$ir / $n / $bytes") a byte of options"
    result "p3.$size.ir" $((ir / n))
  done
  say "  Functions of the 1 MiB record, build + serialization (free not counted):"
  "$PY" "$HERE/cgsum.py" report "$W/cg/record-1MiB.out" "$SRC" 12 | tee "$W/cg/record-report.txt"
}


# --- Part 4: peak RSS before the exec ----------------------------------------------

rss_run() {				# rss_run TAG SERVERBIN COMMAND URI SERVERROOT OPTIONSFILE: KiB
  local tag=$1 sb=$2 cmd=$3 uri=$4 sr=$5 opts=$6 i vals=()
  for ((i = 1; i <= RSS_REPEAT; i++)); do
    timeout 60 "$LAUNCH" -1 -e "$W/env/$sb.env" -o "$opts" -f "$W/jobs/job-4k" -t 30 \
      -E "$W/rss/$tag.stderr" "$tag" "$cmd" "$uri" "$sr" -- \
      /usr/bin/time -f %M -o "$W/rss/$tag.$i" >/dev/null || die "RSS run $tag failed"
    vals+=("$(tail -n 1 "$W/rss/$tag.$i")")
  done
  printf '%s\n' "${vals[@]}" | median
}

part4() {
  section "4. Peak RSS of the shim's process (before its exec: the exec fails, as in part 2)"
  local uri="socket://127.0.0.1:$PORT" pa pa755 bare tru big
  "$BUILD/bench/record-bench" -g 131000 >"$W/jobs/options-128k"
  pa=$(rss_run pa-both sb-eacces "$SB/backend/printaudit" "printaudit:$uri" "$W/sr-both" "$FIXTURE")
  pa755=$(rss_run pa-both-755 sb-noexec755 "$SB/backend/printaudit" "printaudit:$uri" "$W/sr-both" "$FIXTURE")
  bare=$(rss_run bare sb-eacces "$SB/backend/bare" "bare:$uri" "$W/sr-base" "$FIXTURE")
  tru=$(rss_run true sb-eacces /bin/true "$uri" "$W/sr-base" "$FIXTURE")
  big=$(rss_run pa-both-128k sb-eacces "$SB/backend/printaudit" "printaudit:$uri" "$W/sr-both" "$W/jobs/options-128k")
  printf '  %-62s %8s\n' "process (median of $RSS_REPEAT, /usr/bin/time %M)" "KiB"
  printf '  %-62s %8s\n' "printaudit, both sinks, macOS fixture, socket 0644 (root path)" "$pa"
  printf '  %-62s %8s\n' "printaudit, both sinks, macOS fixture, socket 0755 (drops to lp)" "$pa755"
  printf '  %-62s %8s\n' "bare shim, macOS fixture" "$bare"
  printf '  %-62s %8s\n' "/bin/true, same arguments" "$tru"
  printf '  %-62s %8s\n' "printaudit, both sinks, 131,000-byte options (argv's limit)" "$big"
  printf '  %-62s %8s\n' "printaudit - bare shim (macOS fixture)" "$((pa - bare))"
  result p4.pa "$pa"
  result p4.pa755 "$pa755"
  result p4.bare "$bare"
  result p4.true "$tru"
  result p4.big "$big"
}


# --- Part 5: jobs per second through cupsd -----------------------------------------

cupsd_ready() { [[ $(lpstat -r 2>/dev/null) == "scheduler is running" ]]; }
queue_empty() { [[ -z $(lpstat -o "$1" 2>/dev/null) ]]; }

cups_batch() {				# cups_batch QUEUE N: "SECONDS MEDIAN-CYCLE" of N queued jobs
  # The queue is stopped while the jobs are queued, then started; the time
  # runs from the start to the close of the batch's last connection at the
  # receiver (its log has microseconds; no polling in the measurement).
  # Then, untimed, until cupsd has finished the jobs.  A job's cycle is
  # from the previous job's close at the receiver (the first's: from the
  # start) to its own: the median cycle of a batch is what a stall of the
  # machine in the middle of it does not move.
  local q=$1 n=$2 i start target deadline
  cupsdisable "$q" || die "cupsdisable $q failed"
  for ((i = 0; i < n; i++)); do
    lp -d "$q" -t test -o media=Letter -o sides=one-sided "$W/jobs/job-4k" >/dev/null ||
      die "lp -d $q failed"
  done
  target=$(($(received) + n))
  deadline=$((SECONDS + 10 + 2 * n))	# 2 s a job is 100 times what one takes
  start=$EPOCHREALTIME
  cupsenable "$q" || die "cupsenable $q failed"
  while (($(received) < target)); do
    ((SECONDS < deadline)) || die "$q: $((target - $(received))) jobs did not arrive in time"
    sleep 0.005
  done
  wait_for 30 queue_empty "$q" || die "$q: jobs still queued: $(lpstat -o "$q" | head -3)"
  awk -v t="$start" -v first=$((target - n + 1)) -v last="$target" '
    NR >= first && NR <= last { c[NR - first] = $3 - t; t = $3; e = $3 }
    END {
      m = last - first + 1
      for (i = 0; i < m; i++)		# Insertion sort: a batch is short
        for (j = i; j > 0 && c[j - 1] > c[j]; j--) { x = c[j]; c[j] = c[j - 1]; c[j - 1] = x }
      med = (m % 2) ? c[(m - 1) / 2] : (c[m / 2 - 1] + c[m / 2]) / 2
      printf "%.6f %.6f\n", e - start0, med
    }' start0="$start" "$W/recv/log"
}

part5() {
  section "5. Jobs per second through a private cupsd (raw queues, 4 KiB jobs, loopback receiver)"
  local d=$W/cupsd root port uri="socket://127.0.0.1:$PORT"
  root=$d/conf
  mkdir -p "$root" "$d/spool/tmp" "$d/cache" "$d/state" "$d/log"
  serverbin "$d/sb"
  for f in "$SYSBIN"/backend/*; do ln -s "$f" "$d/sb/backend/"; done
  install -o root -g root -m 0700 "$SHIM" "$d/sb/backend/printaudit"
  port=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  cat >"$root/cups-files.conf" <<EOF
ServerRoot $root
RequestRoot $d/spool
TempDir $d/spool/tmp
CacheDir $d/cache
StateDir $d/state
ServerBin $d/sb
ErrorLog $d/log/error_log
AccessLog $d/log/access_log
PageLog $d/log/page_log
Printcap $d/printcap
User lp
Group lp
SystemGroup root lpadmin
EOF
  cat >"$root/cupsd.conf" <<EOF
LogLevel warn
Listen 127.0.0.1:$port
Listen $d/cups.sock
Browsing No
WebInterface No
MaxJobs 0
<Location />
  Order allow,deny
  Allow localhost
</Location>
EOF
  printf '%s\n' "Syslog on" "SyslogSocket $W/log.sock" "JsonLog $d/audit.jsonl" >"$root/printaudit.conf"
  chown -R root:root "$root"
  chmod 0644 "$root/printaudit.conf"
  cupsd -t -c "$root/cupsd.conf" -s "$root/cups-files.conf" >"$d/log/check" 2>&1 ||
    die "cupsd -t rejects the configuration: $(cat "$d/log/check")"
  export CUPS_SERVER=$d/cups.sock
  spawn cupsd "$d/log/cupsd.out" cupsd -f -c "$root/cupsd.conf" -s "$root/cups-files.conf"
  wait_for 20 cupsd_ready || die "cupsd did not start"
  lpadmin -p wired -v "printaudit:$uri" -E || die "lpadmin wired failed"
  lpadmin -p unwired -v "$uri" -E || die "lpadmin unwired failed"
  say "cupsd on $CUPS_SERVER; queues: wired = printaudit:$uri (both sinks), unwired = $uri"

  # A few jobs each first, so that neither queue pays for a cold start.
  cups_batch wired 5 >/dev/null
  cups_batch unwired 5 >/dev/null

  # Short batches in ABBA order: each pair of batches, one of each queue,
  # sees the same moment of the machine.
  local per=$((CUPS_JOBS / CUPS_BATCHES)) b order=() q
  for ((b = 0; b < CUPS_BATCHES; b++)); do
    if (((b % 2) == 0)); then order+=(wired unwired); else order+=(unwired wired); fi
  done
  local before js0 sys0
  before=$(received)
  js0=$(jsonl_records "$d/audit.jsonl")
  syslog_sync
  sys0=$(syslog_records)
  : >"$W/cupsd.tsv"
  local res
  for q in "${order[@]}"; do
    res=$(cups_batch "$q" "$per")
    printf '%s\t%s\t%s\t%s\n' "$q" "$per" "${res% *}" "${res#* }" >>"$W/cupsd.tsv"
  done
  local got=$(($(received) - before)) js sys
  js=$(($(jsonl_records "$d/audit.jsonl") - js0))
  syslog_sync
  sys=$(($(syslog_records) - sys0))
  [[ $got == $((2 * per * CUPS_BATCHES)) ]] || die "the receiver got $got jobs, not $((2 * per * CUPS_BATCHES))"
  [[ $js == $((per * CUPS_BATCHES)) && $sys == "$js" ]] ||
    die "wired jobs left $js JsonLog and $sys syslog records, not $((per * CUPS_BATCHES))"

  # Jobs/s of each queue over all its batches, and their ratio; then the
  # robust estimate: for each adjacent pair of batches (one of each
  # queue), the ratio of their median job cycles (unwired / wired, i.e.
  # wired / unwired in jobs/s), and the median of those ratios with a 95%
  # distribution-free interval (order statistics).
  local stats
  stats=$("$PY" - "$W/cupsd.tsv" <<'EOF'
import math, sys
rows = [l.split("\t") for l in open(sys.argv[1]).read().splitlines() if l]
tot = {"wired": [0, 0.0], "unwired": [0, 0.0]}
for q, n, s, _ in rows:
    tot[q][0] += int(n)
    tot[q][1] += float(s)
rate = {q: n / s for q, (n, s) in tot.items()}
pairs, cyc = [], {"wired": [], "unwired": []}
for i in range(0, len(rows) - 1, 2):
    c = {rows[i][0]: float(rows[i][3]), rows[i + 1][0]: float(rows[i + 1][3])}
    pairs.append(c["unwired"] / c["wired"])
    for q in c:
        cyc[q].append(c[q])
def median(v):
    v = sorted(v)
    n = len(v)
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2
pairs.sort()
n = len(pairs)
half = 0.98 * math.sqrt(n)
lo = pairs[max(0, int(math.floor(n / 2 - half)))]
hi = pairs[min(n - 1, int(math.ceil(n / 2 + half)))]
print("%.2f %.2f %.4f %.4f %.3f %.3f %d %.2f %.2f" % (
    rate["wired"], rate["unwired"], rate["wired"] / rate["unwired"], median(pairs), lo, hi, n,
    1 / median(cyc["wired"]), 1 / median(cyc["unwired"])))
EOF
  ) || die "the statistics of part 5 failed"
  local wj uj rt med lo hi np cw cu
  read -r wj uj rt med lo hi np cw cu <<<"$stats"
  printf '  %-8s %5d jobs in %2d batches: %8.2f jobs/s over all; %8.2f jobs/s from the median job cycle\n' \
    wired $((per * CUPS_BATCHES)) "$CUPS_BATCHES" "$wj" "$cw"
  printf '  %-8s %5d jobs in %2d batches: %8.2f jobs/s over all; %8.2f jobs/s from the median job cycle\n' \
    unwired $((per * CUPS_BATCHES)) "$CUPS_BATCHES" "$uj" "$cu"
  say "  wired/unwired: $rt over all batches; $med from the median job cycles of the $np paired batches"
  say "  (95% interval $lo .. $hi).  Every job reached the receiver whole and every wired job left one"
  say "  record in each sink.  Per batch: $W/cupsd.tsv (queue, jobs, seconds, median cycle)."
  result p5.wired "$wj"
  result p5.unwired "$uj"
  result p5.ratio "$rt"
  result p5.paired "$med"
  result p5.ci "$lo .. $hi"
  local i
  for i in "${!NAMES[@]}"; do
    if [[ ${NAMES[i]} == cupsd ]]; then
      stop_pid "${PIDS[i]}" cupsd
    fi
  done
  unset CUPS_SERVER
}


# --- Summary -----------------------------------------------------------------------

summary() {
  section "Summary"
  local v r pr br ok
  if [[ " $PARTS " == *" 1 "* ]]; then
    say "  Per job, medians; 'x direct' is the median of the paired ratios to direct;"
    say "  'p10 x' compares the fastest tenth of each (what a machine without other work shows)."
    printf '  %-10s | %-39s | %-39s\n' "" "4 KiB job" "50 MiB job"
    printf '  %-10s | %9s %9s %9s %9s | %9s %9s %9s %9s\n' variant "wall ms" "x direct" "p10 x" \
      "CPU x" "wall ms" "x direct" "p10 x" "CPU x"
    for v in direct bare pa-syslog pa-json pa-both beh; do
      printf '  %-10s | %9.3f %9.3f %9.3f %9.3f | %9.1f %9.3f %9.3f %9.3f\n' "$v" \
        "$(get "p1.4KiB.$v.wall")" "$(get "p1.4KiB.$v.rwall")" "$(get "p1.4KiB.$v.r10")" \
        "$(get "p1.4KiB.$v.rcpu")" "$(get "p1.50MiB.$v.wall")" "$(get "p1.50MiB.$v.rwall")" \
        "$(get "p1.50MiB.$v.r10")" "$(get "p1.50MiB.$v.rcpu")"
    done
    say ""
    say "  The shim's process alone (exec to failed exec and exit), medians, wall / CPU ms:"
    say "    /bin/true $(get p1.shim.true.wall) / $(get p1.shim.true.cpu);" \
        "bare shim $(get p1.shim.bare.wall) / $(get p1.shim.bare.cpu)" \
        "(static: $(get p1.shim.bare-static.wall) / $(get p1.shim.bare-static.cpu));" \
        "printaudit syslog $(get p1.shim.pa-syslog.wall) / $(get p1.shim.pa-syslog.cpu)," \
        "JsonLog $(get p1.shim.pa-json.wall) / $(get p1.shim.pa-json.cpu)," \
        "both $(get p1.shim.pa-both.wall) / $(get p1.shim.pa-both.cpu)"
    say ""
    pr=$(get p1.4KiB.pa-both.rwall)
    br=$(get p1.4KiB.beh.rwall)
    ok=1
    le "$pr" 1.10 && lt "$pr" "$br" || ok=0
    if ((ok)); then v=PASS; else v=MISS; fi
    verdict "$v" "printaudit (both sinks)/direct wall at 4 KiB = $pr (95% CI $(get p1.4KiB.pa-both.ci);" \
      "target <= 1.10 and below beh's $br, CI $(get p1.4KiB.beh.ci))"
    verdict info "  at 50 MiB: $(get p1.50MiB.pa-both.rwall) (beh $(get p1.50MiB.beh.rwall));" \
      "p10 ratios at 4 KiB: printaudit $(get p1.4KiB.pa-both.r10), beh $(get p1.4KiB.beh.r10)"
  fi
  if [[ " $PARTS " == *" 2 "* ]]; then
    r=$(get p2.to_exec)
    check le "$r" 300000 -- "instructions up to the exec, macOS fixture, both sinks = $(commas "$r")" \
      "(target <= 300,000; 0644 backend, root path; total with the ERROR line and exit $(commas "$(get p2.total)"))"
    r=$(get p2.pa-both-noexec755)
    check le "$r" 300000 -- "  the same for a 0755 backend (drop to lp: getpwnam, getgrnam) = $(commas "$r")"
  fi
  if [[ " $PARTS " == *" 3 "* ]]; then
    r=$(get p3.fixture.us)
    check le "$r" 20 -- "record build + serialization, macOS fixture = $r us CPU (target <= 20 us;" \
      "10th percentile $(get p3.fixture.p10) us)"
    r=$(get p3.1MiB.us)
    check le "$r" 10000 -- "1 MiB of options = $(calc '%.2f' "$r / 1000") ms CPU (target <= 10 ms;" \
      "10th percentile $(calc '%.2f' "$(get p3.1MiB.p10) / 1000") ms)"
    local a b c lo hi
    a=$(get p3.16KiB.nsb) b=$(get p3.256KiB.nsb) c=$(get p3.1MiB.nsb)
    lo=$(printf '%s\n' "$a" "$b" "$c" | sort -g | head -1)
    hi=$(printf '%s\n' "$a" "$b" "$c" | sort -g | tail -1)
    check le "$(calc '%.3f' "$hi / $lo")" 1.5 -- "time per byte flat: $a / $b / $c ns per byte at 16 KiB / 256 KiB / 1 MiB" \
      "(max/min $(calc '%.2f' "$hi / $lo"), target <= 1.5)"
  fi
  if [[ " $PARTS " == *" 4 "* ]]; then
    r=$(($(get p4.pa) - $(get p4.bare)))
    check le "$r" 2048 -- "peak RSS before the exec: printaudit $(get p4.pa) KiB - bare shim $(get p4.bare) KiB = $r KiB (target <= 2048)"
  fi
  if [[ " $PARTS " == *" 5 "* ]]; then
    r=$(get p5.paired)
    check ge "$r" 0.97 -- "cupsd jobs/s wired/unwired = $r from paired median job cycles (95% interval" \
      "$(get p5.ci); target >= 0.97); over all batches $(get p5.wired)/$(get p5.unwired) = $(get p5.ratio)"
  fi
  say ""
  printf '  %s\n' "${VERDICTS[@]}"
  say ""
  say "  load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
}


# --- Main ----------------------------------------------------------------------------

main() {
  local started=$SECONDS
  preflight
  CUPS_VERSION=$(cups-config --version 2>/dev/null || echo 2.4.2)
  W=$(mktemp -d "${TMPDIR:-/tmp}/printaudit-bench.XXXXXX")
  chmod 0755 "$W"
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  : >"$W/results.tsv"
  if [[ -n ${BENCH_NICE:-} ]]; then
    renice -n "$BENCH_NICE" -p $$ >/dev/null || die "renice $BENCH_NICE failed"
  fi
  say "printaudit benchmark$([[ $QUICK == 1 ]] && echo ' (QUICK=1)'); work directory $W;" \
      "nice $(ps -o ni= -p $$ | tr -d ' ')"
  build
  machine
  setup
  [[ " $PARTS " == *" 1 "* ]] && part1
  [[ " $PARTS " == *" 2 "* ]] && part2
  [[ " $PARTS " == *" 3 "* ]] && part3
  [[ " $PARTS " == *" 4 "* ]] && part4
  [[ " $PARTS " == *" 5 "* ]] && part5
  summary | tee "$W/summary.txt"
  say "  run time: $((SECONDS - started)) s"
  if [[ -n ${BENCH_RESULTS:-} ]]; then
    cp "$W/summary.txt" "$BENCH_RESULTS"
  fi
}

main "$@"
