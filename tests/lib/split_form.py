"""The syslog split form of a printaudit record, read back: the Python
tests' one reassembler (the C one is lib/split.c; the fuzz target keeps
the independent oracle).

A record longer than SyslogMaxSize is sent as part 1, the record without
"options" ("printaudit.options" in the ECS form) with event.part 1 and
event.parts N, and parts 2..N, {"schema", "event":{"action":
"job.continued", "id", "part", "parts"}, "options_slice"} whose slices
join to the options' JSON.  When part 1 does not fit it is cut short
(event.abbreviated) and the parts carry "record_slice"s that join to the
whole record's text.  SyslogMaxParts may cap the parts sent: part 1 then
says how many were left out (event.parts_omitted) and the slices join to
a prefix only; such a record comes back as part 1 without options.

Scripts under tests/ import it with:

    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
    import split_form
"""

import json

PARTS_MAX = 999999                    # as PAUDIT_PARTS_MAX
ID_MAX = 64                           # as PAUDIT_PART_ID_MAX
ACTION = "job.continued"              # event.action of parts 2..N
OPTIONS_SLICE = "options_slice"
RECORD_SLICE = "record_slice"
CORE = "core"                         # what part 1 carries


class SplitError(ValueError):
    """A part or a group of parts that is not the split form."""


class Joined:
    """A group of parts put together.

    record: the record (for a capped one, part 1 without options and
    without event.part/parts); omitted: parts left out by SyslogMaxParts
    (0 if none); first: part 1 as sent; kind: what parts 2..N carry
    (OPTIONS_SLICE, RECORD_SLICE or CORE when there are none); slices:
    their slices joined, a prefix only when omitted."""

    def __init__(self, record, omitted, first, kind, slices):
        self.record = record
        self.omitted = omitted
        self.first = first
        self.kind = kind
        self.slices = slices


def is_part(message):
    """Whether a parsed message is a part of a split record."""
    event = message.get("event") if isinstance(message, dict) else None
    return isinstance(event, dict) and "part" in event


def _int(value):
    return type(value) is int


def read_part(message):
    """(id, part, parts, kind, slice) of one part; SplitError if it is not
    one (as pauditPartRead)."""
    event = message.get("event") if isinstance(message, dict) else None
    if not isinstance(event, dict):
        raise SplitError("split part without an event")
    rid = event.get("id")
    if not isinstance(rid, str) or not rid or len(rid) > ID_MAX or \
       not all(c.isascii() and c.isalnum() for c in rid):
        raise SplitError("split part without a valid event.id")
    part, parts = event.get("part"), event.get("parts")
    if not _int(part) or not _int(parts) or not 1 <= parts <= PARTS_MAX or not 1 <= part <= parts:
        raise SplitError("split part of event %s with a bad event.part or event.parts" % rid)
    oslice, rslice = message.get(OPTIONS_SLICE), message.get(RECORD_SLICE)
    has_o, has_r = OPTIONS_SLICE in message, RECORD_SLICE in message
    if has_r and not has_o and isinstance(rslice, str) and part > 1:
        return rid, part, parts, RECORD_SLICE, rslice
    if has_o and not has_r and isinstance(oslice, str) and part > 1:
        return rid, part, parts, OPTIONS_SLICE, oslice
    if not has_o and not has_r and part == 1:
        return rid, part, parts, CORE, None
    raise SplitError("part %d of event %s: bad or missing slice" % (part, rid))


def _put_options(obj, options):
    """A copy of obj with options where the record had them: before
    "truncated", else last."""
    out = {}
    for key, value in obj.items():
        if key == "truncated" and options is not None:
            out["options"] = options
            options = None
        out[key] = value
    if options is not None:
        out["options"] = options
    return out


