#!/usr/bin/python3
"""Write synthetic printaudit/1 records, one per line, for printaudit-report.

Usage: gen-records.py COUNT [GOLDEN-RECORD]

The records have the shape and the compact form the shim writes: a copy of
GOLDEN-RECORD (default: tests/data/macos-textedit-socket.record.json) with
its event id, time, job id, user, printer, application, impressions and
copies varied; one record in five keeps the golden record's full macOS
options (about 2.7 KB a line), the others carry five options (about 1 KB).
Times start at 2026-01-01T00:00:00Z and advance 7 seconds a record.  The
memory test and bench/report-bench.sh use it; the data is never committed.
"""

import copy
import json
import os
import sys

USERS = ["user%02d" % i for i in range(50)]
PRINTERS = ["printer%d" % i for i in range(10)]
APPS = ["TextEdit", "Preview", "Microsoft Word", "Pages", None]
EPOCH_2026 = 1767225600


def template(record):
    """Compact JSON text of record with %-placeholders for varied fields."""
    r = copy.deepcopy(record)
    r["event"]["id"] = "@ID@"
    r["time"] = "@TIME@"
    r["job"].update(id="@JOBID@", user="@USER@", application="@APP@",
                    impressions="@IMP@", copies="@COPIES@")
    r["printer"]["name"] = "@PRINTER@"
    text = json.dumps(r, separators=(",", ":"), ensure_ascii=False)
    text = text.replace("%", "%%")
    for key, fmt in (('"@JOBID@"', "%(jobid)d"), ('"@IMP@"', "%(imp)s"),
                     ('"@COPIES@"', "%(copies)d"), ('"@APP@"', "%(app)s"),
                     ("@ID@", "%(id)032x"), ("@TIME@", "%(time)s"),
                     ("@USER@", "%(user)s"), ("@PRINTER@", "%(printer)s")):
        text = text.replace(key, fmt)
    return text + "\n"


def main():
    count = int(sys.argv[1])
    golden = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "data",
        "macos-textedit-socket.record.json")
    with open(golden, encoding="utf-8") as f:
        record = json.load(f)
    big = template(record)
    small_record = copy.deepcopy(record)
    small_record["options"] = {k: record["options"][k] for k in
                               ("media", "sides", "job-impressions",
                                "job-uuid", "document-name-supplied")}
    small = template(small_record)

    out = sys.stdout
    chunk = []
    for i in range(count):
        t = EPOCH_2026 + 7 * i
        app = APPS[i % len(APPS)]
        fields = {
            "id": 0x9F1C2B7E0D4A4E1F0000000000000000 + i,
            "time": "2026-%s.%03dZ" % (stamp(t), i % 1000),
            "jobid": i + 1,
            "user": USERS[i % len(USERS)],
            "printer": PRINTERS[(i // 3) % len(PRINTERS)],
            "app": "null" if app is None else '"%s"' % app,
            "imp": "null" if i % 11 == 0 else str(1 + i % 17),
            "copies": 1 + i % 3,
        }
        chunk.append((big if i % 5 == 0 else small) % fields)
        if len(chunk) >= 10000:
            out.write("".join(chunk))
            chunk = []
    out.write("".join(chunk))


def stamp(t):
    """MM-DDTHH:MM:SS of a 2026 UTC time (2026 is no leap year)."""
    days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    d, s = divmod(t - EPOCH_2026, 86400)
    d %= 365
    month = 0
    while d >= days[month]:
        d -= days[month]
        month += 1
    return "%02d-%02dT%02d:%02d:%02d" % (month + 1, d + 1, s // 3600,
                                         s // 60 % 60, s % 60)


if __name__ == "__main__":
    main()
