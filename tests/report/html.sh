#!/bin/bash
#
# printaudit-report --html, proven in a real browser.  Usage: html.sh TEST,
# TEST one of
#   page     records from the real shim, rendered by headless Chromium with
#            no network: no request but the page, no console message, its
#            own CSP enforced, totals and every table equal to --csv and
#            --summary, sortable, printable; screenshot kept
#   nojs     the same page with JavaScript disabled: whole and in order
#   hostile  users, titles, printer name/info/location and applications
#            carrying markup, script, javascript: URLs, quotes and U+2028,
#            all through the real shim: shown as text, nothing runs
#   canary   pages made bad on purpose (outside requests, no CSP, a raw
#            title): the checks of page/hostile must catch each
#   cli      --html with other formats is a usage error; job.end outcome
#            counts; memory flat with the input's size
#
# Environment (set by ctest):
#   REPORT_BIN             printaudit-report
#   PRINTAUDIT_BIN         the shim
#   PRINTAUDIT_SOURCE_DIR  the source tree
#   HTML_ARTIFACT_DIR      where the screenshots and pages are kept
#   REPORT_KEEP=1          keep the test's directory
#
# Chromium runs as root here, so with --no-sandbox; it is the report that
# is tested (and sanitized in a sanitizer build), not the browser.  The
# tests that need Chromium exit 77 (skipped) when it is not installed.
#
# Output: "ok - ..." and "not ok - ..." lines; exit status 0 when all
# passed, 1 when a check failed, 77 when Chromium is needed and missing.
#
# Copyright 2026 The printaudit authors.
# Licensed under the Apache License, Version 2.0.

# The test_* functions are called by name (test_$1), cleanup by trap.
# shellcheck disable=SC2317

set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ART=${HTML_ARTIFACT_DIR:-$PWD}
E2E_NAME=report-html
# shellcheck source=lib-report.sh
. "$HERE/lib-report.sh"
BROWSER="$PY $HERE/html-browser.py"
CHECK="$PY $HERE/html-check.py"

need_chromium() {
  command -v chromium >/dev/null 2>&1 ||
    e2e_skip "chromium is not installed (scripts/install-deps.sh installs it)"
}

python_check() {			# python_check ARGS...: html-check.py, counted
  local status=0
  $CHECK "$@" >"$DIR/check.out" 2>&1 || status=$?
  cat "$DIR/check.out"
  E2E_FAILURES=$((E2E_FAILURES + $(grep -c '^not ok' "$DIR/check.out" || true)))
  if [[ $status -ne 0 ]] && ! grep -q '^not ok' "$DIR/check.out"; then
    e2e_fail "html-check.py $1 ran" "exit $status"
  fi
}

browse() {				# browse PAGE OUT [OPTIONS...]
  local page=$1 out=$2
  shift 2
  if ! $BROWSER "$@" "$page" "$out" 2>"$DIR/browser.err"; then
    e2e_fail "chromium loaded $(basename "$page")" "$(tail -n 20 "$DIR/browser.err")"
    exit 1
  fi
}


# --- Records from the real shim: lib-report.sh's six jobs and two more --------

hall_jobs() {				# Two more jobs, on a third printer
  shim hall socket://127.0.0.1:9101 7 erin poster 1 \
    'job-impressions=1 ColorModel=RGB sides=one-sided'
  PRINTER_INFO='Hall colour' shim hall socket://127.0.0.1:9101 8 '' untitled 1 \
    'job-impressions=4 sides=one-sided com.apple.print.JobInfo.PMApplicationName=Pages'
}

html_records() {			# html_records [FORMAT]: $DIR/a.jsonl, 8 jobs over 5 days
  make_records "${1:-printaudit}" hall_jobs 2026-11-26T14:05:00.000Z 2026-11-26T14:45:00.000Z

  # Lines that are not records, in a second file, for the malformed list.
  {
    echo 'Dec  1 21:18:03 printsrv1 kernel: usb 1-1: new device <b>'
    sed -n 1p "$DIR/a.jsonl" | head -c 200
    echo
    echo '{"hello":"<script>window.pwned=1</script>"}'
  } >"$DIR/bad.log"
}

