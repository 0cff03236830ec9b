#!/usr/bin/env bash
#
# bench/notify.sh: what the notifier (printaudit-notify) costs, in one
# command.
#
#   bench/notify.sh           the full run (about 2-3 minutes)
#   QUICK=1 bench/notify.sh   fewer jobs (under a minute)
#
# Environment:
#   QUICK=1          fewer jobs
#   BENCH_BUILD=DIR  build directory (default: <source>/build-bench, as run.sh)
#   BENCH_KEEP=1     keep the work directory (E2E_KEEP; kept anyway on failure)
#   BENCH_RESULTS=F  also write the summary to F
#
# A private cupsd (tests/lib/harness.sh, with the notifier installed as a
# package installs it: tests/notify/lib-notify.sh), printaudit-wire making
# the notifier's subscription, a wired and an unwired raw queue printing
# 4 KiB jobs to a loopback receiver.  backend/socket of the private
# ServerBin is bench/exit-stamp.c, which runs the real socket backend and
# notes when it exited; bench/tail-stamp.c notes when each record lands in
# the OutcomeLog (inotify).  Measured:
#
#   1. the notifier's CPU time (utime + stime, and the scheduler's run time
#      in ns) and peak RSS (VmHWM), read from /proc/<pid> while it runs:
#      per 1,000 job.end records (wired jobs, one at a time), per 1,000
#      events that make no record (unwired jobs), and for a burst of wired
#      jobs queued at once;
#   2. the delay from the real backend's exit to the job.end record in the
#      OutcomeLog (and to the record's own "time"), median and p95, for the
#      jobs one at a time and for the burst.
#
# Runs as root, on loopback only, in a private directory; stops what it
# started by PID; every wait is bounded.  It fails (non-zero) only when
# something does not work (a build, a daemon, a record missing or doubled),
# never because of a figure.
#
# Copyright 2026 The printaudit authors.
# Licensed under the Apache License, Version 2.0.

set -euo pipefail

# say, die, preflight, build and machine are the benchmark's (lib-bench.sh:
# HERE, SRC, BUILD, QUICK, SYSBIN; E2E_KEEP from BENCH_KEEP).
# shellcheck source=lib-bench.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib-bench.sh"

if [[ $QUICK == 1 ]]; then
  WARM=3 SEQ=40 UNWIRED=40 BURST=40 TRACE=8
else
  WARM=5 SEQ=240 UNWIRED=240 BURST=240 TRACE=20
fi


# --- Build (before the harness's cleanup is armed by notify_start) ---------

preflight cmake cc cupsd lp lpadmin lpstat cupsenable cupsdisable ipptool rsyslogd logger \
  "$PY" "$SYSBIN/backend/socket"
CUPS_VERSION=$(cups-config --version 2>/dev/null || echo '?')

started=$SECONDS
say "printaudit notifier benchmark$([[ $QUICK == 1 ]] && echo ' (QUICK=1)')"
build printaudit-notify bench-receiver bench-exit-stamp bench-tail-stamp

export PRINTAUDIT_NOTIFY_BIN=$BUILD/notifier/printaudit
# shellcheck source=../tests/notify/lib-notify.sh
. "$SRC/tests/notify/lib-notify.sh"

say "notifier: $(stat -c %s "$PRINTAUDIT_NOTIFY_BIN") bytes; links:" \
    "$(ldd "$PRINTAUDIT_NOTIFY_BIN" | awk '{ print $1 }' | grep -v vdso | tr '\n' ' ')"
machine


# --- Setup --------------------------------------------------------------------

section Setup
notify_start
W=$E2E_DIR

# cupsd as it runs in production: the harness's LogLevel debug would put
# cupsd's own logging between the backend's exit and the event.
sed -i 's/^LogLevel debug$/LogLevel warn/' "$E2E_SERVERROOT/cupsd.conf"
grep -q '^LogLevel warn$' "$E2E_SERVERROOT/cupsd.conf" || e2e_die "cannot set LogLevel warn"
notify_restart_cupsd

