#!/usr/bin/python3
"""Read and check the audit records that the end-to-end tests collect.

Usage:
  records.py jsonl FILE                  print the records of a JSON Lines file
  records.py syslog FILE FACILITY SEVERITY
                                         print the records that rsyslog wrote
                                         (lines "PROGRAM\\tFACILITY\\tSEVERITY\\tMSG"),
                                         a record sent in parts put together
  records.py syslog-raw FILE FACILITY SEVERITY
                                         print the messages themselves
  records.py index DIR                   file the records on stdin by job:
                                         DIR/PRINTER.JOB-ID, one record a line
  records.py expect RECORD PATH=JSON...  check fields of the record RECORD
  records.py validate SCHEMA FILE...     check every record in FILEs

Records are printed one per line, in compact JSON with sorted keys.  A PATH is "section.key"
("job.id", "options.com.apple.print.X"): the part before the first dot names
the section, the rest is the key.  Every command exits non-zero, with a
message on stderr, when what it reads is not what the contract promises:
a line that is not one JSON object, a message with the wrong priority.
"""

import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import split_form  # noqa: E402  (tests/lib/split_form.py)

PROGRAM = "printaudit"


def fail(message):
    print("records.py: " + message, file=sys.stderr)
    sys.exit(1)


def parse_object(text, where):
    try:
        value = json.loads(text)
    except ValueError as err:
        fail("%s: not JSON (%s): %r" % (where, err, text[:200]))
    if not isinstance(value, dict):
        fail("%s: not a JSON object: %r" % (where, text[:200]))
    return value


def lines(path):
    # Invalid UTF-8 must fail loudly, not be replaced.
    with open(path, "rb") as f:
        data = f.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        fail("%s: invalid UTF-8: %s" % (path, err))
    if text and not text.endswith("\n"):
        fail("%s: last line is not complete" % path)
    return text.splitlines()


def read_jsonl(path):
    return [parse_object(line, "%s:%d" % (path, n))
            for n, line in enumerate(lines(path), 1)]


def read_syslog(path, facility, severity):
    records = []
    for n, line in enumerate(lines(path), 1):
        fields = line.split("\t", 3)
        if fields[0] != PROGRAM:
            continue
        where = "%s:%d" % (path, n)
        if len(fields) != 4:
            fail("%s: not a whole syslog line: %r" % (where, line[:200]))
        if fields[1:3] != [facility, severity]:
            fail("%s: priority %s.%s, expected %s.%s"
                 % (where, fields[1], fields[2], facility, severity))
        # rsyslog keeps the space that follows "TAG:" in an RFC 3164 message.
        msg = fields[3][1:] if fields[3].startswith(" ") else fields[3]
        records.append(parse_object(msg, where))
    return records


def merge(messages):
    """Put together the records that were sent in parts (tests/lib/split_form.py)."""
    records, groups, order = split_form.group(messages)
    for event_id in order:
        parts = groups[event_id]
        count = next(iter(parts.values()))["event"]["parts"]
        if sorted(parts) != list(range(1, count + 1)):
            fail("event %s: parts %s of %d" % (event_id, sorted(parts), count))
        try:
            records.append(split_form.join(list(parts.values())).record)
        except split_form.SplitError as err:
            fail("event %s: %s" % (event_id, err))
    return records


def field(record, path):
    # "job.title", "options.com.apple.print.X" (an option's name keeps its
    # dots), or deeper, as in the ECS form: "printaudit.job.id".
    section, _, key = path.partition(".")
    value = record.get(section)
    if key:
        if not isinstance(value, dict):
            raise KeyError(path)
        if key in value:
            return value[key]
        return field(value, key)
    elif section not in record:
        raise KeyError(path)
    return value


def dump(value):
    return json.dumps(value, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":"))


def cmd_index(outdir):
    os.makedirs(outdir, exist_ok=True)
    for n, line in enumerate(sys.stdin, 1):
        record = parse_object(line, "stdin:%d" % n)
        # A notifier may share the sinks: its job.end records are not
        # the backend's (tests/notify checks them).
        if (record.get("event") or {}).get("action") == "job.end":
            continue
        job = record.get("job") or {}
        printer = (record.get("printer") or {}).get("name")
        name = "%s.%s" % (printer, job.get("id"))
        if "/" in name or name.startswith("."):
            fail("stdin:%d: printer name %r" % (n, printer))
        with open(os.path.join(outdir, name), "a") as f:
            f.write(dump(record) + "\n")


def cmd_expect(text, *checks):
    record = parse_object(text, "record")
    failed = 0
    for check in checks:
        path, _, want_text = check.partition("=")
        want = json.loads(want_text)
        try:
            got = field(record, path)
        except KeyError:
            print("not ok - record has %s" % path)
            failed += 1
            continue
        # 1 == 1.0 == True in Python: compare types too.
        if got == want and type(got) is type(want):
            print("ok - record %s is %s" % (path, dump(want)))
        else:
            print("not ok - record %s is %s, expected %s"
                  % (path, dump(got), dump(want)))
            failed += 1
    return 1 if failed else 0


def cmd_validate(schema_path, *paths):
    import jsonschema  # python3-jsonschema

    with open(schema_path) as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
    failed = count = 0
    for path in paths:
        for n, line in enumerate(lines(path), 1):
            count += 1
            for err in validator.iter_errors(parse_object(line, path)):
                failed += 1
                print("%s:%d: %s at /%s" % (path, n, err.message,
                                           "/".join(map(str, err.path))),
                      file=sys.stderr)
    print("%d records checked, %d errors" % (count, failed))
    return 1 if failed else 0


def main(argv):
    if len(argv) < 2:
        fail("no command; see the top of this file")
    cmd, args = argv[1], argv[2:]
    if cmd == "jsonl" and len(args) == 1:
        records = read_jsonl(args[0])
    elif cmd == "syslog" and len(args) == 3:
        records = merge(read_syslog(*args))
    elif cmd == "syslog-raw" and len(args) == 3:
        records = read_syslog(*args)
    elif cmd == "index" and len(args) == 1:
        return cmd_index(*args)
    elif cmd == "expect" and args:
        return cmd_expect(*args)
    elif cmd == "validate" and len(args) >= 1:
        return cmd_validate(*args)
    else:
        fail("bad command: %s" % " ".join(argv[1:]))
    for record in records:
        print(dump(record))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
