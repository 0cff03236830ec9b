#!/usr/bin/env bash
# Every way a job ends leaves exactly one job.end record, in syslog and in
# the OutcomeLog, with the right state and count and the job.start's uuid:
# raw jobs with 1 and 3 copies (impressions 1 and 3), a filtered queue
# with a 4-page document (impressions 4), a job canceled while the socket
# backend sends to a receiver that never reads, a job aborted by a dead
# receiver under printer-error-policy abort-job, a job held then canceled
# (no backend ran: a job.end and no job.start).  An unwired queue's job
# leaves none.  A job-billing option is job.start's job.billing.
# printaudit-report joins the records of the same run: a row per job.
set -euo pipefail
# shellcheck source=lib-notify.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib-notify.sh"

notify_start
e2e_start_receiver sock
port=$(e2e_receiver_port sock)
notify_start_sink slow
dead=$(e2e_free_port)			# Nothing listens there
e2e_add_queue raw "socket://127.0.0.1:$port"
e2e_add_queue ps "socket://127.0.0.1:$port" -m drv:///sample.drv/generic.ppd
e2e_add_queue slow "socket://127.0.0.1:$(notify_sink_port slow)"
e2e_add_queue dead "socket://127.0.0.1:$dead/?contimeout=5" -o printer-error-policy=abort-job
e2e_add_queue plain "socket://127.0.0.1:$port"

out=$(notify_wire raw ps slow dead)
printf '# %s\n' "${out//$'\n'/$'\n# '}"
e2e_check "printaudit-wire created the notifier's subscription" \
  grep -q '^subscription [0-9]*: created for printaudit-notify' <<<"$out"
e2e_check_eq "one printaudit:// subscription" 1 "$(notify_subscriptions)"

notify_doc doc.txt "printaudit outcome test"
pages=$E2E_DIR/pages.txt
notify_make_pages "$pages" 4
big=$E2E_DIR/big.bin
head -c 8388608 /dev/zero >"$big"
chmod 0644 "$big"

# Completed: raw queues count copies, filtered queues count pages.  The
# first job carries a billing code: job.start's job.billing.
j=$(e2e_print raw -o job-billing=CC-42 "$doc")
e2e_wait_job raw "$j" completed
notify_expect raw "$j" completed 1 1
billed=$j
j=$(e2e_print raw -n 3 "$doc")
e2e_wait_job raw "$j" completed
notify_expect raw "$j" completed 3 1
j=$(e2e_print ps "$pages")
e2e_wait_job ps "$j" completed
notify_expect ps "$j" completed 4 1

# Canceled while the backend sends (the receiver never reads).
j=$(e2e_print slow "$big")
e2e_wait_for "$E2E_WAIT" grep -q "\"name\":\"slow\"" "$E2E_DIR/audit.jsonl" ||
  e2e_fail "the slow job started"
e2e_wait_job slow "$j" processing
sleep 1
cancel "slow-$j"
e2e_wait_job slow "$j" canceled
# The socket backend says "PAGE: 1 1" when it starts a copy: cupsd counts
# the copy being sent.
notify_expect slow "$j" canceled 1 1

# Held, then canceled: no backend ran.
j=$(e2e_print raw -H indefinite "$doc")
e2e_wait_job raw "$j" pending-held
cancel "raw-$j"
e2e_wait_job raw "$j" canceled
notify_expect raw "$j" canceled 0 0

# Aborted: nothing listens, abort-job (contimeout=5: about 15 s).
j=$(e2e_print dead "$doc")
E2E_WAIT=60 e2e_wait_job dead "$j" aborted
notify_expect dead "$j" aborted 0 1

# An unwired queue: no job.end.
j=$(e2e_print plain "$doc")
e2e_wait_job plain "$j" completed

while read -r printer job _; do
  notify_wait_end "$printer" "$job"