reports() {				# reports INPUT...: --csv, --summary --json, --html
  local by
  "$REPORT" --csv "$@" >"$DIR/out.csv" 2>"$DIR/csv.err"
  for by in user printer application day; do
    "$REPORT" --summary "$by" --json "$@" >"$DIR/$by.jsonl" 2>/dev/null
  done
  if "$REPORT" --html "$@" >"$DIR/report.html" 2>"$DIR/html.err"; then
    e2e_pass "--html exits 0"
  else
    e2e_fail "--html exits 0" "$(cat "$DIR/html.err")"
  fi
  if cmp -s "$DIR/csv.err" "$DIR/html.err"; then
    e2e_pass "--html reports skipped lines on stderr as --csv does"
  else
    e2e_fail "--html reports skipped lines on stderr as --csv does" "$(diff "$DIR/csv.err" "$DIR/html.err")"
  fi
}


# --- Tests -------------------------------------------------------------------

test_page() {
  need_chromium
  html_records
  reports "$DIR/a.jsonl" "$DIR/bad.log"
  mkdir -p "$ART"
  cp "$DIR/report.html" "$ART/html-report.html"
  browse "$DIR/report.html" "$DIR/browser.json" --probe-csp --click t-users:1 \
    --screenshot "$ART/html-report.png" --pdf "$DIR/report.pdf"
  python_check page "$DIR/browser.json" "$DIR"
  if [[ "$(head -c 8 "$ART/html-report.png" | od -An -tx1 | tr -d ' ')" == 89504e470d0a1a0a ]]; then
    e2e_pass "screenshot kept: $ART/html-report.png"
  else
    e2e_fail "screenshot kept: $ART/html-report.png"
  fi
  e2e_check_eq "the PDF is a PDF" "%PDF" "$(head -c 4 "$DIR/report.pdf")"
}

test_nojs() {
  need_chromium
  html_records
  reports "$DIR/a.jsonl" "$DIR/bad.log"
  browse "$DIR/report.html" "$DIR/browser.json" --no-js
  python_check nojs "$DIR/browser.json" "$DIR"
}

