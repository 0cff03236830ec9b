#!/usr/bin/env bash
# 1,000 jobs submitted concurrently (8 lp loops, one wired queue each, all
# to one loopback socket receiver) through a private cupsd, with both sinks
# on (JSON Lines file and a private rsyslogd).  Up to 8 shims run at once.
#
# Checked: every lp was accepted; every job ended "completed" (job-state 9,
# none canceled or aborted) and no queue stopped; the receiver got every
# document byte for byte (each job's document is unique, compared as a
# multiset of SHA-256); the JSON Lines file and the syslog output each hold
# exactly one whole, valid record per job (matched by printer and job id,
# with the job's own title), 1,000 distinct event ids, and the syslog
# records are exactly the JSON Lines records; all against the schema.
# cupsd's MaxJobs (default 500) is raised so no job history is purged.
set -euo pipefail
# shellcheck source=lib-hostile.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib-hostile.sh"

JOBS=${HOSTILE_LOAD_JOBS:-1000}
LOOPS=${HOSTILE_PARALLEL:-8}
E2E_WAIT=${E2E_WAIT:-20}
DRAIN=${HOSTILE_DRAIN:-240}		# Longest wait for the queues to drain, s

hostile_start
hostile_cupsd_set MaxJobs $((JOBS * 2 + 100))
e2e_start_receiver sock
port=$(e2e_receiver_port sock)
for ((q = 1; q <= LOOPS; q++)); do
  e2e_add_queue "load$q" "printaudit:socket://127.0.0.1:$port"
done

docs=$E2E_DIR/docs
mkdir -p "$docs"
"$E2E_PY" - "$JOBS" "$docs" <<'EOF'
import os, sys
jobs, d = int(sys.argv[1]), sys.argv[2]
for k in range(1, jobs + 1):
    # Unique, 1 to 8 KiB, every byte value.
    body = (b"load document %d\n" % k) + bytes((k * 7 + i) % 256 for i in range(1024 * (1 + k % 8)))
    with open(os.path.join(d, "doc-%d" % k), "wb") as f:
        f.write(body)
EOF
chmod -R a+rX "$docs"

submit() {				# submit Q: jobs Q, Q+LOOPS, ... on queue loadQ
  local q=$1 k out
  for ((k = q; k <= JOBS; k += LOOPS)); do
    if out=$(lp -d "load$q" -t "load-$k" "$docs/doc-$k" 2>&1) &&
       [[ $out =~ ^request\ id\ is\ load$q-([0-9]+)\  ]]; then
      printf 'load%s\t%s\tload-%s\tdoc-%s\n' "$q" "${BASH_REMATCH[1]}" "$k" "$k"
    else
      printf 'lp failed for job %s: %s\n' "$k" "$out" >&2
    fi
  done >"$E2E_DIR/jobs.$q.tsv" 2>"$E2E_DIR/lp.$q.err"
}

e2e_note "submitting $JOBS jobs from $LOOPS parallel lp loops"
start=$(hostile_now)
pids=()
for ((q = 1; q <= LOOPS; q++)); do
  submit "$q" &
  pids+=("$!")
done
for pid in "${pids[@]}"; do
  wait "$pid"
done
submitted=$(hostile_elapsed "$start")
cat "$E2E_DIR"/jobs.*.tsv >"$E2E_DIR/jobs.tsv"
e2e_check_eq "lp accepted all $JOBS jobs (in ${submitted}s)" "$JOBS" "$(wc -l <"$E2E_DIR/jobs.tsv")"
e2e_check_eq "lp reported no error" "" "$(cat "$E2E_DIR"/lp.*.err | head -n 5)"

e2e_wait_for "$DRAIN" e2e_no_active_jobs ||
  e2e_fail "every job left the queues within ${DRAIN}s" "$(lpstat -o | head -n 5)"
e2e_wait_for "$E2E_WAIT" hostile_received sock "$JOBS" || true
drained=$(hostile_elapsed "$start")
e2e_note "all jobs done after ${drained}s"

# Every job "completed" (9), none canceled (7) or aborted (8); no queue stopped.
states=$E2E_DIR/states.csv
: >"$states"
for ((q = 1; q <= LOOPS; q++)); do
  ipptool -T 30 -c "ipp://127.0.0.1:$E2E_CUPS_PORT/printers/load$q" \
    "$HOSTILE_HERE/get-jobs.test" 2>/dev/null | tail -n +2 | sed "s/^/load$q,/" >>"$states" || true
  e2e_check_eq "queue load$q is not stopped" idle "$(e2e_printer_attr "load$q" printer-state)"
done
e2e_check_eq "cupsd reports $JOBS finished jobs" "$JOBS" "$(grep -c . "$states" || true)"
e2e_check_eq "every one of them completed (none canceled or aborted)" "" \
  "$(awk -F, '$3 != "completed" && $3 != 9' "$states" | head -n 5)"
e2e_check_eq "the finished jobs are the submitted ones" "" \
  "$(comm -3 <(cut -f1,2 "$E2E_DIR/jobs.tsv" | tr '\t' , | sort) <(cut -d, -f1,2 "$states" | sort) | head -n 5)"

e2e_check_eq "the shim reported no error to cupsd (no sink failed under load)" "" \
  "$(grep -E '^E \[[^]]*\] \[Job [0-9]+\] printaudit: ' "$E2E_DIR/log/error_log" | head -n 3)"
e2e_syslog_sync
hostile_check_records --jsonl "$E2E_DIR/audit.jsonl" --syslog "$E2E_DIR/syslog.out" \
  --jobs "$E2E_DIR/jobs.tsv" --received "$E2E_DIR/recv/sock" --docs "$docs"
printf '# FIGURES: cupsd_jobs=%s loops=%s submit_seconds=%s total_seconds=%s\n' \
  "$JOBS" "$LOOPS" "$submitted" "$drained"
e2e_finish