done <"$NOTIFY_LEDGER"
sleep 1					# Time for a duplicate to show
notify_check_all
e2e_collect_records
e2e_job_record jsonl "$billed" raw
e2e_expect "$E2E_RECORD" 'job.billing="CC-42"' 'options.job-billing="CC-42"'
e2e_job_record jsonl "$((billed + 1))" raw
e2e_expect "$E2E_RECORD" 'job.billing=null'

e2e_check "the OutcomeLog is the CUPS user's, not root's" \
  e2e_file_is "$NOTIFY_OUTCOME" lp 600 640
if out=$("$E2E_PY" "$E2E_HERE/records.py" validate "$E2E_SCHEMA" "$NOTIFY_OUTCOME" 2>&1); then
  e2e_pass "every OutcomeLog record is valid against the schema ($(tail -n 1 <<<"$out"))"
else
  e2e_fail "every OutcomeLog record is valid against the schema" "$out"
fi
# The report joins this run's records: one row per job, its outcome and
# the pages cupsd counted (raw queues: copies; filtered: pages), the
# same from the JsonLog and OutcomeLog files as from syslog (one stream,
# split messages included).
report=${REPORT_BIN:-$(dirname "$PRINTAUDIT_BIN")/../tools/report/printaudit-report}
printf '%s %s\n' plain "$j" >"$E2E_DIR/unwired"
"$report" --csv "$E2E_DIR/audit.jsonl" "$NOTIFY_OUTCOME" >"$E2E_DIR/report.csv" 2>"$E2E_DIR/report.err" ||
  e2e_fail "printaudit-report read the JsonLog and the OutcomeLog" "$(cat "$E2E_DIR/report.err")"
e2e_check_eq "printaudit-report: nothing on stderr" "" "$(cat "$E2E_DIR/report.err")"
if out=$("$E2E_PY" - "$NOTIFY_LEDGER" "$E2E_DIR/unwired" "$E2E_DIR/report.csv" "$billed" 2>&1 <<'EOF'
import csv, sys
ledger, unwired, report, billed = sys.argv[1:]
rows = {}
for r in csv.DictReader(open(report, encoding="utf-8", newline="")):
    key = (r["printer"], r["job_id"])
    assert key not in rows, "two rows for job %s on %s" % key[::-1]
    rows[key] = r
n = 0
for line in open(ledger):
    printer, job, state, impressions, starts, _ = line.split()
    r = rows.pop((printer, job), None)
    assert r, "no row for job %s on %s" % (job, printer)
    got = (r["outcome"], r["pages"], r["pages_source"])
    assert got == (state, impressions, "counted"), "job %s on %s: %r" % (job, printer, got)
    # Without a job.start, the row has only what job.end says: no copies,
    # no printer address.
    assert (r["copies"] == "") == (starts == "0"), "job %s: copies %r" % (job, r["copies"])
    assert (r["printer_address"] == "") == (starts == "0"), "job %s: %r" % (job, r)
    assert r["billing"] == ("CC-42" if job == billed else ""), "job %s: billing %r" % (job, r["billing"])
    n += 1
printer, job = open(unwired).read().split()
assert (printer, job) not in rows, "the unwired queue's job has a row"
assert not rows, "rows of no job: %r" % rows
print("%d jobs with their outcome and counted pages, none of the unwired queue" % n)
EOF
); then
  e2e_pass "printaudit-report joins job.start and job.end: $out"
else
  e2e_fail "printaudit-report joins job.start and job.end" "$out" "$(cat "$E2E_DIR/report.csv")"
fi
e2e_records syslog-raw >"$E2E_DIR/syslog-raw.jsonl"
"$report" --csv "$E2E_DIR/syslog-raw.jsonl" 2>"$E2E_DIR/report.err" | sort >"$E2E_DIR/report-syslog.csv"
e2e_check "printaudit-report: the same rows from syslog" \
  cmp -s "$E2E_DIR/report-syslog.csv" <(sort "$E2E_DIR/report.csv")
e2e_finish
