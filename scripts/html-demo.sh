#!/bin/bash
#
# html-demo.sh: the records of a small office's fortnight, made by the real
# shim, and the --html page of them, as the README shows it.
#
# Usage: scripts/html-demo.sh [BUILD-DIR] [OUT-DIR]
#
# Calls BUILD-DIR/backend/printaudit (default: build) as cupsd would, once
# per job (argv job-id user title copies options, DEVICE_URI, PRINTER,
# PRINTER_INFO, PRINTER_LOCATION), with a private printaudit.conf writing a
# JsonLog in a temporary directory and a private backend directory whose
# socket and ipp backends exit 0.  The jobs (who, what, where, from which
# application, when) come from a fixed seed; their "time" fields are then
# set to that fortnight (the shim stamps the time it runs).  Writes
# OUT-DIR/report-demo.jsonl, OUT-DIR/report-demo.html and, with chromium,
# OUT-DIR/report-demo.png (the top of the page, 1280 pixels wide).
#
# Copyright 2026 The printaudit authors.
# Licensed under the Apache License, Version 2.0.

set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=$(cd "${1:-$here/../build}" && pwd)
out=${2:-.}
shim=$build/backend/printaudit
report=$build/tools/report/printaudit-report
py=/usr/bin/python3

for f in "$shim" "$report"; do
  [[ -x $f ]] || { echo "html-demo.sh: $f is missing (build first)" >&2; exit 1; }
done
mkdir -p "$out"

dir=$(mktemp -d "${TMPDIR:-/tmp}/html-demo.XXXXXX")
trap 'rm -rf "$dir"' EXIT
chmod 755 "$dir"
mkdir -p "$dir/serverbin/backend"
chmod 755 "$dir/serverbin" "$dir/serverbin/backend"
printf '#!/bin/sh\nexit 0\n' >"$dir/serverbin/backend/socket"
cp "$dir/serverbin/backend/socket" "$dir/serverbin/backend/ipp"
chmod 755 "$dir/serverbin/backend/socket" "$dir/serverbin/backend/ipp"
printf 'Syslog off\nJsonLog %s/raw.jsonl\n' "$dir" >"$dir/printaudit.conf"
chmod 644 "$dir/printaudit.conf"

# One line per job: printer, URI, info, location, user, title, copies,
# options, time; tab-separated.
"$py" - >"$dir/jobs.tsv" <<'EOF'
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
  PRINTAUDIT_CONF=$dir/printaudit.conf CUPS_SERVERBIN=$dir/serverbin \
    DEVICE_URI="printaudit:$uri" PRINTER=$printer PRINTER_INFO=$info \
    PRINTER_LOCATION=$location CONTENT_TYPE=application/pdf \
    "$shim" "$job" "$user" "$title" "$copies" "$options" 2>>"$dir/shim.err" ||
    { echo "html-demo.sh: the shim failed: $(tail -n 3 "$dir/shim.err")" >&2; exit 1; }
  times+=("$time")
done <"$dir/jobs.tsv"

# The fortnight's times, in time order; every other byte as the shim wrote it.
"$py" - "$dir/raw.jsonl" "$out/report-demo.jsonl" "${times[@]}" <<'EOF'
import re, sys
src, dst, times = sys.argv[1], sys.argv[2], sys.argv[3:]
lines = open(src, encoding="utf-8").read().splitlines()
assert len(lines) == len(times)
pairs = sorted(zip(times, lines))
with open(dst, "w", encoding="utf-8") as f:
    for t, line in pairs:
        f.write(re.sub(r'"time":"[^"]*"', '"time":"%s"' % t, line, count=1) + "\n")
EOF

# From OUT-DIR, so that the page names its input without a path.
(cd "$out" && "$report" --html report-demo.jsonl >report-demo.html)
echo "html-demo.sh: $job records in $out/report-demo.jsonl, the page in $out/report-demo.html"

if command -v chromium >/dev/null 2>&1; then
  "$py" "$here/../tests/report/html-browser.py" --screenshot "$out/report-demo.png" --max-height 1120 \
    "$out/report-demo.html" "$dir/browser.json"
  echo "html-demo.sh: screenshot in $out/report-demo.png"
fi