# backend/socket: the exit stamp around the real socket backend.
bk=$E2E_SERVERBIN/backend
rm -f "$bk/socket"
install -o root -g root -m 0755 "$BUILD/bench/exit-stamp" "$bk/socket"
ln -s "$SYSBIN/backend/socket" "$bk/socket.real"
mkdir -p "$W/stamp"
: >"$W/stamp/exits"
chown -R lp:lp "$W/stamp"
ln -s "$W/stamp/exits" "$bk/socket.stamps"

mkdir -p "$W/recv"
e2e_spawn receiver "$W/recv/stderr" "$BUILD/bench/receiver" "$W/recv/port" "$W/recv/log" 900
e2e_wait_for "$E2E_WAIT" test -s "$W/recv/port" || e2e_die "the receiver did not start"
port=$(cat "$W/recv/port")

e2e_spawn tail-stamp "$W/tail-stamp.log" "$BUILD/bench/tail-stamp" "$NOTIFY_OUTCOME" \
  "$W/arrivals" "$W/tail-stamp.ready" 900
e2e_wait_for "$E2E_WAIT" test -e "$W/tail-stamp.ready" || e2e_die "tail-stamp did not start"

e2e_add_queue wired "socket://127.0.0.1:$port"
e2e_add_queue unwired "socket://127.0.0.1:$port"
out=$(notify_wire wired)
grep -q '^subscription [0-9]*: created for printaudit-notify' <<<"$out" ||
  e2e_die "printaudit-wire made no subscription: $out"
[[ $(notify_subscriptions) == 1 ]] || e2e_die "not exactly one printaudit:// subscription"
say "cupsd: $CUPS_SERVER (LogLevel warn); queues wired = printaudit:socket://127.0.0.1:$port," \
    "unwired = socket://127.0.0.1:$port; sinks: syslog (private rsyslogd) and OutcomeLog"

doc=$W/job-4k
head -c 4096 /dev/urandom >"$doc"
chmod 0644 "$doc"

queue_empty() { [[ -z $(lpstat -o "$1" 2>/dev/null) ]]; }
arrived() { if [[ -e $W/arrivals ]]; then wc -l <"$W/arrivals"; else echo 0; fi; }
arrived_at_least() { (($(arrived) >= $1)); }

wait_records() {			# wait_records N SECONDS: N records in the OutcomeLog
  e2e_wait_for -i 0.01 "$2" arrived_at_least "$1" ||
    e2e_die "$(($1 - $(arrived))) job.end records did not arrive in $2 s"
}

NPID=""
sample() {				# sample TAG: the notifier's counters now
  local stat sched wait
  [[ -r /proc/$NPID/stat ]] || e2e_die "the notifier (PID $NPID) is gone"
  stat=$(sed 's/^.*) //' "/proc/$NPID/stat")	# Fields from 3 on: state is $1
  read -r sched wait _ <"/proc/$NPID/schedstat" 2>/dev/null || sched=0 wait=0
  printf '%s %s %s %s %s %s %s\n' "$1" \
    "$(awk '{ print $12 }' <<<"$stat")" "$(awk '{ print $13 }' <<<"$stat")" "$sched" \
    "$(awk '/^VmHWM:/ { print $2 }' "/proc/$NPID/status")" \
    "$(awk '/^VmRSS:/ { print $2 }' "/proc/$NPID/status")" "$wait" >>"$W/samples"
}

seq_jobs() {				# seq_jobs N TAG: N wired jobs, each after the last's record
  local i j n
  for ((i = 0; i < $1; i++)); do
    n=$(($(arrived) + 1))
    j=$(e2e_print wired -o raw "$doc")
    printf 'wired %s %s\n' "$j" "$2" >>"$W/jobs"
    wait_records "$n" 20
  done
}

queued_jobs() {				# queued_jobs QUEUE N TAG: N jobs queued, then released
  local q=$1 n=$2 i j
  cupsdisable "$q" || e2e_die "cupsdisable $q failed"
  for ((i = 0; i < n; i++)); do
    j=$(e2e_print "$q" -o raw "$doc")
    printf '%s %s %s\n' "$q" "$j" "$3" >>"$W/jobs"
  done
  cupsenable "$q" || e2e_die "cupsenable $q failed"
}

