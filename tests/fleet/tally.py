#!/usr/bin/python3
"""Compare the records that printaudit wrote with what a collector received.

Usage:
  tally.py spec OUT RECEIVED REJECTED RESULTS EVENTS [--now] SOURCE...
      write a SPEC file; each SOURCE is NAME=VIA:PATH[:nojobs]; with --now,
      each source is limited to the lines its file has now
  tally.py stream RESULTS
      print how many jobs ran, in how long, and how many failed
  tally.py wait SPEC TIMEOUT
      wait until the collector holds every record that SPEC expects; print
      "caught up in S s", or "did not catch up (N records missing)" when
      TIMEOUT seconds passed or nothing new came for 15 s
  tally.py final SPEC VARIANT [--assert]
      print what was sent, received, duplicated and lost; with --assert,
      exit 1 when a check fails

SPEC is a JSON file:
  {"received": DIR,            collector output: DIR/*.jsonl, one per host
   "rejected": FILE,           the collector's file for non-record messages
   "results": FILE,            jobs.py's RESULTS (job id -> syslog failure)
   "events": FILE,             "NAME START END" lines: restarts, time.time()
   "sources": [{"name": N, "path": P, "via": "syslog"|"jsonlog",
                "lines": K}]}  records sent: the first K lines of P (all
                               lines when K is absent)

A record sent by syslog may have been split into parts; it is received when
every part is there.  A record sent by syslog is not expected when the shim
reported that the syslog receiver did not take it ("refused"), and is
counted apart when its job ran while the client was restarting (a datagram
in the socket of an rsyslogd that is shutting down is lost without a
trace).
"""

import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import split_form  # noqa: E402  (tests/lib/split_form.py)


