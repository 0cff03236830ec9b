#!/bin/bash
#
# html-demo.sh: the records of a small office's fortnight, made by the real
# shim, and the --html page of them, as the README shows it.
#
# Usage: scripts/html-demo.sh [BUILD-DIR] [OUT-DIR]
#
# Calls BUILD-DIR/backend/printaudit (default: build) as cupsd would, once
# per job, as the report tests do (tests/report/lib-report.sh: shim, with
# PRINTER_INFO and PRINTER_LOCATION besides), with a private printaudit.conf
# writing a JsonLog in a temporary directory and a private backend directory
# whose socket and ipp backends exit 0.  The jobs (who, what, where, from
# which application, when) come from a fixed seed; their "time" fields are
# then set to that fortnight (the shim stamps the time it runs).  Writes
# OUT-DIR/report-demo.jsonl, OUT-DIR/report-demo.html and, with chromium,
# OUT-DIR/report-demo.png (the top of the page, 1280 pixels wide).
#
# Copyright 2026 The printaudit authors.
# Licensed under the Apache License, Version 2.0.

set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=$(cd "${1:-$here/../build}" && pwd)
out=${2:-.}
PRINTAUDIT_BIN=$build/backend/printaudit
REPORT_BIN=$build/tools/report/printaudit-report

for f in "$PRINTAUDIT_BIN" "$REPORT_BIN"; do
  [[ -x $f ]] || { echo "html-demo.sh: $f is missing (build first)" >&2; exit 1; }
done
mkdir -p "$out"
out=$(cd "$out" && pwd)

# The temporary directory ($DIR, printaudit-html-demo.*) is the harness's:
# removed at the end, kept when something failed.
# shellcheck disable=SC2034 # read by the harness
E2E_NAME=html-demo
# shellcheck source=../tests/report/lib-report.sh
. "$here/../tests/report/lib-report.sh"
shim_setup

# One line per job: printer, URI, info, location, user, title, copies,
# options, time; tab-separated.
"$PY" - >"$DIR/jobs.tsv" <<'EOF'
import datetime, random
rng = random.Random(20261201)
printers = [
    ("office-laser", "socket://10.0.0.5:9100", "HP LaserJet M507", "2nd floor, by the kitchen"),
    ("finance-mfp", "ipp://10.0.0.7/ipp/print", "Canon iR-ADV C5535", "Finance"),
    ("lab-color", "ipp://10.0.0.9/ipp/print", "Epson WF-C5790", "Lab 1"),
    ("reception", "socket://10.0.0.11:9100", "Brother HL-L2350DW", "Front desk"),
]
users = [("allen.golbig", 6), ("maria.keller", 5), ("j.okafor", 4), ("lena.fischer", 3),
         ("tom.reyes", 3), ("s.nakamura", 2), ("priya.rao", 2), ("ben.carter", 1),
         ("guest", 1)]
apps = [("Microsoft Word", 5), ("Preview", 4), ("Microsoft Excel", 3), ("Adobe Acrobat Reader", 3),
        ("Safari", 2), ("TextEdit", 1), ("Keynote", 1), (None, 2)]
titles = ["Quarterly report", "Invoice 2026-%04d", "Board minutes", "Travel expenses",
          "Slides: roadmap", "Contract draft v%d", "Lab results %d", "Boarding pass",
          "Meeting agenda", "Timesheet week %d"]
start = datetime.datetime(2026, 11, 16, tzinfo=datetime.timezone.utc)
def pick(weighted):
    return rng.choices([w[0] for w in weighted], [w[1] for w in weighted])[0]
for n in range(1, 181):
    day = rng.choice([0, 1, 2, 3, 4, 7, 8, 9, 10, 11, 5, 12] + [0, 1, 2, 3, 8, 9, 10])
    hour = rng.choice([8, 9, 9, 10, 10, 11, 11, 13, 14, 14, 15, 16, 17])
    t = start + datetime.timedelta(days=day, hours=hour, minutes=rng.randrange(60),
                                   seconds=rng.randrange(60))
    p = rng.choices(printers, [5, 3, 2, 1])[0]
    app = pick(apps)
    title = rng.choice(titles)
    if "%" in title:
        title = title % rng.randrange(1, 60)
    opts = ["job-impressions=%d" % rng.choice([1, 1, 1, 2, 2, 3, 4, 6, 8, 12, 20, 35])]
    opts.append(rng.choice(["sides=one-sided", "sides=two-sided-long-edge",
                            "sides=two-sided-long-edge", "Duplex=DuplexTumble", ""]))
    if p[0] in ("finance-mfp", "lab-color"):
        opts.append(rng.choice(["print-color-mode=color", "print-color-mode=monochrome"]))
    else:
        opts.append("print-color-mode=monochrome")
    opts.append("media=" + rng.choice(["iso_a4_210x297mm", "iso_a4_210x297mm", "na_letter_8.5x11in"]))
    if app:
        opts.append('com.apple.print.JobInfo.PMApplicationName="%s"' % app)
    copies = rng.choice([1, 1, 1, 1, 2, 3])
    print("\t".join([p[0], p[1], p[2], p[3], pick(users), title, str(copies),
                     " ".join(o for o in opts if o), t.strftime("%Y-%m-%dT%H:%M:%S.000Z")]))
EOF

job=0
times=()
while IFS=$'\t' read -r printer uri info location user title copies options time; do
  job=$((job + 1))
  PRINTER_INFO=$info PRINTER_LOCATION=$location \
    shim "$printer" "$uri" "$job" "$user" "$title" "$copies" "$options"
  times+=("$time")
done <"$DIR/jobs.tsv"

# The fortnight's times, in time order (a stable sort on the "time" field);
# every other byte as the shim wrote it.
set_times "$DIR/raw.jsonl" "$DIR/timed.jsonl" "${times[@]}"
awk 'match($0, /"time":"[^"]*"/) { print substr($0, RSTART + 8, RLENGTH - 9) "\t" $0 }' \
  "$DIR/timed.jsonl" | LC_ALL=C sort -s -t $'\t' -k 1,1 | cut -f 2- >"$out/report-demo.jsonl"

# From OUT-DIR, so that the page names its input without a path.
(cd "$out" && "$REPORT" --html report-demo.jsonl >report-demo.html)
echo "html-demo.sh: $job records in $out/report-demo.jsonl, the page in $out/report-demo.html"

if command -v chromium >/dev/null 2>&1; then
  "$PY" "$here/../tests/report/html-browser.py" --screenshot "$out/report-demo.png" --max-height 1120 \
    "$out/report-demo.html" "$DIR/browser.json"
  echo "html-demo.sh: screenshot in $out/report-demo.png"
fi
