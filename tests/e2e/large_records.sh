#!/usr/bin/env bash
# Large records from concurrent jobs: six wired queues print four jobs each
# at once, every job with options of 3000 and 5000 bytes.  Every job prints
# and leaves exactly one whole line in audit.jsonl (none torn or
# interleaved) and one record in syslog, sent in parts of at most 4000
# bytes (SyslogMaxSize's default) that put together give the same record.
# The value over 4096 bytes is cut to 4096 and listed in "truncated".
# Then again with SyslogMaxSize 600, where the record itself is sliced.
set -euo pipefail
# shellcheck source=../lib/harness.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/harness.sh"

e2e_start
e2e_start_receiver sock
uri="socket://127.0.0.1:$(e2e_receiver_port sock)"
doc=$E2E_DIR/document.txt
e2e_make_document "$doc" text

long=$(printf 'x%.0s' {1..3000})
longer=$(printf 'y%.0s' {1..5000})
queues=(c0 c1 c2 c3 c4 c5)
for queue in "${queues[@]}"; do
  e2e_add_queue "$queue" "printaudit:$uri"
done
run_phase() {				# run_phase MAX KIND ROUND...: print, check
  # Print a job per queue per ROUND at once; check that each printed and
  # left one whole record in each sink, and that the syslog messages of
  # the phase are at most MAX bytes and include KIND slices.
  local max=$1 kind=$2 from jsonl_lines printed entry queue round job longest
  shift 2
  local submitted=()			# "QUEUE ROUND JOB" of every job
  e2e_syslog_sync
  from=$(($(wc -l <"$E2E_DIR/syslog.out") + 1))
  jsonl_lines=0
  [[ ! -e $E2E_DIR/audit.jsonl ]] || jsonl_lines=$(wc -l <"$E2E_DIR/audit.jsonl")
  printed=$(e2e_receiver_count sock)
  for round in "$@"; do
    for queue in "${queues[@]}"; do
      job=$(e2e_print "$queue" -t "e2e-$queue-$round" -o "e2e-long=$long$queue$round" \
        -o "e2e-longer=$longer" "$doc")
      submitted+=("$queue $round $job")
    done
  done
  e2e_wait_idle
  printed=$((printed + ${#submitted[@]}))
  e2e_wait_for "$E2E_WAIT" test "$(e2e_receiver_count sock)" -ge "$printed" || true
  e2e_check_eq "SyslogMaxSize $max: every job printed" "$printed" "$(e2e_receiver_count sock)"
  e2e_check_eq "SyslogMaxSize $max: audit.jsonl has one more line per job" \
    $((jsonl_lines + ${#submitted[@]})) "$(wc -l <"$E2E_DIR/audit.jsonl")"

  e2e_collect_records
  for entry in "${submitted[@]}"; do
    read -r queue round job <<<"$entry"
    e2e_job_record jsonl "$job" "$queue"
    jsonl=$E2E_RECORD
    e2e_job_record syslog "$job" "$queue"
    e2e_check_eq "job $job: the syslog parts make the JSON Lines record" "$jsonl" "$E2E_RECORD"
    e2e_expect "$jsonl" "job.title=\"e2e-$queue-$round\"" \
      "options.e2e-long=\"$long$queue$round\"" "options.e2e-longer=\"${longer:0:4096}\"" \
      'truncated=["options.e2e-longer"]'
  done

  tail -n "+$from" "$E2E_DIR/syslog.out" >"$E2E_DIR/phase.out"
  longest=$(LC_ALL=C awk -F '\t' '$1 == "printaudit" { m = $4; sub(/^ /, "", m)
    if (length(m) > max) max = length(m) } END { print max + 0 }' "$E2E_DIR/phase.out")
  e2e_check "SyslogMaxSize $max: no message is longer (longest: $longest)" \
    test "$longest" -le "$max"
  e2e_check "SyslogMaxSize $max: the records were sent in parts with ${kind}s" \
    grep -q "\"$kind\"" "$E2E_DIR/phase.out"
}

run_phase 4000 options_slice 1 2 3 4	# The default SyslogMaxSize
# So small that even the record without its options does not fit.
e2e_write_printaudit_conf "Syslog on" "SyslogSocket $E2E_DIR/log.sock" \
  "JsonLog $E2E_DIR/audit.jsonl" "SyslogMaxSize 600"
run_phase 600 record_slice 5

e2e_finish