test_hostile() {
  need_chromium
  shim_setup
  # Each value would set window.pwned if it ran as script or markup.
  local -a users=(
    '<script>window.pwned="user-script"</script>'
    '"><img src=x onerror="window.pwned=1">'
    "'><svg onload=window.pwned=2>"
    '</svg><script>window.pwned="svg"</script>'
  )
  local -a titles=(
    '<script>window.pwned="title"</script>'
    '</svg></text></title><script>window.pwned="svg-title"</script>'
    'javascript:window.pwned="url"'
    '<a href="javascript:window.pwned=3">click</a>'
    $'line\xe2\x80\xa8sep\xe2\x80\xa9para & <b>bold</b> \'q\' "qq"'
    '<img src=x onerror=window.pwned=4>'
    '<!-- --><style>*{display:none}</style>'
  )
  local app='<img src=x onerror=window.pwned=5>'
  local printer='lab</svg><script>window.pwned="printer"</script>'
  local info='<svg onload=window.pwned=6>' location='"><script>window.pwned=7</script>'
  local i job=0 times=()
  for i in "${!users[@]}"; do
    job=$((job + 1))
    PRINTER_INFO=$info PRINTER_LOCATION=$location \
      shim "$printer" socket://127.0.0.1:9100 "$job" "${users[$i]}" "${titles[$i]}" 1 \
      "job-impressions=$job com.apple.print.JobInfo.PMApplicationName=\"$app\""
    times+=("2026-11-2${i}T1${i}:00:00.000Z")
  done
  for ((i = ${#users[@]}; i < ${#titles[@]}; i++)); do
    job=$((job + 1))
    PRINTER_INFO=$info PRINTER_LOCATION=$location \
      shim "$printer" socket://127.0.0.1:9100 "$job" "${users[0]}" "${titles[$i]}" 2 "job-impressions=1"
    times+=("2026-11-2${i}T0${i}:30:00.000Z")
  done
  set_times "$DIR/raw.jsonl" "$DIR/a.jsonl" "${times[@]}"
  # Messages about malformed lines quote the input, and so does the file's name.
  local bad="$DIR/bad <b>&\"x\".log"
  {
    printf '{"schema":"printaudit/1","x":"</td><script>window.pwned=8</script>\n'
    printf '{"schema":"printaudit/1", <script>window.pwned=9</script>}\n'
    printf '{"schema":"printaudit/9</td><script>window.pwned=10</script>"}\n'
  } >"$bad"

  "$PY" - "$DIR/hostile.json" "$app" "$printer" "$info" "$location" -- "${users[@]}" -- "${titles[@]}" <<'EOF'
import json, sys
out, app, printer, info, location = sys.argv[1:6]
rest = sys.argv[7:]
users, titles = rest[:rest.index("--")], rest[rest.index("--") + 1:]
json.dump({"users": users, "titles": titles, "applications": [app],
           "printer": {"name": printer, "info": info, "location": location}},
          open(out, "w", encoding="utf-8"), ensure_ascii=False)
EOF
  reports "$DIR/a.jsonl" "$bad"
  mkdir -p "$ART"
  cp "$DIR/report.html" "$ART/html-hostile.html"
  browse "$DIR/report.html" "$DIR/browser.json" --click t-users:1 --screenshot "$ART/html-hostile.png"
  python_check hostile "$DIR/browser.json" "$DIR"
}

test_canary() {
  need_chromium
  html_records
  reports "$DIR/a.jsonl"

  # 1. Outside requests in a page with the report's CSP: refused, and
  #    every refusal is an error on the console.
  sed 's|<body>|<body><img src="http://canary.invalid/c.png"><script src="http://canary.invalid/c.js"></script>|' \
    "$DIR/report.html" >"$DIR/canary-csp.html"
  browse "$DIR/canary-csp.html" "$DIR/canary-csp.json"
  python_check canary csp "$DIR/canary-csp.json"

  # 2. The same without the CSP: the request is seen (and fails: no
  #    network), an inline script runs and sets window.pwned.
  sed -e '/Content-Security-Policy/d' \
      -e 's|<body>|<body><img src="http://canary.invalid/c.png"><script>window.pwned="canary"</script>|' \
    "$DIR/report.html" >"$DIR/canary-nocsp.html"
  e2e_check_eq "canary: the CSP line removed" 0 "$(grep -c Content-Security-Policy "$DIR/canary-nocsp.html" || true)"
  browse "$DIR/canary-nocsp.html" "$DIR/canary-nocsp.json"
  python_check canary nocsp "$DIR/canary-nocsp.json"

  # 3. A title written unescaped: the CSP allows inline handlers
  #    ('unsafe-inline'), so escaping is what keeps it from running.
  sed 's|<td>My doc</td>|<td><img src=x onerror="window.pwned=\x27img\x27"></td>|; s|<td>test</td>|<td><img src=x onerror="window.pwned=\x27img\x27"></td>|' \
    "$DIR/report.html" >"$DIR/canary-raw.html"
  e2e_check_eq "canary: a raw title planted" 1 "$(grep -c 'onerror=' "$DIR/canary-raw.html" || true)"
  browse "$DIR/canary-raw.html" "$DIR/canary-raw.json"
  python_check canary unescaped "$DIR/canary-raw.json"
}

test_cli() {
  local status message
  html_records

  for message in --csv --json "--summary user"; do
    status=0
    # shellcheck disable=SC2086
    "$REPORT" --html $message "$DIR/a.jsonl" >"$DIR/out" 2>"$DIR/err" || status=$?
    if [[ $status -eq 1 && ! -s "$DIR/out" ]] &&
       grep -qF 'printaudit-report: --html excludes --csv, --json and --summary' "$DIR/err"; then
      e2e_pass "--html with $message: usage error"
    else
      e2e_fail "--html with $message: usage error" "exit $status" "$(cat "$DIR/err")"
    fi
  done
  "$REPORT" --help >"$DIR/out"
  if grep -q -- '--html ' "$DIR/out"; then e2e_pass "--help lists --html"; else e2e_fail "--help lists --html"; fi

  # Outcomes: job.end records as CONTRACT.md describes them (written by
  # the notifier, not the shim) are counted as outcomes, never as jobs;
  # their count (impressions_completed) replaces the job's declared pages.
  "$PY" - "$DIR/a.jsonl" "$DIR/ends.pages" >"$DIR/ends.jsonl" <<'EOF'
import json, sys
states = ["completed", "canceled", "aborted", "aborted", "pending-held"]
total = 0
for n, line in enumerate(open(sys.argv[1], encoding="utf-8")):
    sys.stdout.write(line)
    r = json.loads(line)
    j = r["job"]
    if n >= len(states) and j["impressions"] is not None and j["copies"] is not None:
        total += j["impressions"] * j["copies"]
    if n < len(states):
        total += 1
        end = {"schema": r["schema"], "event": {"action": "job.end", "id": "%032x" % (n + 1)},
               "time": r["time"], "host": r["host"],
               "job": {"id": r["job"]["id"], "uuid": r["job"]["uuid"], "state": states[n],
                       "impressions_completed": 1, "media_sheets_completed": 1,
                       "processing": r["time"], "completed": r["time"], "user": None, "title": None},
               "printer": {"name": r["printer"]["name"]}}
        print(json.dumps(end, separators=(",", ":")))
open(sys.argv[2], "w").write("%d\n" % total)
EOF
  "$REPORT" --html "$DIR/ends.jsonl" >"$DIR/ends.html"
  "$REPORT" --html "$DIR/a.jsonl" >"$DIR/plain.html"
  card() { sed -n "s|.*<div class=\"v\" id=\"$1\">\\([0-9]*\\)</div>.*|\\1|p" "$2"; }
  e2e_check_eq "job.end: not counted as jobs" "$(card total-jobs "$DIR/plain.html")" "$(card total-jobs "$DIR/ends.html")"
  e2e_check_eq "job.end: pages counted where a job.end was read, else declared" "$(cat "$DIR/ends.pages")" "$(card total-pages "$DIR/ends.html")"
  e2e_check_eq "job.end: completed" 1 "$(card total-completed "$DIR/ends.html")"
  e2e_check_eq "job.end: canceled" 1 "$(card total-canceled "$DIR/ends.html")"
  e2e_check_eq "job.end: aborted" 2 "$(card total-aborted "$DIR/ends.html")"
  if grep -q 'from 5 <code>job.end</code> records, some with another state' "$DIR/ends.html"; then
    e2e_pass "job.end: an unknown state is said, not counted as an outcome"
  else
    e2e_fail "job.end: an unknown state is said, not counted as an outcome"
  fi
  e2e_check_eq "no job.end: no outcome counts" "" "$(card total-canceled "$DIR/plain.html")"

  # Records in the ECS form (JsonFormat ecs): the same page.
  html_records ecs
  if grep -q '"ecs":{"version"' "$DIR/a.jsonl"; then e2e_pass "ECS records made"; else e2e_fail "ECS records made"; fi
  "$REPORT" --html "$DIR/a.jsonl" >"$DIR/ecs.html"
  if diff <(grep -v '^<header>' "$DIR/plain.html" | sed 's/Generated [0-9TZ:-]*//') \
          <(grep -v '^<header>' "$DIR/ecs.html" | sed 's/Generated [0-9TZ:-]*//') >"$DIR/ecs.diff"; then
    e2e_pass "ECS records: the same page"
  else
    e2e_fail "ECS records: the same page" "$(head -n 20 "$DIR/ecs.diff")"
  fi

  # Memory: flat with the input's size (records are counted, never held).
  local small big asan=${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0:thread_local_quarantine_size_kb=0
  "$PY" "$HERE/gen-records.py" 1500 >"$DIR/small.jsonl"
  "$PY" "$HERE/gen-records.py" 30000 >"$DIR/big.jsonl"
  rss() {
    ASAN_OPTIONS=$asan "$PY" -c '
import os, sys
out = os.open(os.devnull, os.O_WRONLY)
pid = os.posix_spawn(sys.argv[1], sys.argv[1:], os.environ,
                     file_actions=[(os.POSIX_SPAWN_DUP2, out, 1)])
_, status, usage = os.wait4(pid, 0)
if status:
    sys.exit("exit status %d" % status)
print(usage.ru_maxrss)' "$REPORT" --html "$1"
  }
  small=$(rss "$DIR/small.jsonl")
  big=$(rss "$DIR/big.jsonl")
  if (( big - small < 8192 )); then
    e2e_pass "memory flat with --html: ${small} KiB for 1500 records, ${big} KiB for 30000"
  else
    e2e_fail "memory flat with --html" "${small} KiB for 1500 records, ${big} KiB for 30000"
  fi
  "$REPORT" --html "$DIR/big.jsonl" >"$DIR/big.html"
  e2e_check_eq "30000 records: total jobs" 30000 "$(card total-jobs "$DIR/big.html")"
  e2e_check_eq "30000 records: the latest 100 jobs listed" 100 \
    "$(sed -n '/id="t-jobs"/,/<\/table>/p' "$DIR/big.html" | grep -c '^<tr><td>')"
}


# --- Main ------------------------------------------------------------------

case "${1:-}" in
  page|nojs|hostile|canary|cli)
    "test_$1"
    ;;
  *)
    echo "Usage: $0 page|nojs|hostile|canary|cli" >&2
    exit 2
    ;;
esac

e2e_note "$1: $E2E_FAILURES failure(s)"
e2e_done