def read_lines(path, limit=None):
    try:
        with open(path, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        return []
    lines = data.split(b"\n")
    lines.pop()                       # the incomplete tail, or b""
    return lines if limit is None else lines[:limit]


def load_results(path):
    jobs = {}
    for raw in read_lines(path):
        fields = raw.decode("utf-8", "replace").split("\t")
        if len(fields) < 6:
            continue
        jobs[int(fields[0])] = {"status": int(fields[2]), "start": float(fields[3]),
                                "end": float(fields[4]), "syslog_failed": fields[5] == "1",
                                "stderr": fields[6] if len(fields) > 6 else ""}
    return jobs


def load_events(path):
    events = []
    for raw in read_lines(path):
        fields = raw.decode().split()
        if len(fields) == 3:
            events.append((fields[0], float(fields[1]), float(fields[2])))
    return events


class Sent:
    """The records of the sources, and what each one expects to receive."""

    def __init__(self, spec):
        self.spec = spec
        self.records = {}             # event.id -> (source name, raw line, record)
        self.parsed = []              # (source, [(event.id, job id)])
        for source in spec["sources"]:
            rows = []
            for raw in read_lines(source["path"], source.get("lines")):
                record = json.loads(raw)
                rid = record["event"]["id"]
                self.records[rid] = (source["name"], raw, record)
                rows.append((rid, (record.get("job") or record["printaudit"]["job"])["id"]))
            self.parsed.append((source, rows))
        self.classify()

    def classify(self):
        """Sort the records by what the jobs reported and when they ran."""
        self.results = load_results(self.spec["results"])
        self.events = load_events(self.spec["events"])
        self.sources = []
        for source, rows in self.parsed:
            entry = dict(source, ids=[], refused=[], in_restart=[])
            for rid, job_id in rows:
                job = self.results.get(job_id) if source.get("jobs", True) else None
                if source["via"] == "syslog" and job and job["syslog_failed"]:
                    entry["refused"].append(rid)
                    continue
                if source["via"] == "syslog" and job and self.in_client_restart(job):
                    entry["in_restart"].append(rid)
                entry["ids"].append(rid)
            self.sources.append(entry)

    def in_client_restart(self, job):
        return any(name.startswith("client") and job["start"] <= end and job["end"] >= start
                   for name, start, end in self.events)

    def expected(self):
        """Ids that must arrive: all but refused ones and those of a client restart."""
        for source in self.sources:
            skip = set(source["in_restart"])
            for rid in source["ids"]:
                if rid not in skip:
                    yield rid


class Received:
    """What the collector wrote: messages by event.id and part."""

    def __init__(self, spec):
        self.spec = spec
        self.messages = {}            # (id, part) -> [raw lines]
        self.parts = {}               # id -> parts announced
        self.bad = []                 # lines that are not printaudit JSON objects
        self.files = []
        self.offsets = {}             # file -> (bytes read, lines read)
        self.refresh()

    def refresh(self):
        """Read what was added to the collector's files since last time."""
        directory = self.spec["received"]
        names = sorted(os.listdir(directory)) if os.path.isdir(directory) else []
        for name in names:
            path = os.path.join(directory, name)
            if name not in self.files:
                self.files.append(name)
            done, count = self.offsets.get(name, (0, 0))
            with open(path, "rb") as f:
                f.seek(done)
                data = f.read()
            end = data.rfind(b"\n") + 1          # whole lines only
            for raw in data[:end].split(b"\n")[:-1]:
                count += 1
                self.add(raw, "%s:%d" % (name, count))
            self.offsets[name] = (done + end, count)
        self.rejected = read_lines(self.spec["rejected"])

    def add(self, raw, where):
        try:
            msg = json.loads(raw.decode("utf-8"))
            event = msg["event"]
            rid = event["id"]
            schema = msg.get("schema", msg.get("printaudit", {}).get("schema"))
            if schema != "printaudit/1" or not isinstance(rid, str):
                raise ValueError("not a printaudit/1 message")
        except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as err:
            self.bad.append("%s: %s: %r" % (where, err, raw[:120]))
            return
        part = event.get("part", 1)
        self.parts[rid] = event.get("parts", 1)
        self.messages.setdefault((rid, part), []).append(raw)

    def complete(self, rid):
        parts = self.parts.get(rid)
        return parts is not None and all((rid, p) in self.messages for p in range(1, parts + 1))

    def duplicates(self):
        return sum(len(v) - 1 for v in self.messages.values())

    def record(self, rid):
        """The record put together from its messages (first copy of each)."""
        parts = self.parts[rid]
        first = self.messages[(rid, 1)][0]
        if parts == 1:
            return first, json.loads(first)
        msgs = [json.loads(self.messages[(rid, p)][0]) for p in range(1, parts + 1)]
        try:
            return None, split_form.join(msgs).record
        except split_form.SplitError:
            return None, None         # counted as altered


def cmd_stream(path):
    jobs = load_results(path)
    if not jobs:
        print("no jobs")
        return 0
    began = min(j["start"] for j in jobs.values())
    took = max(j["end"] for j in jobs.values()) - began
    print("%d jobs in %.1f s (%.0f a second), %d exited non-zero, %d reported a syslog failure" % (
        len(jobs), took, len(jobs) / took if took > 0 else 0,
        sum(1 for j in jobs.values() if j["status"] != 0),
        sum(1 for j in jobs.values() if j["syslog_failed"])))
    return 0


def cmd_spec(argv):
    out, received, rejected, results, events = argv[:5]
    now = "--now" in argv[5:]
    sources = []
    for arg in argv[5:]:
        if arg == "--now":
            continue
        name, rest = arg.split("=", 1)
        via, path = rest.split(":", 1)
        source = {"name": name, "via": via, "path": path}
        if path.endswith(":nojobs"):
            source["path"] = path[:-len(":nojobs")]
            source["jobs"] = False
        if now:
            source["lines"] = len(read_lines(source["path"]))
        sources.append(source)
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"received": received, "rejected": rejected, "results": results,
                   "events": events, "sources": sources}, f, indent=1)
    return 0


