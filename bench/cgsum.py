#!/usr/bin/python3
"""Summarize a callgrind profile of the shim: where its instructions go.

Usage: cgsum.py total FILE
       cgsum.py compare FILE BASEFILE SOURCE_DIR [LABEL BASELABEL]
       cgsum.py diff FILE BASEFILE SOURCE_DIR TOP
       cgsum.py report FILE SOURCE_DIR [TOP]

"total" prints the profile's total instruction count (its "totals:" line).
"compare" runs callgrind_annotate on both profiles and prints their
instructions by part of the process (the dynamic loader, libc, jansson
linked into the shim, the shim's own code, the rest) and the difference.
"diff" prints the TOP functions whose exclusive count grew most from
BASEFILE to FILE.
"report" prints the process's top functions and the shim's own functions (files under SOURCE_DIR/lib and
SOURCE_DIR/backend) by exclusive and by inclusive count, the TOP of each.

Copyright 2026 The printaudit authors.
Licensed under the Apache License, Version 2.0.
"""

import re
import subprocess
import sys

LINE = re.compile(r"^\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+(.*?)(?:\s+\[(.+)\])?\s*$")


def total(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith("totals:") or line.startswith("summary:"):
                return int(line.split()[1])
    raise SystemExit("no totals in " + path)


def annotate(path, inclusive):
    out = subprocess.run(
        ["callgrind_annotate", "--threshold=100", "--auto=no",
         "--inclusive=" + ("yes" if inclusive else "no"), path],
        check=True, capture_output=True, text=True, timeout=120).stdout
    rows = []
    body = False
    for line in out.splitlines():
        if "file:function" in line:
            body = True
            continue
        if not body:
            continue
        m = LINE.match(line)
        if m and ":" in m.group(2):
            rows.append((int(m.group(1).replace(",", "")), m.group(2), m.group(3)))
    return rows


def own_file(fname, srcdir):
    """The file's path in the source tree if it is the shim's own, else None."""
    if fname.startswith(srcdir + "/"):
        fname = fname[len(srcdir) + 1:]
    return fname if fname.startswith(("lib/", "backend/")) else None


def part_of(fileline, obj, srcdir, objects_of):
    func = fileline.rsplit(":", 1)[-1].split("'")[0]
    if obj is None:
        obj = objects_of.get(func, "")
    fname = fileline.rsplit(":", 1)[0]
    if own_file(fname, srcdir) or (fname.startswith("/usr/include/") and obj
                                   and not obj.endswith((".so", ".so.6", ".so.2"))):
        return "the shim's own code (lib/, backend/; with inlined header code)"
    if "ld-linux" in obj:
        return "dynamic loader (ld.so: mapping, relocation, symbol lookup)"
    if "libc.so" in obj:
        return "libc (malloc, stdio, string, NSS, syscalls)"
    if "jansson" in obj or (fname == "???" and obj and not obj.endswith(".so.6")):
        return "jansson (linked in, no debug info: hash table, objects)"
    if obj and not obj.endswith((".so", ".so.6", ".so.2")):
        return "other code in the binary (C start-up)"
    return "other: " + (obj or fname)


def parts_of(excl, srcdir):
    objects_of = {}
    for _, fl, obj in excl:
        if obj:
            objects_of.setdefault(fl.rsplit(":", 1)[-1].split("'")[0], obj)
    parts = {}
    for ir, fl, obj in excl:
        key = part_of(fl, obj, srcdir, objects_of)
        parts[key] = parts.get(key, 0) + ir
    return parts


def compare(path, base, srcdir, label_a="printaudit", label_b="bare shim"):
    """Instructions by part: the shim, a baseline process, the difference."""
    a = parts_of(annotate(path, False), srcdir)
    b = parts_of(annotate(base, False), srcdir)
    print("      %11s %11s %11s  %s" % (label_a, label_b, "difference", "part of the process"))
    for key in sorted(set(a) | set(b), key=lambda k: -a.get(k, 0)):
        print("      %11s %11s %11s  %s" % (format(a.get(key, 0), ","), format(b.get(key, 0), ","),
                                          format(a.get(key, 0) - b.get(key, 0), "+,"), key))
    print("      %11s %11s %11s  %s" % (format(total(path), ","), format(total(base), ","),
                                      format(total(path) - total(base), "+,"), "all"))


def diff(path, base, srcdir, top):
    """The functions whose exclusive count grew most from BASE to FILE."""
    def by_func(rows):
        out = {}
        for ir, fl, obj in rows:
            fname, func = fl.rsplit(":", 1)
            where = own_file(fname, srcdir) or (obj or fname).rsplit("/", 1)[-1]
            key = "%s (%s)" % (func.split("'")[0], where)
            out[key] = out.get(key, 0) + ir
        return out
    a = by_func(annotate(path, False))
    b = by_func(annotate(base, False))
    grown = sorted(((a.get(k, 0) - b.get(k, 0), k) for k in set(a) | set(b)), reverse=True)
    for ir, key in grown[:top]:
        print("      %9s  %s" % (format(ir, "+,"), key))


def report(path, srcdir, top):
    excl = annotate(path, False)
    incl = annotate(path, True)
    grand = total(path)

    def own(rows):
        merged = {}
        for ir, fl, _ in rows:
            fname, func = fl.rsplit(":", 1)
            fname = own_file(fname, srcdir)
            if not fname:
                continue
            func = func.split("'")[0]          # fold recursion levels
            key = "%s (%s)" % (func, fname)
            merged[key] = merged.get(key, 0) + ir if rows is excl else max(merged.get(key, 0), ir)
        return sorted(merged.items(), key=lambda kv: -kv[1])[:top]

    print("    the process's top functions, exclusive (self) instructions, any object:")
    for ir, fl, obj in sorted(excl, key=lambda r: -r[0])[:top]:
        fname, func = fl.rsplit(":", 1)
        where = own_file(fname, srcdir) or (obj or fname).rsplit("/", 1)[-1]
        print("      %9s  %5.1f%%  %s (%s)" % (format(ir, ","), 100.0 * ir / grand, func, where))
    print("    the shim's own functions, exclusive (self) instructions:")
    for key, ir in own(excl):
        print("      %9s  %5.1f%%  %s" % (format(ir, ","), 100.0 * ir / grand, key))
    print("    the shim's own functions, inclusive (with what they call):")
    for key, ir in own(incl):
        print("      %9s  %5.1f%%  %s" % (format(ir, ","), 100.0 * ir / grand, key))


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "total":
        print(total(sys.argv[2]))
    elif len(sys.argv) in (5, 7) and sys.argv[1] == "compare":
        compare(sys.argv[2], sys.argv[3], sys.argv[4].rstrip("/"), *sys.argv[5:])
    elif len(sys.argv) == 6 and sys.argv[1] == "diff":
        diff(sys.argv[2], sys.argv[3], sys.argv[4].rstrip("/"), int(sys.argv[5]))
    elif len(sys.argv) in (4, 5) and sys.argv[1] == "report":
        report(sys.argv[2], sys.argv[3].rstrip("/"), int(sys.argv[4]) if len(sys.argv) == 5 else 15)
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