def _with_options(core, options):
    """Part 1 with its options put back (under "printaudit" in the ECS
    form) and event.part/parts dropped."""
    ecs = "schema" not in core and isinstance(core.get("printaudit"), dict)
    record = dict(core) if ecs else _put_options(core, options)
    if ecs:
        record["printaudit"] = _put_options(core["printaudit"], options)
    record["event"] = {k: v for k, v in core["event"].items() if k not in ("part", "parts")}
    return record


def join(messages):
    """The record of all the parsed messages one record was sent as, in
    any order, or of a single whole record (as pauditRecordJoinParts).
    O - Joined; SplitError when they are not all the parts of one record."""
    if len(messages) == 1 and not is_part(messages[0]):
        return Joined(messages[0], 0, messages[0], CORE, "")
    if not messages:
        raise SplitError("no messages")
    read = {}
    kind, rid = CORE, None
    for message in messages:
        pid, part, parts, pkind, piece = read_part(message)
        if parts != len(messages) or (rid is not None and pid != rid):
            raise SplitError("part %d of event %s: %d messages, event.parts %d, event.id %s"
                             % (part, pid, len(messages), parts, rid or pid))
        if part in read:
            raise SplitError("part %d of event %s seen twice" % (part, pid))
        if pkind != CORE and kind != CORE and pkind != kind:
            raise SplitError("part %d of event %s does not match its other parts" % (part, pid))
        if pkind != CORE:
            kind = pkind
        read[part] = (message, piece)
        rid = pid
    first = read[1][0]
    slices = "".join(read[n][1] for n in range(2, len(messages) + 1))
    event = first["event"]
    omitted = event.get("parts_omitted")
    if _int(omitted) and omitted > 0:
        # Capped: the slices join to a prefix only.
        return Joined(_with_options(first, None), omitted, first, kind, slices)
    if kind == RECORD_SLICE:
        try:
            record = json.loads(slices)
        except ValueError as err:
            raise SplitError("the parts of event %s do not join to a JSON object: %s" % (rid, err))
        if not isinstance(record, dict):
            raise SplitError("the parts of event %s do not join to a JSON object: not an object" % rid)
        return Joined(record, 0, first, kind, slices)
    options = None
    if kind == OPTIONS_SLICE:
        try:
            options = json.loads(slices)
        except ValueError as err:
            raise SplitError("the parts of event %s do not join to a JSON object: %s" % (rid, err))
        if not isinstance(options, dict):
            raise SplitError("the parts of event %s do not join to a JSON object: not an object" % rid)
    if event.get("abbreviated") is True:
        raise SplitError("event %s: an abbreviated part 1 with options slices" % rid)
    return Joined(_with_options(first, options), 0, first, kind, slices)


def group(messages, as_sent=False):
    """Group parsed messages by record: (whole, groups, order) where whole
    lists the messages that are not parts, groups maps event.id to its
    parts by number (a later copy of a number replaces an earlier one),
    and order lists the event.ids in the order their first part came.
    With as_sent, groups maps event.id to a list of its parts in the
    order they came, repeats kept (for in_order())."""
    whole, groups, order = [], {}, []
    for message in messages:
        if not is_part(message):
            whole.append(message)
            continue
        rid = message["event"].get("id")
        if rid not in groups:
            groups[rid] = [] if as_sent else {}
            order.append(rid)
        if as_sent:
            groups[rid].append(message)
        else:
            groups[rid][message["event"].get("part")] = message
    return whole, groups, order


def in_order(parts):
    """Whether the parts of one record, as they came (group(as_sent=True)),
    are all of them: True when parts 1..N all came, False when only the
    first ones did; SplitError when they came out of order (a part
    missing, repeated or late) or disagree on event.parts."""
    numbers = [p["event"].get("part") for p in parts]
    if numbers != list(range(1, len(parts) + 1)):
        raise SplitError("parts out of order: %r" % numbers)
    total = parts[0]["event"].get("parts")
    if any(p["event"].get("parts") != total for p in parts):
        raise SplitError("parts disagree on event.parts")
    return len(parts) == total