: >"$W/jobs"
: >"$W/samples"


# --- The runs -------------------------------------------------------------------

section Runs
# Warm-up: cupsd starts the notifier at the first event; it stays.
seq_jobs "$WARM" warm
mapfile -t npids < <(notify_notifier_pids)
((${#npids[@]} == 1)) || e2e_die "not exactly one notifier running: ${npids[*]:-none}"
NPID=${npids[0]}
say "notifier: PID $NPID, user $(ps -o user= -p "$NPID"), $(awk '/^VmRSS:/ { print $2 " " $3 }' \
    "/proc/$NPID/status") resident after $WARM jobs"
sample warm
t0=$SECONDS

# 1. Wired jobs one at a time: each event makes a record, nothing queues.
seq_jobs "$SEQ" seq
sample seq
say "one at a time: $SEQ wired jobs in $((SECONDS - t0)) s"

# 2. Unwired jobs: events that make no record (one Get-Printer-Attributes
# each).  A wired job after them: its record means every event before it
# was handled (the notifier reads its events in order); its cost is taken
# off with the per-record figure of run 1.
t0=$SECONDS
rec0=$(received)
queued_jobs unwired "$UNWIRED" unwired
e2e_wait_for -i 0.05 $((30 + UNWIRED)) received_at_least $((rec0 + UNWIRED)) ||
  e2e_die "unwired jobs did not reach the receiver in time"
e2e_wait_for 60 queue_empty unwired || e2e_die "unwired jobs still queued"
seq_jobs 1 flush
sample unwired
say "unwired: $UNWIRED jobs in $((SECONDS - t0)) s"

# 3. A burst: wired jobs queued at once, so events come back to back and
# wait for the notifier.
t0=$SECONDS
n=$(($(arrived) + BURST))
queued_jobs wired "$BURST" burst
wait_records "$n" $((60 + 2 * BURST))
sample burst
say "burst: $BURST wired jobs in $((SECONDS - t0)) s"

# 4. Where the delay goes: a few more jobs one at a time with strace on
# the notifier (it slows the notifier, so these are in no figure above):
# the backend's exit to the notifier's read of the event (cupsd's part),
# and that read to the record's write (the notifier's, with its two IPP
# requests to cupsd).
if command -v strace >/dev/null; then
  e2e_spawn strace "$W/strace.log" strace -ttt -T -s 400 -e trace=read,writev -o "$W/strace.out" \
    -p "$NPID"
  e2e_wait_for "$E2E_WAIT" grep -q 'attached' "$W/strace.log" ||
    e2e_die "strace did not attach to the notifier: $(cat "$W/strace.log")"
  seq_jobs "$TRACE" trace
  e2e_stop strace
  say "traced: $TRACE wired jobs one at a time, strace on the notifier"
else
  say "no strace: the delay is not split"
fi
sleep 1					# Time for a doubled record to show
e2e_wait_for 30 e2e_no_active_jobs || e2e_die "jobs still active: $(lpstat -o | head -3)"
sample end
e2e_syslog_sync


# --- Figures --------------------------------------------------------------------

section Summary
ticks=$(getconf CLK_TCK)
if ! "$PY" - "$W" "$ticks" "$NOTIFY_OUTCOME" "$W/syslog.out" >"$W/summary.txt" <<'EOF'; then
import datetime, json, re, sys

w, ticks, outcome, syslog = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
errors = []

jobs = {}				# job id -> (queue, run)
for line in open(w + "/jobs"):
    q, j, run = line.split()
    jobs[int(j)] = (q, run)

exits = {}
for line in open(w + "/stamp/exits"):
    j, t, status = line.split()
    if j in exits:
        errors.append("job %s: the backend ran twice" % j)
    exits[int(j)] = (float(t), int(status))

arrivals = {}
for line in open(w + "/arrivals"):
    t, text = line.rstrip("\n").split("\t", 1)
    r = json.loads(text)
    if (r.get("event") or {}).get("action") != "job.end":
        errors.append("not a job.end in the OutcomeLog: %s" % text[:80])
        continue
    j = r["job"]["id"]
    if j in arrivals:
        errors.append("job %d: two job.end records" % j)
    made = datetime.datetime.fromisoformat(r["time"].replace("Z", "+00:00")).timestamp()
    arrivals[j] = (float(t), made, r)

syslog_ends = 0
for line in open(syslog):
    if '"job.end"' in line:
        syslog_ends += 1

wired = [j for j, (q, _) in jobs.items() if q == "wired"]
for j, (q, run) in sorted(jobs.items()):
    if j not in exits:
        errors.append("job %d (%s): no backend exit noted" % (j, q))
    elif exits[j][1] != 0:
        errors.append("job %d (%s): the backend exited with status %d" % (j, q, exits[j][1]))
    if q == "wired" and j not in arrivals:
        errors.append("job %d: no job.end in the OutcomeLog" % j)
    if q == "unwired" and j in arrivals:
        errors.append("job %d: a job.end for an unwired queue" % j)
    if q == "wired" and j in arrivals:
        r = arrivals[j][2]
        if r["job"]["state"] != "completed" or r["printer"]["name"] != "wired":
            errors.append("job %d: job.end says %s on %s" % (j, r["job"]["state"], r["printer"]["name"]))
if syslog_ends != len(wired):
    errors.append("%d job.end records in syslog, not %d" % (syslog_ends, len(wired)))

samples = {}
for line in open(w + "/samples"):
    tag, ut, st, ns, hwm, rss, wait = line.split()
    samples[tag] = (int(ut), int(st), int(ns), int(hwm), int(rss), int(wait))

def cost(a, b):
    """CPU ms (utime, stime, their sum, run time, run-queue wait) between samples."""
    sa, sb = samples[a], samples[b]
    ut = (sb[0] - sa[0]) * 1000.0 / ticks
    st = (sb[1] - sa[1]) * 1000.0 / ticks
    return ut, st, ut + st, (sb[2] - sa[2]) / 1e6, (sb[5] - sa[5]) / 1e6

def pct(v, p):
    v = sorted(v)
    if not v:
        return float("nan")
    k = (len(v) - 1) * p / 100.0
    lo = int(k)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)

n = {run: sum(1 for q, r in jobs.values() if r == run) for run in ("seq", "unwired", "burst", "trace")}
print("  The notifier's CPU time (/proc/PID/stat utime + stime, %d Hz ticks; 'run ms' is the" % ticks)
print("  scheduler's run time from /proc/PID/schedstat, in ns; 'wait ms' its time runnable but")
print("  waiting for a CPU, which other work on the machine makes), per 1,000 events:")
print("  %-44s %6s %9s %9s %9s %9s %9s" % ("run", "events", "user ms", "sys ms", "CPU ms", "run ms",
                                         "wait ms"))
seq = cost("warm", "seq")
per_record = [x * 1000.0 / n["seq"] for x in seq]
print("  %-44s %6d %9.0f %9.0f %9.0f %9.0f %9.0f" % (("wired, one at a time: each event one record",
      n["seq"]) + tuple(per_record)))
unw = cost("seq", "unwired")		# Plus one wired job: taken off
per_event = [(x - p / 1000.0) * 1000.0 / n["unwired"] for x, p in zip(unw, per_record)]
print("  %-44s %6d %9.0f %9.0f %9.0f %9.0f %9.0f" % (("unwired: events that make no record", n["unwired"])
      + tuple(per_event)))
bur = cost("unwired", "burst")
per_burst = [x * 1000.0 / n["burst"] for x in bur]
print("  %-44s %6d %9.0f %9.0f %9.0f %9.0f %9.0f" % (("wired, queued at once (a burst)", n["burst"])
      + tuple(per_burst)))
tot = cost("warm", "burst")		# The traced jobs are not in it
events = n["seq"] + n["unwired"] + n["burst"] + 1	# + the flush job
records = n["seq"] + n["burst"] + 1
print("  runs 1-3: %d events (one job-completed event a job), %d job.end records: %.0f ms CPU"
      " (ticks), %.0f ms run time:" % (events, records, tot[2], tot[3]))
print("  %.0f ms a 1,000 events, %.0f ms a 1,000 records if records cost it all"
      % (tot[3] * 1000.0 / events, tot[3] * 1000.0 / records))
print("  peak RSS (VmHWM): %d KiB after the warm-up, %d KiB after %d more events (VmRSS now %d KiB),"
      % (samples["warm"][3], samples["end"][3], events + n["trace"], samples["end"][4]))
print("  read from /proc/PID/status while the notifier runs, before cupsd ends it")
print("")
print("  Delay from the real backend's exit (exit-stamp) to the job.end record, ms:")
print("  %-30s %6s %8s %8s %8s %8s   %s" % ("run", "jobs", "median", "p95", "min", "max",
                                          "to the record's \"time\": median / p95"))
figures = {}
for run, label in (("seq", "wired, one at a time"), ("burst", "wired, burst")):
    land, made = [], []
    for j, (q, r) in jobs.items():
        if r == run and j in exits and j in arrivals:
            land.append((arrivals[j][0] - exits[j][0]) * 1000.0)
            made.append((arrivals[j][1] - exits[j][0]) * 1000.0)
    figures[run] = (pct(land, 50), pct(land, 95))
    print("  %-30s %6d %8.1f %8.1f %8.1f %8.1f   %.1f / %.1f" % (label, len(land), pct(land, 50),
          pct(land, 95), min(land or [0]), max(land or [0]), pct(made, 50), pct(made, 95)))
traced = sorted(j for j, (q, r) in jobs.items() if r == "trace" and j in exits)
if traced:
    reads, writes = [], {}
    for line in open(w + "/strace.out"):
        parts = line.split(" ", 1)
        if len(parts) < 2:
            continue
        t, call = float(parts[0]), parts[1]
        took = re.search(r"<([0-9.]+)>\s*$", call)
        if call.startswith("read(0,") and took and not re.search(r"= 0 <", call):
            reads.append(t + float(took.group(1)))	# When it returned
        elif call.startswith("writev("):
            m = re.search(r'"job":\{"id":(\d+),', call.replace("\\", ""))
            if m and int(m.group(1)) not in writes:
                writes[int(m.group(1))] = t
    cupsd_part, notifier_part = [], []
    for j in traced:
        first = [t for t in reads if t >= exits[j][0]]
        if first and j in writes:
            cupsd_part.append((first[0] - exits[j][0]) * 1000.0)
            notifier_part.append((writes[j] - first[0]) * 1000.0)
    if reads and writes:
        print("  the notifier reads each event with %.0f read() calls on stdin (ippReadFile: one a field)"
              % (len(reads) / float(len(writes))))
    if cupsd_part:
        print("  split (%d jobs one at a time, strace on the notifier): backend exit -> the event"
              " read by the" % len(cupsd_part))
        print("  notifier (cupsd's part) median %.1f ms, p95 %.1f; event -> record written (the"
              " notifier's part," % (pct(cupsd_part, 50), pct(cupsd_part, 95)))
        print("  with its IPP requests to cupsd) median %.1f ms, p95 %.1f under strace, which"
              " stops it at" % (pct(notifier_part, 50), pct(notifier_part, 95)))
        print("  every read: untraced, about %.1f ms (the median delay above less cupsd's part)"
              % (figures["seq"][0] - pct(cupsd_part, 50)))
print("  (landing: when tail-stamp read the line, inotify on the OutcomeLog; the record's \"time\""
      " has ms")
print("  resolution and is taken before the write, so it can read up to 1 ms early)")
print("")
print("  every wired job left exactly one job.end (OutcomeLog and syslog: %d), no unwired job"
      " left one" % syslog_ends if not errors else "  ERRORS:")
for e in errors[:20]:
    print("    " + e)
sys.exit(1 if errors else 0)
EOF
  cat "$W/summary.txt"
  e2e_die "the records do not match the jobs (see above)"
fi
cat "$W/summary.txt"
say "  load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
say "  run time: $((SECONDS - started)) s"
if [[ -n ${BENCH_RESULTS:-} ]]; then
  cp "$W/summary.txt" "$BENCH_RESULTS"
fi
