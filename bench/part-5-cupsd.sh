# shellcheck shell=bash
#
# part-5-cupsd.sh: part 5, jobs per second through a private cupsd.
# Sourced by bench/run.sh (with bench/lib-bench.sh); defines part5, which
# measures, and summary5, which says what it found against its targets.
#
# Copyright 2026 The printaudit authors.
# Licensed under the Apache License, Version 2.0.

queue_empty() { [[ -z $(lpstat -o "$1" 2>/dev/null) ]]; }

cups_batch() {				# cups_batch QUEUE N: "SECONDS MEDIAN-CYCLE" of N queued jobs
  # The queue is stopped while the jobs are queued, then started; the time
  # runs from the start to the close of the batch's last connection at the
  # receiver (its log has microseconds; no polling in the measurement).
  # Then, untimed, until cupsd has finished the jobs.  A job's cycle is
  # from the previous job's close at the receiver (the first's: from the
  # start) to its own: the median cycle of a batch is what a stall of the
  # machine in the middle of it does not move.
  local q=$1 n=$2 i start target
  cupsdisable "$q" || die "cupsdisable $q failed"
  for ((i = 0; i < n; i++)); do
    lp -d "$q" -t test -o media=Letter -o sides=one-sided "$W/jobs/job-4k" >/dev/null ||
      die "lp -d $q failed"
  done
  target=$(($(received) + n))
  start=$EPOCHREALTIME
  cupsenable "$q" || die "cupsenable $q failed"
  # 2 s a job is 100 times what one takes.
  e2e_wait_for -i 0.005 $((10 + 2 * n)) received_at_least "$target" ||
    die "$q: $((target - $(received))) jobs did not arrive in time"
  e2e_wait_for 30 queue_empty "$q" || die "$q: jobs still queued: $(lpstat -o "$q" | head -3)"
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
  local uri="socket://127.0.0.1:$PORT"
  # The harness's cupsd in the work directory, with the shim (both sinks:
  # $W/log.sock and $W/audit.jsonl) and the system's backends in its
  # ServerBin; logging as a production cupsd does, no job limit, and the
  # default DirtyCleanInterval (the harness's 0 writes state at every job).
  E2E_CUPSD_LOGLEVEL=warn E2E_CUPSD_EXTRA=$'MaxJobs 0\nDirtyCleanInterval 60' e2e_start_cupsd >/dev/null
  install -o root -g root -m 0700 "$BUILD/bench/bare-shim" "$E2E_SERVERBIN/backend/bare"
  lpadmin -p wired -v "printaudit:$uri" -E || die "lpadmin wired failed"
  lpadmin -p unwired -v "$uri" -E || die "lpadmin unwired failed"
  lpadmin -p bare -v "bare:$uri" -E || die "lpadmin bare failed"
  say "cupsd on $CUPS_SERVER; queues: wired = printaudit:$uri (both sinks), unwired = $uri,"
  say "bare = bare:$uri (bench/bare-shim.c: the exec-only shim, the floor of any wrapper)"

  # A few jobs each first, so that no queue pays for a cold start.
  cups_batch wired 5 >/dev/null
  cups_batch unwired 5 >/dev/null
  cups_batch bare 5 >/dev/null

  # Short batches in rounds of three, one of each queue, so that each
  # round sees the same moment of the machine; the order within a round
  # goes through the six permutations, so no queue always comes first.
  local per=$((CUPS_JOBS / CUPS_BATCHES)) b order=() q
  local -a perms=("wired unwired bare" "bare unwired wired" "unwired bare wired"
                  "wired bare unwired" "unwired wired bare" "bare wired unwired")
  for ((b = 0; b < CUPS_BATCHES; b++)); do
    # shellcheck disable=SC2206 # three words
    order+=(${perms[b % 6]})
  done
  local before js0 sys0
  before=$(received)
  js0=$(jsonl_records "$W/audit.jsonl")
  e2e_syslog_sync
  sys0=$(syslog_records)
  : >"$W/cupsd.tsv"
  local res
  for q in "${order[@]}"; do
    res=$(cups_batch "$q" "$per")
    printf '%s\t%s\t%s\t%s\n' "$q" "$per" "${res% *}" "${res#* }" >>"$W/cupsd.tsv"
  done
  local got=$(($(received) - before)) js sys
  js=$(($(jsonl_records "$W/audit.jsonl") - js0))
  e2e_syslog_sync
  sys=$(($(syslog_records) - sys0))
  [[ $got == $((3 * per * CUPS_BATCHES)) ]] || die "the receiver got $got jobs, not $((3 * per * CUPS_BATCHES))"
  [[ $js == $((per * CUPS_BATCHES)) && $sys == "$js" ]] ||
    die "wired jobs left $js JsonLog and $sys syslog records, not $((per * CUPS_BATCHES))"

  # Jobs/s of each queue over all its batches, and their ratios to
  # unwired; then the robust estimates: for each round (one batch of each
  # queue), the ratio of the median job cycles (unwired / wired, i.e.
  # wired / unwired in jobs/s; likewise for bare), and the difference
  # bare/unwired - wired/unwired of the same round: what printaudit costs
  # beyond any exec-only wrapper.  Medians with a 95% distribution-free
  # interval (order statistics).
  local stats
  stats=$("$PY" - "$W/cupsd.tsv" <<'EOF'
import math, sys
rows = [l.split("\t") for l in open(sys.argv[1]).read().splitlines() if l]
queues = ("wired", "unwired", "bare")
tot = {q: [0, 0.0] for q in queues}
for q, n, s, _ in rows:
    tot[q][0] += int(n)
    tot[q][1] += float(s)
rate = {q: n / s for q, (n, s) in tot.items()}
rw, rb, diff, cyc = [], [], [], {q: [] for q in queues}
for i in range(0, len(rows) - 2, 3):
    c = {rows[j][0]: float(rows[j][3]) for j in range(i, i + 3)}
    rw.append(c["unwired"] / c["wired"])
    rb.append(c["unwired"] / c["bare"])
    diff.append(rb[-1] - rw[-1])
    for q in c:
        cyc[q].append(c[q])
def median(v):
    v = sorted(v)
    n = len(v)
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2
def interval(v):
    v = sorted(v)
    n = len(v)
    half = 0.98 * math.sqrt(n)
    return v[max(0, int(math.floor(n / 2 - half)))], v[min(n - 1, int(math.ceil(n / 2 + half)))]
print("%.2f %.2f %.2f %.4f %.4f" % (rate["wired"], rate["unwired"], rate["bare"],
      rate["wired"] / rate["unwired"], rate["bare"] / rate["unwired"]))
print("%.4f %.3f %.3f %d" % ((median(rw),) + interval(rw) + (len(rw),)))
print("%.4f %.3f %.3f" % ((median(rb),) + interval(rb)))
print("%.4f %.3f %.3f" % ((median(diff),) + interval(diff)))
print("%.2f %.2f %.2f" % tuple(1 / median(cyc[q]) for q in queues))
EOF
  ) || die "the statistics of part 5 failed"
  local wj uj bj rt rb med lo hi np bmed blo bhi dmed dlo dhi cw cu cb
  { read -r wj uj bj rt rb; read -r med lo hi np; read -r bmed blo bhi; read -r dmed dlo dhi
    read -r cw cu cb; } <<<"$stats"
  local n=$((per * CUPS_BATCHES))
  printf '  %-8s %5d jobs in %2d batches: %8.2f jobs/s over all; %8.2f jobs/s from the median job cycle\n' \
    wired "$n" "$CUPS_BATCHES" "$wj" "$cw"
  printf '  %-8s %5d jobs in %2d batches: %8.2f jobs/s over all; %8.2f jobs/s from the median job cycle\n' \
    unwired "$n" "$CUPS_BATCHES" "$uj" "$cu"
  printf '  %-8s %5d jobs in %2d batches: %8.2f jobs/s over all; %8.2f jobs/s from the median job cycle\n' \
    bare "$n" "$CUPS_BATCHES" "$bj" "$cb"
  say "  wired/unwired: $rt over all batches; $med from the median job cycles of the $np rounds"
  say "  (95% interval $lo .. $hi).  bare/unwired: $rb over all; $bmed paired ($blo .. $bhi)."
  say "  bare/unwired - wired/unwired, round by round: $dmed (95% interval $dlo .. $dhi)."
  say "  Every job reached the receiver whole and every wired job left one record in each sink."
  say "  Per batch: $W/cupsd.tsv (queue, jobs, seconds, median cycle)."
  result p5.wired "$wj"
  result p5.unwired "$uj"
  result p5.bare "$bj"
  result p5.ratio "$rt"
  result p5.bratio "$rb"
  result p5.paired "$med"
  result p5.ci "$lo .. $hi"
  result p5.bpaired "$bmed"
  result p5.bci "$blo .. $bhi"
  result p5.diff "$dmed"
  result p5.dci "$dlo .. $dhi"
  e2e_stop_cupsd
  unset CUPS_SERVER
}


summary5() {
  local r
  r=$(get p5.diff)
  check le "$r" 0.02 -- "cupsd jobs/s: bare/unwired - wired/unwired = $r, round by round (95% interval" \
    "$(get p5.dci); target <= 0.02): wired/unwired $(get p5.paired) ($(get p5.ci)), bare/unwired" \
    "$(get p5.bpaired) ($(get p5.bci)); over all batches $(get p5.ratio) and $(get p5.bratio)"
}
