#!/usr/bin/env bash
# Cancel a job while the real backend is sending to a slow receiver, on a
# wired queue and on an unwired one: the outcome must be the same.
#
# Each queue prints a 32 MiB document to its own slow socket receiver
# (about 1 MiB/s), so the socket backend is busy writing for half a minute.
# Once bytes arrive, the test notes the backend process (found by the
# argv[0] cupsd gave it), its SIGTERM disposition, and cancels the job.
# Checked for both queues: the backend had SIGTERM neither ignored nor
# blocked; it is gone within 5 s (cupsd sends SIGTERM and would wait 30 s
# before SIGKILL); cupsd logs that it stopped on signal 15 (not 9); the
# job ends "canceled"; the receiver's connection ended before the whole
# document; the printer is idle again, not stopped; and the wired job was
# recorded once in each sink.  Then the wired and unwired lines are compared.
set -euo pipefail
# shellcheck source=lib-hostile.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib-hostile.sh"

hostile_start
doc=$E2E_DIR/document.bin
head -c $((32 * 1024 * 1024)) /dev/urandom >"$doc"
chmod 0644 "$doc"
size=$(stat -c %s "$doc")

backend_pid() {				# backend_pid PORT: the socket backend for PORT
  local p argv0
  for p in /proc/[0-9]*; do
    argv0=$( (tr '\0' '\n' <"$p/cmdline") 2>/dev/null | head -n 1) || continue
    if [[ $argv0 == "socket://127.0.0.1:$1" ]]; then
      basename "$p"
      return 0
    fi
  done
  return 1
}

sending() { [[ -s $1 ]] && (($(cat "$1") > 0)); }

declare -A RESULT
for kind in plain wired; do
  hostile_start_slow_receiver "$kind" 1048576
  port=$(cat "$E2E_DIR/recv/$kind/port")
  uri="socket://127.0.0.1:$port"
  [[ $kind == wired ]] && uri="printaudit:$uri"
  e2e_add_queue "$kind" "$uri"
  job=$(e2e_print "$kind" -t "cancel-$kind" "$doc")
  e2e_wait_for "$E2E_WAIT" sending "$E2E_DIR/recv/$kind/0001.count" ||
    e2e_die "$kind: the backend of job $job sent nothing within ${E2E_WAIT}s"
  pid=$(backend_pid "$port") || e2e_die "$kind: no backend process with argv[0] $uri"
  exe=$(readlink "/proc/$pid/exe")
  sigterm=$(hostile_sigterm_bits "$pid")
  e2e_note "$kind: job $job, backend PID $pid ($exe), SIGTERM bits: $sigterm"
  e2e_check_eq "$kind: the backend neither ignores nor blocks SIGTERM" "SigBlk=0 SigIgn=0" "$sigterm"

  start=$(hostile_now)
  cancel "$job"
  e2e_wait_for 5 e2e_gone "$pid" || e2e_fail "$kind: the backend (PID $pid) ended within 5 s of cancel"
  gone=$(hostile_elapsed "$start")
  e2e_wait_job "$kind" "$job" canceled
  # What the kernel had buffered (a few MiB) drains first, then EOF.
  how=none got=$size
  if e2e_wait_for 30 test -s "$E2E_DIR/recv/$kind/0001.end"; then
    read -r how got <"$E2E_DIR/recv/$kind/0001.end"
  else
    e2e_fail "$kind: the receiver saw its connection end"
  fi
  e2e_check "$kind: the document was cut short ($got of $size bytes, $how)" test "${got:-$size}" -lt "$size"
  e2e_wait_for "$E2E_WAIT" e2e_printer_in_state "$kind" idle ||
    e2e_fail "$kind: the printer is idle after the cancel" "$(e2e_printer_attr "$kind" printer-state)"
  # cupsd: "[Job N] PID X (/path/backend/...) stopped with status 0." / "crashed on signal 15."
  ended=$(grep -F "[Job $job] PID $pid " "$E2E_DIR/log/error_log" | sed -E 's/.*\) //' | tail -n 1)
  e2e_note "$kind: gone ${gone}s after cancel; cupsd: $ended"
  e2e_check "$kind: cupsd saw the backend end on SIGTERM (signal 15)" grep -q "signal 15" <<<"$ended"
  RESULT[$kind]="state=$(e2e_job_attr "$kind" "$job" job-state) printer=$(e2e_printer_attr "$kind" printer-state) end=$ended"
  RESULT[$kind.job]=$job
done

e2e_check_eq "the wired queue's cancel ends as the unwired one's" "${RESULT[plain]}" "${RESULT[wired]}"
printf 'wired\t%s\tcancel-wired\n' "${RESULT[wired.job]}" >"$E2E_DIR/jobs.tsv"
e2e_syslog_sync
hostile_check_records --jsonl "$E2E_DIR/audit.jsonl" --syslog "$E2E_DIR/syslog.out" \
  --jobs "$E2E_DIR/jobs.tsv"
e2e_finish
