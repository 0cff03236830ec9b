#!/usr/bin/python3
"""Compare what headless Chromium saw of printaudit-report --html with
what printaudit-report --csv and --summary say of the same input.

Usage:
  html-check.py page    BROWSER.json DIR   the page with and without JS
  html-check.py nojs    BROWSER.json DIR
  html-check.py hostile BROWSER.json DIR   hostile values render as text
  html-check.py canary  KIND BROWSER.json  the checks catch a bad page

DIR holds what html.sh wrote: out.csv (--csv), user.jsonl, printer.jsonl,
application.jsonl, day.jsonl (--summary BY --json, which tells an unknown
value from an empty one), csv.err (--csv's stderr), and for hostile, hostile.json (the values given to the shim).

Prints "ok - ..." / "not ok - ..." lines; the exit status is 1 when
anything failed.
"""

import csv
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import tap  # noqa: E402

TAP = tap.Tap(lines=30)


def ok(what, cond, detail=""):
    """TAP.ok() with the question first, as this file reads."""
    return TAP.ok(cond, what, detail)


def eq(what, want, got):
    return ok(what, want == got, "expected: %r\nactual:   %r" % (want, got))


def shown(s):
    """A value as the page shows it (html.c's html_text())."""
    if s is None:
        return None
    out = []
    for ch in s:
        o = ord(ch)
        if ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif o < 0x20 or o == 0x7F:
            out.append("\\x%02x" % o)
        elif 0x80 <= o <= 0x9F or o in (0x2028, 0x2029):
            out.append("\\u%04x" % o)
        else:
            out.append(ch)
    return "".join(out)


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


# --- What the browser must not have seen, on any page -----------------------

def clean_load(b, label):
    """No request but the page itself, no error of any kind."""
    page = b["url"]
    outside = [u for u in b["requests"] if u != page and not u.startswith("data:")]
    results = [
        eq(label + ": no request but the page itself", [], outside),
        eq(label + ": no failed request", [], b["failed"]),
        eq(label + ": no request of the page's in the net log", [],
           [r for r in b["netlog"] if r["initiator"] != "not an origin"]),
        eq(label + ": no console message", [], b["console"]),
        eq(label + ": no browser log entry (CSP violations land here)", [], b["log"]),
        eq(label + ": no script exception", [], b["exceptions"]),
    ]
    return all(results)


def structure(b, label, scripts):
    d = b["dom"]
    eq(label + ": %d script element(s), the report's own" % scripts, scripts, d["scripts"])
    eq(label + ": no event handler attribute anywhere", [], d["handlers"])
    ok(label + ": every link is a fragment of the page itself",
       all(l.startswith("#") for l in d["links"]), d["links"])
    eq(label + ": no value ran as script (window.pwned unset)", None, d["pwned"])


# --- The page against --csv and --summary ------------------------------------

def pages_of(row):
    """Pages of a CSV row (its pages column: counted or declared), or None."""
    if row[6] == "":
        return None
    return int(row[6])


def summary_rows(path, by):
    """--summary BY --json lines as the page's rows (null keys: None)."""
    rows = []
    for line in open(path, encoding="utf-8"):
        r = json.loads(line)
        rows.append([shown(r[by]), str(r["jobs"]), str(r["pages"]), str(r["unknown_pages"]),
                     r["first"], r["last"]])
    return rows


def blank(row):
    """A row with unknown cells as the CSV has them: empty."""
    return ["" if c is None else c for c in row]


