#!/usr/bin/python3
"""Checks of the job.end records for the notifier tests.

Usage:
  notify.py has OUTCOME PRINTER JOB      exit 0 if OUTCOME (JSON Lines) holds a
                                         job.end of JOB on PRINTER
  notify.py check LEDGER SYSLOG OUTCOME JSONLOG
      LEDGER: "PRINTER JOB STATE IMPRESSIONS STARTS UUID" lines (UUID as
      cupsd reports it); SYSLOG: the
      syslog records (records.py syslog); OUTCOME: the OutcomeLog; JSONLOG:
      the shim's JsonLog.  For every ledger job: exactly one job.end in
      syslog and one in the OutcomeLog, the same record, with STATE and
      IMPRESSIONS; STARTS job.start records in the JsonLog, all with the
      job.end's uuid.  No other job.end anywhere.  Prints ok/not ok lines.
"""

import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import tap  # noqa: E402


def records(path):
    if not path or not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def key(record):
    return ((record.get("printer") or {}).get("name"), (record.get("job") or {}).get("id"))


def action(record):
    return (record.get("event") or {}).get("action")


def cmd_has(outcome, printer, job):
    for r in records(outcome):
        if action(r) == "job.end" and key(r) == (printer, int(job)):
            return 0
    return 1


def cmd_check(ledger, syslog, outcome, jsonlog):
    sys_ends = [r for r in records(syslog) if action(r) == "job.end"]
    out_ends = [r for r in records(outcome) if action(r) == "job.end"]
    starts = [r for r in records(jsonlog) if action(r) == "job.start"]
    checks = tap.Tap()
    check = checks.ok
    seen = set()

    with open(ledger) as f:
        for line in f:
            if not line.strip():
                continue
            printer, job, state, impressions, nstarts, uuid = line.split()
            job, impressions, nstarts = int(job), int(impressions), int(nstarts)
            k = (printer, job)
            seen.add(k)
            name = "job %d on %s" % (job, printer)
            s = [r for r in sys_ends if key(r) == k]
            o = [r for r in out_ends if key(r) == k]
            st = [r for r in starts if key(r) == k]
            check(len(s) == 1, "%s: one job.end in syslog" % name, "found %d" % len(s))
            check(len(o) == 1, "%s: one job.end in the OutcomeLog" % name, "found %d" % len(o))
            check(len(st) == nstarts, "%s: %d job.start record(s)" % (name, nstarts),
                  "found %d" % len(st))
            if len(s) != 1 or len(o) != 1:
                continue
            end = s[0]
            check(end == o[0], "%s: the same job.end in both sinks" % name)
            j = end["job"]
            check(j["state"] == state, "%s: job.state %s" % (name, state), "got %r" % j["state"])
            check(j["impressions_completed"] == impressions,
                  "%s: job.impressions_completed %d" % (name, impressions),
                  "got %r" % j["impressions_completed"])
            check(isinstance(j["uuid"], str) and j["uuid"].startswith("urn:uuid:"),
                  "%s: job.uuid is a urn:uuid" % name, "got %r" % j["uuid"])
            check(j["uuid"] == uuid, "%s: job.uuid is cupsd's job-uuid" % name,
                  "job.end %r, cupsd %r" % (j["uuid"], uuid))
            check(all(r["job"]["uuid"] == j["uuid"] for r in st),
                  "%s: job.uuid equals the job.start's" % name,
                  "job.end %r, job.start %r" % (j["uuid"], [r["job"]["uuid"] for r in st]))
            check(j["completed"] is not None, "%s: job.completed is set" % name)
            check((j["processing"] is None) == (nstarts == 0),
                  "%s: job.processing %s" % (name, "null (no backend ran)" if nstarts == 0 else "set"),
                  "got %r" % j["processing"])
    extra = sorted({key(r) for r in sys_ends + out_ends} - seen, key=str)
    check(not extra, "no job.end for any other job (unwired queues included)", "extra: %r" % extra)
    return checks.status()


def main(argv):
    if len(argv) >= 5 and argv[1] == "has":
        return cmd_has(*argv[2:5])
    if len(argv) >= 6 and argv[1] == "check":
        return cmd_check(*argv[2:6])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
