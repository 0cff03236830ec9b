#!/usr/bin/env bash
# Purge-Jobs (cancel -a -x) on a wired queue: cupsd removes every job of the
# queue, ended or not, and sends job-completed (state canceled) for each,
# again for the jobs that had ended and been recorded already.  A job that
# completed, and one canceled while held, keep their one job.end (state
# completed and canceled, cupsd's uuid); a held job that the purge ends gets
# one (canceled; cupsd no longer has its uuid).
set -euo pipefail
# shellcheck source=lib-notify.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib-notify.sh"

notify_start
notify_raw_queue
notify_doc doc.txt "printaudit purge test"

done_job=$(e2e_print raw "$doc")
e2e_wait_job raw "$done_job" completed
notify_wait_end raw "$done_job"
canceled_job=$(e2e_print raw -H indefinite "$doc")
cancel "raw-$canceled_job"
e2e_wait_job raw "$canceled_job" canceled
notify_wait_end raw "$canceled_job"
held_job=$(e2e_print raw -H indefinite "$doc")
e2e_wait_job raw "$held_job" pending-held
done_uuid=$(e2e_job_attr raw "$done_job" job-uuid)
canceled_uuid=$(e2e_job_attr raw "$canceled_job" job-uuid)

cancel -a -x raw
notify_wait_end raw "$held_job"
sleep 2					# Time for a duplicate to show
e2e_records syslog >"$E2E_DIR/syslog-records.jsonl"
if out=$("$E2E_PY" - "$NOTIFY_OUTCOME" "$E2E_DIR/syslog-records.jsonl" \
           "$done_job" "$canceled_job" "$held_job" "$done_uuid" "$canceled_uuid" 2>&1 <<'PY'
import json, sys
outcome, syslog, done, canceled, held, done_uuid, canceled_uuid = sys.argv[1:]
want = {int(done): ("completed", done_uuid), int(canceled): ("canceled", canceled_uuid),
        int(held): ("canceled", None)}
for path in (outcome, syslog):
    ends = [r for r in map(json.loads, open(path)) if r["event"]["action"] == "job.end"]
    got = sorted(((r["job"]["id"], r["job"]["state"], r["job"]["uuid"]) for r in ends), key=repr)
    expect = sorted(((j, s, u) for j, (s, u) in want.items()), key=repr)
    assert got == expect, "%s: job.end records %r, want %r" % (path, got, expect)
print("one job.end per job in both sinks: %r" % sorted(want))
PY
); then
  e2e_pass "purged jobs: $out"
else
  e2e_fail "purged jobs: one job.end per job, the state it ended in" "$out"
fi
e2e_check "no ERROR for the jobs recorded before the purge" \
  bash -c "! cat '$E2E_DIR'/log/error_log* | grep -E -q 'Get-Job-Attributes of job ($done_job|$canceled_job) failed'"
e2e_finish