def cmd_wait(spec, timeout, stall=15.0):
    """Wait until every expected record is there, for at most timeout
    seconds, or until nothing new arrived for stall seconds."""
    began = time.time()
    seen, last_change = -1, began
    got, sent = Received(spec), Sent(spec)
    while True:
        got.refresh()
        sent.classify()
        missing = [rid for rid in sent.expected() if not got.complete(rid)]
        now = time.time()
        if not missing:
            print("caught up in %.1f s" % (now - began))
            return 0
        count = sum(len(v) for v in got.messages.values())
        if count != seen:
            seen, last_change = count, now
        if now - began > timeout or now - last_change > stall:
            print("did not catch up (%d records missing)" % len(missing))
            return 1
        time.sleep(0.3)


def cmd_final(spec, variant, strict):
    sent, got = Sent(spec), Received(spec)
    failures = []
    altered = 0
    print("# %-9s %-8s %6s %7s %8s %6s %12s %5s" % (
        "variant", "source", "sent", "refused", "received", "dups", "restart-lost", "lost"))
    dups_by_source = {}
    for rid_key, copies in got.messages.items():
        name = sent.records.get(rid_key[0], ("unknown",))[0]
        dups_by_source[name] = dups_by_source.get(name, 0) + len(copies) - 1
    for source in sent.sources:
        in_restart = set(source["in_restart"])
        received = lost = restart_lost = 0
        for rid in source["ids"] + source["refused"]:
            if got.complete(rid):
                received += 1
                raw, record = got.record(rid)
                _, sent_raw, sent_record = sent.records[rid]
                if record != sent_record or (raw is not None and raw != sent_raw):
                    altered += 1
            elif rid in source["refused"]:
                pass
            elif rid in in_restart:
                restart_lost += 1
            else:
                lost += 1
        total = len(source["ids"]) + len(source["refused"])
        print("# %-9s %-8s %6d %7d %8d %6d %12d %5d" % (
            variant, source["name"], total, len(source["refused"]), received,
            dups_by_source.get(source["name"], 0), restart_lost, lost))
        if lost:
            failures.append("%s: %d records lost" % (source["name"], lost))
    unknown = [k for k in got.messages if k[0] not in sent.records]
    print("# %s: %d messages received in all (%s), %d duplicated, %d not printaudit "
          "JSON, %d rejected by the collector, %d of unknown records, %d altered" % (
              variant, sum(len(v) for v in got.messages.values()), ", ".join(got.files) or "no file",
              got.duplicates(), len(got.bad), len(got.rejected), len(unknown), altered))
    for line in got.bad[:5]:
        print("#   not JSON: %s" % line)
    for raw in got.rejected[:5]:
        print("#   rejected: %r" % raw[:160])
    failed_jobs = [j for j, r in sent.results.items() if r["status"] != 0]
    if failed_jobs:
        failures.append("%d jobs exited non-zero (job %d: %s)" % (
            len(failed_jobs), failed_jobs[0], sent.results[failed_jobs[0]]["stderr"]))
    if got.bad or got.rejected:
        failures.append("%d non-JSON lines, %d rejected messages" % (len(got.bad), len(got.rejected)))
    if unknown:
        failures.append("%d messages of records never sent" % len(unknown))
    if altered:
        failures.append("%d records arrived altered" % altered)
    for failure in failures:
        print("# %s: %s" % ("FAIL" if strict else "note", failure))
    return 1 if strict and failures else 0


def main(argv):
    if len(argv) >= 7 and argv[1] == "spec":
        return cmd_spec(argv[2:])
    if len(argv) == 3 and argv[1] == "stream":
        return cmd_stream(argv[2])
    if len(argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[2], encoding="utf-8") as f:
        spec = json.load(f)
    if argv[1] == "wait":
        return cmd_wait(spec, float(argv[3]))
    if argv[1] == "final":
        return cmd_final(spec, argv[3], "--assert" in argv[4:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
