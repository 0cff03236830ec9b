#!/usr/bin/python3
"""Check tests/lib/split_form.py against lib/split.c's split.

Usage: test_split_form.py REPORT_SPLIT DATA_DIR

Records of every shape (the golden record, control characters in names
and values, a title too long for part 1, a "truncated" array after the
options, each also in the ECS shape) are split by report-split (lib's
pauditRecordSplit2) at many sizes, with and without a SyslogMaxParts cap,
and put together again by split_form.join: the exact record comes back
(key order too), or for a capped split part 1 without its options.
Malformed parts and groups are rejected.  TAP output.
"""

import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import split_form  # noqa: E402
import tap  # noqa: E402

TAP = tap.Tap(numbered=True, lines=5, width=400)
check = TAP.ok


def check_rejects(function, cases, label):
    """Each case's messages make function raise SplitError with a reason."""
    for what, msgs in cases.items():
        try:
            function(msgs)
            check(False, label + what, "accepted")
        except split_form.SplitError as err:
            check(str(err) != "", label + what)


def compact(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def ecs_form(record):
    """The ECS shape the split knows: schema and options under "printaudit"."""
    out, pa = {}, {}
    for key, value in record.items():
        if key == "time":
            out["@timestamp"] = value
        elif key in ("schema", "options", "truncated", "job"):
            pa[key] = value
        else:
            out[key] = value
    out["printaudit"] = pa
    return out


def records(data):
    with open(os.path.join(data, "macos-textedit-socket.record.json"), encoding="utf-8") as f:
        golden = json.load(f)
    golden["event"]["id"] = "0123456789abcdef0123456789abcdef"
    controls = json.loads(json.dumps(golden))
    ctl = "".join(chr(c) for c in range(1, 0xA0)) + "\u2028\u2029\"\\"
    for i in range(40):
        controls["options"]["ctl\x01\x1f\x7f\"%d\\" % i] = ctl[i:]
    controls["job"]["title"] = ctl
    title = json.loads(json.dumps(golden))
    title["job"]["title"] = "t\"\\\x01\u20ac" * 1000
    truncated = json.loads(json.dumps(golden))
    truncated["truncated"] = ["options.big"]
    shapes = [("golden", golden), ("controls", controls), ("long title", title),
              ("truncated", truncated)]
    return shapes + [(name + " (ECS)", ecs_form(r)) for name, r in shapes]


def split(tool, record, size, cap=None):
    argv = [tool, "-m", str(size)] + (["-c", str(cap)] if cap else [])
    out = subprocess.run(argv, input=(compact(record) + "\n").encode(), stdout=subprocess.PIPE,
                         check=True).stdout.decode()
    return [json.loads(line) for line in out.splitlines()]


def main(argv):
    tool, data = argv[1], argv[2]
    for name, record in records(data):
        text = compact(record)
        for size in (300, 512, 900, 2048, 4000, 1 << 20):
            parts = split(tool, record, size)
            for order, msgs in (("in order", parts), ("reversed", parts[::-1])):
                try:
                    joined = split_form.join(msgs)
                    check(compact(joined.record) == text and joined.omitted == 0,
                          "%s at %d, %d parts %s: the exact record" % (name, size, len(parts), order),
                          compact(joined.record)[:200])
                except split_form.SplitError as err:
                    check(False, "%s at %d %s" % (name, size, order), err)
            if len(parts) > 3:
                capped = split(tool, record, size, 3)
                joined = split_form.join(capped)
                want = json.loads(json.dumps(record))
                want.pop("options", None)
                want.get("printaudit", {}).pop("options", None)
                want["event"]["parts_omitted"] = len(parts) - 3
                ok = joined.omitted == len(parts) - 3 and "options" not in joined.record
                if not joined.first["event"].get("abbreviated"):
                    ok = ok and joined.record == want
                check(ok, "%s at %d capped at 3 of %d: part 1 without options"
                      % (name, size, len(parts)), compact(joined.record)[:200])

    # Malformed parts and groups.
    parts = split(tool, records(data)[3][1], 900)
    bad = {
        "no messages": [],
        "a part missing": parts[:-1],
        "a part twice": [parts[0], parts[1], parts[1]] + parts[3:],
        "another event.id": [parts[0], dict(parts[1], event=dict(parts[1]["event"], id="f" * 32))]
                            + parts[2:],
        "mixed slices": [parts[0], {"schema": parts[1]["schema"], "event": parts[1]["event"],
                                    "record_slice": parts[1]["options_slice"]}] + parts[2:],
        "slices not an object": [parts[0], dict(parts[1], options_slice="[" + parts[1]["options_slice"][1:])]
                                + parts[2:],
        "abbreviated part 1 with options slices":
            [dict(parts[0], event=dict(parts[0]["event"], abbreviated=True))] + parts[1:],
        "part 1 with a slice (never released)":
            [dict(parts[0], record_slice="{")] + parts[1:],
        "bad event.id": [dict(p, event=dict(p["event"], id="a-b")) for p in parts],
        "event.id too long": [dict(p, event=dict(p["event"], id="a" * 65)) for p in parts],
        "part 0": [dict(parts[0], event=dict(parts[0]["event"], part=0))] + parts[1:],
        "parts not an integer": [dict(p, event=dict(p["event"], parts=str(len(parts)))) for p in parts],
    }
    check_rejects(split_form.join, bad, "rejected: ")

    # Grouping as sent (tests/hostile/matrix.py): order and repeats kept.
    other = [dict(p, event=dict(p["event"], id="f" * 32)) for p in parts]
    whole = records(data)[0][1]
    sent = [parts[0], whole, other[0], parts[1], other[1]] + parts[2:] + other[2:]
    got = split_form.group(sent, as_sent=True)
    ids = [parts[0]["event"]["id"], other[0]["event"]["id"]]
    check(got == ([whole], {ids[0]: parts, ids[1]: other}, ids) and ids[0] != ids[1],
          "group as sent: each record's parts in the order they came", got[2])
    check(split_form.group(parts + parts[1:2], as_sent=True)[1][ids[0]] == parts + parts[1:2],
          "group as sent: a repeated part kept")
    check(split_form.in_order(parts) is True, "in_order: all parts in order")
    check(split_form.in_order(parts[:2]) is False, "in_order: the first parts only")
    out_of_order = {
        "reversed": parts[::-1],
        "a part missing": parts[:1] + parts[2:],
        "a part twice": parts[:2] + parts[1:],
        "event.parts differs": parts[:1] + [dict(p, event=dict(p["event"], parts=99)) for p in parts[1:]],
    }
    check_rejects(split_form.in_order, out_of_order, "in_order rejects: ")
    check(split_form.join([whole]).record is whole, "a whole record is itself")
    check(not split_form.is_part(whole) and split_form.is_part(parts[0]), "is_part")

    TAP.plan()
    return TAP.status()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
