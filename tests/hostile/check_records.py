#!/usr/bin/python3
"""Check the records of a load test: none lost, none torn, none duplicated.

Usage:
  check_records.py --jsonl FILE [--syslog FILE] --jobs FILE [--options]
                   [--received DIR --docs DIR]

--jobs FILE lists the jobs that were submitted, one per line:
    PRINTER<TAB>JOB-ID<TAB>TITLE[<TAB>DOCUMENT]
Checks, each printed as "ok - ..." or "not ok - ...":
  - every line of the JSON Lines file is complete (the file ends with a
    newline), valid UTF-8, one JSON object of schema printaudit/1;
  - exactly one record per submitted job (matched by printer.name and
    job.id), none for anything else, every event.id distinct;
  - each record's job.title is the job's title, and with --options its
    options hold "seq" equal to the job id (so no record mixes two jobs);
  - with --syslog (rsyslog lines "PROGRAM<TAB>FACILITY<TAB>SEVERITY<TAB>MSG"):
    every printaudit message is one whole record, priority lpr.notice, and
    the syslog records are exactly the JSON Lines records;
  - with --received/--docs: the receiver's files are exactly the submitted
    documents (compared by SHA-256, as a multiset): every byte arrived.
Exit status 0 when all hold.
"""

import argparse
import collections
import hashlib
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import tap  # noqa: E402

TAP = tap.Tap(lines=20)
report = TAP.ok


def read_lines(path):
    with open(path, "rb") as f:
        data = f.read()
    if data and not data.endswith(b"\n"):
        return None, "the last line of %s is incomplete" % path
    return data.split(b"\n")[:-1], None


def parse(line, where):
    try:
        value = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as err:
        return None, "%s: %s: %r" % (where, err, line[:160])
    if not isinstance(value, dict) or value.get("schema") != "printaudit/1":
        return None, "%s: not a printaudit/1 object: %r" % (where, line[:160])
    return value, None


def check_set(name, records, jobs, with_options):
    """records: parsed records; jobs: {(printer, id): title}."""
    ids = collections.Counter(r["event"]["id"] for r in records)
    dupes = [i for i, n in ids.items() if n > 1]
    report(not dupes, "%s: %d distinct event ids" % (name, len(ids)),
           "repeated: %s" % dupes[:5])
    seen = collections.Counter((r["printer"]["name"], r["job"]["id"]) for r in records)
    missing = [k for k in jobs if seen[k] == 0]
    extra = [k for k in seen if k not in jobs]
    twice = [k for k, n in seen.items() if n > 1]
    report(not missing and not extra and not twice,
           "%s: exactly one record for each of the %d jobs" % (name, len(jobs)),
           "missing: %s\nunexpected: %s\nmore than once: %s" % (missing[:10], extra[:10], twice[:10]))
    wrong = []
    for r in records:
        key = (r["printer"]["name"], r["job"]["id"])
        if key in jobs and r["job"]["title"] != jobs[key]:
            wrong.append("%s: title %r, expected %r" % (key, r["job"]["title"], jobs[key]))
        if with_options and key in jobs and (r.get("options") or {}).get("seq") != str(key[1]):
            wrong.append("%s: options.seq %r" % (key, (r.get("options") or {}).get("seq")))
    report(not wrong, "%s: every record describes its own job (title%s)"
           % (name, ", options.seq" if with_options else ""), "\n".join(wrong[:10]))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--jsonl", required=True)
    parser.add_argument("--syslog")
    parser.add_argument("--jobs", required=True)
    parser.add_argument("--options", action="store_true")
    parser.add_argument("--received")
    parser.add_argument("--docs")
    opts = parser.parse_args()

    jobs = {}
    docs = []
    with open(opts.jobs) as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            jobs[(fields[0], int(fields[1]))] = fields[2]
            if len(fields) > 3:
                docs.append(fields[3])

    lines, err = read_lines(opts.jsonl)
    report(err is None, "the JSON Lines file ends with a complete line", err)
    lines = lines or []
    records, bad = [], []
    for n, line in enumerate(lines, 1):
        value, err = parse(line, "%s:%d" % (opts.jsonl, n))
        (bad.append(err) if err else records.append(value))
    report(not bad, "all %d JSON Lines lines are whole printaudit/1 records (none torn)" % len(lines),
           "\n".join(bad[:10]))
    check_set("JSON Lines", records, jobs, opts.options)

    if opts.syslog:
        slines, err = read_lines(opts.syslog)
        report(err is None, "the syslog output ends with a complete line", err)
        srecords, bad = [], []
        for n, line in enumerate(slines or [], 1):
            fields = line.split(b"\t", 3)
            if fields[0] != b"printaudit":
                continue
            where = "%s:%d" % (opts.syslog, n)
            if len(fields) != 4 or fields[1:3] != [b"lpr", b"notice"]:
                bad.append("%s: not an lpr.notice line: %r" % (where, line[:160]))
                continue
            msg = fields[3][1:] if fields[3].startswith(b" ") else fields[3]
            value, err = parse(msg, where)
            if value and "part" in value.get("event", {}):
                err = "%s: a split record (the load test's records fit one message)" % where
            (bad.append(err) if err else srecords.append(value))
        report(not bad, "all %d printaudit syslog messages are whole records" % (len(srecords) + len(bad)),
               "\n".join(bad[:10]))
        check_set("syslog", srecords, jobs, opts.options)
        by_id = {r["event"]["id"]: r for r in records}
        differ = [r["event"]["id"] for r in srecords if by_id.get(r["event"]["id"]) != r]
        report(not differ and len(srecords) == len(records),
               "the syslog records are exactly the JSON Lines records",
               "differ or missing: %s" % differ[:10])

    if opts.received:
        def digest(path):
            with open(path, "rb") as f:
                return hashlib.sha256(f.read()).hexdigest()
        got = collections.Counter(digest(os.path.join(opts.received, f))
                                  for f in os.listdir(opts.received) if f.endswith(".bin"))
        want = collections.Counter(digest(os.path.join(opts.docs, d)) for d in docs)
        report(got == want, "the receiver got every document, byte for byte (%d connections)"
               % sum(got.values()),
               "missing: %d, unexpected: %d" % (sum((want - got).values()), sum((got - want).values())))

    return TAP.status()


if __name__ == "__main__":
    sys.exit(main())