def compare(b, d_dir, label, js):
    d = b["dom"]
    t = d["tables"]
    head, rows = read_csv(os.path.join(d_dir, "out.csv"))

    sums = {by: summary_rows(os.path.join(d_dir, by + ".jsonl"), by)
            for by in ("user", "printer", "application", "day")}
    pages = sum(int(r[2]) for r in sums["user"])
    unknown = sum(int(r[3]) for r in sums["user"])
    errors = [l for l in open(os.path.join(d_dir, "csv.err"), encoding="utf-8").read().splitlines()
              if l.count(":") >= 3 and not l.endswith(" skipped") and not l.endswith(" incomplete")]

    cards = d["cards"]
    eq(label + ": total jobs = CSV rows", str(len(rows)), cards.get("total-jobs"))
    eq(label + ": total pages = the summary's", str(pages), cards.get("total-pages"))
    eq(label + ": jobs with unknown pages = the summary's", str(unknown), cards.get("total-unknown"))
    for by, card in (("user", "total-users"), ("printer", "total-printers"),
                     ("application", "total-applications")):
        eq(label + ": %s = known %ss in the summary" % (card, by),
           str(sum(1 for r in sums[by] if r[0] is not None)), cards.get(card))
    eq(label + ": skipped lines = the messages on stderr", str(len(errors)), cards.get("total-skipped"))
    ok(label + ": no outcome counts without job.end records",
       not any(k in cards for k in ("total-completed", "total-canceled", "total-aborted")), cards)

    times = sorted(r[0] for r in rows)
    ok(label + ": the period runs from the first to the last record",
       d["period"] and times and times[0] in d["period"] and times[-1] in d["period"], d["period"])

    for by, tid in (("user", "t-users"), ("printer", "t-printers"), ("application", "t-applications")):
        got = [r[:6] for r in t[tid]["rows"]]
        eq(label + ": table %s = --summary %s --csv, row for row, in order" % (tid, by), sums[by], got)

    eq(label + ": table t-days = --summary day --csv, in date order",
       sorted(sums["day"], key=lambda r: r[0]), t["t-days"]["rows"])

    # Printers: address of the latest job on each (the CSV's column).
    latest = {}
    for r in sorted(rows, key=lambda r: r[0]):
        latest[r[3]] = r[4]
    eq(label + ": t-printers: each printer's address is its latest job's",
       {shown(k): shown(v) for k, v in latest.items()},
       {r[0]: blank(r)[6] for r in t["t-printers"]["rows"]})

    # Weekday x hour, colour and sides: counted here from the CSV.
    import datetime
    heat = [[0] * 24 for _ in range(7)]
    colour = {"color": [0, 0], "monochrome": [0, 0]}
    sides = {"one-sided": [0, 0], "two-sided-long-edge": [0, 0], "two-sided-short-edge": [0, 0]}
    colour_other, sides_other = [0, 0], [0, 0]
    for r in rows:
        when = datetime.datetime.strptime(r[0][:19], "%Y-%m-%dT%H:%M:%S")
        p = pages_of(r) or 0
        heat[when.weekday()][when.hour] += p
        c = colour.get(r[9], colour_other)
        c[0] += 1
        c[1] += p
        s = sides.get(r[10], sides_other)
        s[0] += 1
        s[1] += p
    eq(label + ": t-heat = pages per weekday and hour from the CSV",
       [[str(v) for v in day] for day in heat], [r[1:] for r in t["t-heat"]["rows"]])
    eq(label + ": t-colour = jobs and pages per colour mode from the CSV",
       [[str(v[0]), str(v[1])] for v in (colour["color"], colour["monochrome"], colour_other)],
       [[r[1], r[3]] for r in t["t-colour"]["rows"]])
    eq(label + ": t-sides = jobs and pages per sides from the CSV",
       [[str(v[0]), str(v[1])] for v in (sides["one-sided"], sides["two-sided-long-edge"],
                                          sides["two-sided-short-edge"], sides_other)],
       [[r[1], r[3]] for r in t["t-sides"]["rows"]])

    # The latest jobs: every CSV row here (fewer than 100), latest first.
    # The page's columns: the CSV's without pages_source and billing.
    want = [[shown(c) for c in r[:7] + r[8:11] + r[12:13]]
            for r in sorted(rows, key=lambda r: r[0], reverse=True)[:100]]
    eq(label + ": t-jobs = the CSV's rows, latest first", want, [blank(r) for r in t["t-jobs"]["rows"]])

    # Malformed lines: the same file, line and message as on stderr.
    want = []
    for l in errors:
        rest = l[len("printaudit-report: "):]
        path, line, why = rest.split(":", 2)
        want.append([shown(path), line, shown(why.strip())])
    eq(label + ": t-skipped = the --csv run's messages on stderr", want,
       t.get("t-skipped", {"rows": []})["rows"])

    # Charts: each drawn, with the names as text.
    eq(label + ": every chart is there", ["chart-days", "chart-heat", "chart-users", "chart-printers",
                                          "chart-applications", "colour", "sides"], d["svg_ids"])
    for by in ("user", "printer", "application"):
        for r in sums[by][:10]:
            name = r[0] if r[0] is not None else "unknown"
            ok(label + ": the %s chart names %r" % (by, name),
               any(s.startswith(name + ": ") for s in d["svg_text"]), d["svg_text"][:40])

    if js:
        eq(label + ": the sorting script ran", "yes", d["sortable"])
        runs = b["sorted"].get("t-users:1")
        if ok(label + ": clicking Jobs of t-users sorts", runs and runs[0] and runs[1], runs):
            jobs = [int(r[1]) for r in runs[0]["rows"]]
            eq(label + ": first click: jobs descending", ("descending", sorted(jobs, reverse=True)),
               (runs[0]["sort"], jobs))
            jobs = [int(r[1]) for r in runs[1]["rows"]]
            eq(label + ": second click: jobs ascending", ("ascending", sorted(jobs)),
               (runs[1]["sort"], jobs))
            eq(label + ": sorting keeps every row", sorted(map(str, t["t-users"]["rows"])),
               sorted(map(str, runs[1]["rows"])))
    else:
        eq(label + ": no script ran (JavaScript disabled)", None, d["sortable"])


