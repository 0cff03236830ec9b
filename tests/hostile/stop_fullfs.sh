#!/usr/bin/env bash
# OnLogFailure stop with the JsonLog on a full file system, through cupsd:
# no job prints unaudited; the queue stops with a clear message; once
# space is freed and the queue re-enabled, each job prints and its record
# is in the JSON Lines file once.
#
# The JsonLog is on a private 64 KiB tmpfs, filled up.  Two jobs are
# submitted: the first stops the queue, the second waits behind it.
# Checked while full: the printer is stopped, `lpstat -p` shows the shim's
# ERROR text, cupsd's log has the JsonLog error for the job, both jobs are
# pending, the receiver got no connection, the JSON Lines file holds no
# byte.  Then the filler is removed and the queue re-enabled (cupsenable):
# both jobs complete, the receiver got each document once byte for byte,
# the JSON Lines file holds exactly one record per job, and syslog holds
# that record too.  (Syslog also holds a record of the stopped attempt:
# the sink that did work received it; each backend run is one record.)
set -euo pipefail
# shellcheck source=lib-hostile.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib-hostile.sh"

hostile_start
full=$E2E_DIR/full
hostile_mount_tmpfs "$full" 64k
e2e_write_printaudit_conf "Syslog on" "SyslogSocket $E2E_DIR/log.sock" \
  "JsonLog $full/audit.jsonl" "OnLogFailure stop"
hostile_fill "$full"
e2e_note "JsonLog $full/audit.jsonl on a full tmpfs ($(df -h --output=size,avail "$full" | tail -n 1))"
e2e_start_receiver sock
e2e_add_queue stopq "printaudit:socket://127.0.0.1:$(e2e_receiver_port sock)"

for i in 1 2; do
  printf 'stop test document %d\n' "$i" >"$E2E_DIR/doc$i"
  chmod 0644 "$E2E_DIR/doc$i"
done
job1=$(e2e_print stopq -t stop-1 "$E2E_DIR/doc1")
e2e_wait_printer stopq stopped
job2=$(e2e_print stopq -t stop-2 "$E2E_DIR/doc2")
sleep 2					# Time for a (wrong) second run

message=$(lpstat -p stopq)
e2e_note "lpstat -p: $(tr '\n\t' '  ' <<<"$message")"
e2e_check "lpstat -p shows the shim's ERROR text" grep -q "OnLogFailure is stop: not printing" <<<"$message"
e2e_check "cupsd's log has the JsonLog error of job $job1" \
  e2e_logged_error "$job1" "printaudit: Unable to write JsonLog $full/audit.jsonl: No space left on device"
e2e_check_eq "job $job1 waits" pending "$(e2e_job_attr stopq "$job1" job-state)"
e2e_check_eq "job $job2 waits" pending "$(e2e_job_attr stopq "$job2" job-state)"
e2e_check_eq "nothing was printed unaudited" 0 "$(e2e_receiver_count sock)"
e2e_check_eq "the JSON Lines file holds no byte" 0 "$(stat -c %s "$full/audit.jsonl" 2>/dev/null || echo 0)"

rm -f "$full/filler"
cupsenable stopq
e2e_wait_job stopq "$job1" completed
e2e_wait_job stopq "$job2" completed
e2e_check_eq "the printer is idle again" idle "$(e2e_printer_attr stopq printer-state)"
e2e_wait_for "$E2E_WAIT" hostile_received sock 2 || true
printf 'stopq\t%s\tstop-1\tdoc1\nstopq\t%s\tstop-2\tdoc2\n' "$job1" "$job2" >"$E2E_DIR/jobs.tsv"
mkdir -p "$E2E_DIR/docs"
cp "$E2E_DIR/doc1" "$E2E_DIR/doc2" "$E2E_DIR/docs/"
hostile_check_records --jsonl "$full/audit.jsonl" --jobs "$E2E_DIR/jobs.tsv" \
  --received "$E2E_DIR/recv/sock" --docs "$E2E_DIR/docs"

# Syslog: each job's printed run once; the stopped attempt left no record.
e2e_syslog_sync
counts=$("$E2E_PY" - "$full/audit.jsonl" "$E2E_DIR/syslog.out" "$job1" "$job2" <<'EOF'
import json, sys
jsonl = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
msgs = []
for line in open(sys.argv[2], encoding="utf-8"):
    f = line.rstrip("\n").split("\t", 3)
    if f[0] == "printaudit":
        msgs.append(json.loads(f[3].lstrip(" ")))
ids = {r["event"]["id"] for r in jsonl}
out = []
for job in map(int, sys.argv[3:5]):
    runs = [m for m in msgs if m["job"]["id"] == job and m["printer"]["name"] == "stopq"]
    printed = [m for m in runs if m["event"]["id"] in ids]
    out.append("job%d=%d/%d" % (job, len(printed), len(runs)))
print(" ".join(out))
EOF
)
e2e_check_eq "syslog: each job's printed record once, none for the stopped attempt" \
  "job$job1=1/1 job$job2=1/1" "$counts"
cp "$full/audit.jsonl" "$E2E_DIR/audit.jsonl"	# For the harness's schema check (e2e_finish)
e2e_finish