def mode_page(b, d_dir):
    clean_load(b, "page")
    structure(b, "page", 1)
    compare(b, d_dir, "page", True)
    probe = b.get("csp_probe") or []
    ok("page: its own CSP refuses an outside image, reported on the console",
       any(e["level"] == "error" and "Content Security Policy" in e["text"] and
           "csp-probe.invalid" in e["text"] for e in probe), probe)
    eq("page: the violation is img-src", "img-src",
       (b.get("csp_probe_event") or {}).get("directive"))
    ok("page: prints (PDF)", b.get("pdf_bytes", 0) > 10000, b.get("pdf_bytes"))


def mode_nojs(b, d_dir):
    clean_load(b, "no JavaScript")
    structure(b, "no JavaScript", 1)
    compare(b, d_dir, "no JavaScript", False)


def mode_hostile(b, d_dir):
    clean_load(b, "hostile")
    structure(b, "hostile", 1)
    d = b["dom"]
    t = d["tables"]
    given = json.load(open(os.path.join(d_dir, "hostile.json"), encoding="utf-8"))
    compare(b, d_dir, "hostile", True)

    def column(tid, i):
        return [r[i] for r in t[tid]["rows"]]

    for u in given["users"]:
        ok("hostile: user %r shown as text in t-users" % u, shown(u) in column("t-users", 0))
        ok("hostile: user %r shown as text in the chart" % u,
           any(s.startswith(shown(u) + ": ") for s in d["svg_text"]))
    for title in given["titles"]:
        ok("hostile: title %r shown as text in t-jobs" % title, shown(title) in column("t-jobs", 2))
    for app in given["applications"]:
        ok("hostile: application %r shown as text" % app, shown(app) in column("t-applications", 0))
    p = given["printer"]
    ok("hostile: printer name %r shown as text" % p["name"], shown(p["name"]) in column("t-printers", 0))
    ok("hostile: printer info %r shown as text" % p["info"], shown(p["info"]) in column("t-printers", 7))
    ok("hostile: printer location %r shown as text" % p["location"],
       shown(p["location"]) in column("t-printers", 8))
    ok("hostile: U+2028 shown as \\u2028", any("\\u2028" in c for c in column("t-jobs", 2)))
    eq("hostile: three malformed lines listed", 3, len(t["t-skipped"]["rows"]))
    ok("hostile: the file's name shown as text", all(r[0].endswith('/bad <b>&"x".log')
                                                     for r in t["t-skipped"]["rows"]),
       t["t-skipped"]["rows"])
    ok("hostile: a quoted schema shown as text",
       any('"printaudit/9</td><script>window.pwned=10</script>"' in r[2] for r in t["t-skipped"]["rows"]),
       t["t-skipped"]["rows"])


def mode_canary(kind, b):
    """A page built to be bad: the checks above must catch it."""
    d = b["dom"]
    if kind == "csp":
        ok("canary csp: outside image and script refused by the CSP, on the console",
           sum(1 for e in b["log"] if e["level"] == "error" and "Content Security Policy" in e["text"]) >= 2,
           b["log"])
        ok("canary csp: the clean-load check fails", not clean_load_quiet(b))
    elif kind == "nocsp":
        ok("canary without CSP: the outside request is seen",
           any("canary.invalid" in u for u in b["requests"]), b["requests"])
        ok("canary without CSP: it is in the net log as the page's",
           any("canary.invalid" in (r["url"] or "") and r["initiator"] != "not an origin"
               for r in b["netlog"]), b["netlog"])
        ok("canary without CSP: it failed (no network)", len(b["failed"]) >= 1, b["failed"])
        eq("canary without CSP: the inline script ran", "canary", d["pwned"])
        ok("canary without CSP: the clean-load check fails", not clean_load_quiet(b))
    elif kind == "unescaped":
        eq("canary unescaped title: its handler ran under the CSP ('unsafe-inline')", "img", d["pwned"])
        ok("canary unescaped title: an event handler attribute is found", d["handlers"], d["handlers"])


def clean_load_quiet(b):
    """clean_load() without printing or counting."""
    with TAP.quiet():
        return clean_load(b, "quiet")


def main():
    mode = sys.argv[1]
    if mode == "canary":
        mode_canary(sys.argv[2], json.load(open(sys.argv[3], encoding="utf-8")))
    else:
        b = json.load(open(sys.argv[2], encoding="utf-8"))
        {"page": mode_page, "nojs": mode_nojs, "hostile": mode_hostile}[mode](b, sys.argv[3])
    return TAP.status()


if __name__ == "__main__":
    sys.exit(main())
