#!/bin/bash
#
# printaudit-report tests: run the real shim to make records, then the real
# command to read them.  Usage: report-test.sh TEST, TEST one of
#   table csv json summary filter usage malformed split input memory ecs
#   csvinject journal
#
# The records come from build-report/backend/printaudit itself, called as
# cupsd would call it (argv job-id user title copies options, DEVICE_URI,
# PRINTER) with PRINTAUDIT_CONF naming a private config (Syslog off,
# JsonLog in the test's directory) and CUPS_SERVERBIN a private directory
# whose backend/socket and backend/ipp exit 0.  Their "time" fields are
# then set to fixed instants (the text is otherwise untouched), so that
# tables, filters and summaries can be checked against values written
# here by hand.
#
# Environment (set by ctest):
#   REPORT_BIN             printaudit-report
#   PRINTAUDIT_BIN         the shim
#   REPORT_SPLIT_BIN       tests/report/split_parts.c
#   PRINTAUDIT_SOURCE_DIR  the source tree
#   REPORT_KEEP=1          keep the test's directory
#
# Output: "ok - ..." and "not ok - ..." lines; exit status 0 when all
# passed, 1 when a check failed.
#
# Copyright 2026 The printaudit authors.
# Licensed under the Apache License, Version 2.0.

# The test_* functions are called by name (test_$1), cleanup by trap.
# shellcheck disable=SC2317

set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SPLIT=${REPORT_SPLIT_BIN:?REPORT_SPLIT_BIN is not set}
E2E_NAME=report-test
# shellcheck source=lib-report.sh
. "$HERE/lib-report.sh"


# --- Reporting -------------------------------------------------------------

check_grep() {				# check_grep WHAT FIXED-STRING FILE
  if grep -qF -- "$2" "$3"; then
    e2e_pass "$1"
  else
    e2e_fail "$1" "no line with: $2" "in $3:" "$(head -n 10 "$3")"
  fi
}


# --- Tests -------------------------------------------------------------------

test_table() {
  make_records
  "$REPORT" "$DIR/a.jsonl" >"$DIR/out" 2>"$DIR/err"
  cat >"$DIR/expected" <<'EOF'
TIME                      USER          DOCUMENT                  PRINTER               ADDRESS                 APPLICATION     PAGES  COUNT     COPIES  COLOR       SIDES                 BILLING       OUTCOME    JOB
2026-11-20T09:00:00.000Z  alice         test                      lab                   127.0.0.1:9100          TextEdit            2  declared       2  monochrome  one-sided             -             -          1
2026-11-21T23:59:59.999Z  bob           Q3 "final", v2\nnotes     lab                   127.0.0.1:9100          Preview             3  declared       1  -           two-sided-long-edge   -             -          2
2026-11-22T00:00:00.000Z  carol         report.pdf                office                [::1]:8631              Preview            15  declared       3  color       -                     -             -          3
2026-11-22T12:30:00.500Z  alice         memo                      office                [::1]:8631              Microsoft Word      -  -              1  monochrome  -                     -             -          4
2026-11-23T08:15:00.000Z  dave          Bericht über Ä            lab                   127.0.0.1:9100          Numbers            40  declared       4  -           two-sided-short-edge  -             -          5
2026-11-23T23:00:00.000Z  bob           slides                    lab                   127.0.0.1:9100          Preview             4  declared       2  -           -                     -             -          6
EOF
  e2e_check_same_file "table of six records" "$DIR/expected" "$DIR/out"
  e2e_check_eq "table: nothing on stderr" "" "$(cat "$DIR/err")"

  # A long value is cut to its column and marked; escapes count as shown.
  "$PY" - "$DIR/a.jsonl" >"$DIR/long.jsonl" <<'EOF'
import json, sys
line = open(sys.argv[1], encoding="utf-8").readline()
r = json.loads(line)
r["job"]["document_name"] = "A" * 30
r["job"]["user"] = "\u00e9" * 13
print(json.dumps(r, separators=(",", ":"), ensure_ascii=False))
EOF
  "$REPORT" "$DIR/long.jsonl" | sed -n 2p >"$DIR/out"
  e2e_check_eq "table: long cells cut with ~" \
    "2026-11-20T09:00:00.000Z  ééééééééééé~  AAAAAAAAAAAAAAAAAAAAAAA~  lab                   127.0.0.1:9100          TextEdit            2  declared       2  monochrome  one-sided             -             -          1" \
    "$(cat "$DIR/out")"
}

test_csv() {
  make_records
  "$REPORT" --csv "$DIR/a.jsonl" >"$DIR/out.csv" 2>"$DIR/err"
  e2e_check_eq "csv: nothing on stderr" "" "$(cat "$DIR/err")"
  e2e_check_eq "csv: header" \
    "time,user,document,printer,printer_address,application,pages,pages_source,copies,color,sides,billing,outcome,job_id" \
    "$(head -n 1 "$DIR/out.csv" | tr -d '\r')"

  # Parse the CSV back and compare every field with the records, computed
  # independently here from the JSON.
  if "$PY" - "$DIR/a.jsonl" "$DIR/out.csv" >"$DIR/csv.log" 2>&1 <<'EOF'
import csv, json, sys

def cell(v):
    s = "" if v is None else str(v)
    return "'" + s if s[:1] in ("=", "+", "-", "@", "\t", "\r") else s

def address(p):
    host, port = p["host"], p["port"]
    if host is None:
        return ""
    if ":" in host:
        host = "[%s]" % host
    return host if port is None else "%s:%d" % (host, port)

expected = [["time", "user", "document", "printer", "printer_address",
             "application", "pages", "pages_source", "copies", "color", "sides",
             "billing", "outcome", "job_id"]]
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    j, p = r["job"], r["printer"]
    doc = j["document_name"] if j["document_name"] is not None else j["title"]
    # No job.end here: pages are declared, impressions x copies.
    known = j["impressions"] is not None and j["copies"] is not None
    expected.append([r["time"], cell(j["user"]), cell(doc), cell(p["name"]),
                     address(p), cell(j["application"]),
                     cell(j["impressions"] * j["copies"] if known else None),
                     "declared" if known else "", cell(j["copies"]), cell(j["color"]),
                     cell(j["sides"]), cell(j.get("billing")), "", cell(j["id"])])

raw = open(sys.argv[2], "rb").read()
assert raw.endswith(b"\r\n"), "rows must end with CRLF"
rows = list(csv.reader(open(sys.argv[2], encoding="utf-8", newline="")))
assert len(rows) == len(expected), "%d rows, expected %d" % (len(rows), len(expected))
for n, (got, want) in enumerate(zip(rows, expected)):
    assert len(got) == 14, "row %d: %d fields" % (n, len(got))
    for k, (g, w) in enumerate(zip(got, want)):
        assert g == w, "row %d field %s: %r, expected %r" % (n, expected[0][k], g, w)
assert rows[2][2] == 'Q3 "final", v2\nnotes', rows[2][2]
print("%d rows x 14 fields equal" % len(rows))
EOF
  then
    e2e_pass "csv: parsed back field by field ($(cat "$DIR/csv.log"))"
  else
    e2e_fail "csv: parsed back field by field" "$(cat "$DIR/csv.log")"
  fi

  check_grep "csv: quotes doubled, comma and newline quoted" \
    '2026-11-21T23:59:59.999Z,bob,"Q3 ""final"", v2' "$DIR/out.csv"
}

test_json() {
  make_records
  "$REPORT" --json "$DIR/a.jsonl" >"$DIR/out" 2>"$DIR/err"
  e2e_check_same_file "json: every record, byte for byte" "$DIR/a.jsonl" "$DIR/out"

  "$REPORT" --json --user bob "$DIR/a.jsonl" >"$DIR/out"
  sed -n '2p;6p' "$DIR/a.jsonl" >"$DIR/expected"
  e2e_check_same_file "json: the records kept by a filter, byte for byte" "$DIR/expected" "$DIR/out"

  if "$PY" - "$SRC/schema/printaudit-record.schema.json" "$DIR/out" >"$DIR/schema.log" 2>&1 <<'EOF'
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
v = jsonschema.Draft202012Validator(schema)
n = 0
for line in open(sys.argv[2], encoding="utf-8"):
    rec = json.loads(line)
    v.validate(rec)
    assert "options" in rec
    n += 1
assert n == 2
EOF
  then
    e2e_pass "json: output valid against the record schema"
  else
    e2e_fail "json: output valid against the record schema" "$(cat "$DIR/schema.log")"
  fi
}

test_summary() {
  make_records

  "$REPORT" --summary user --csv "$DIR/a.jsonl" | tr -d '\r' >"$DIR/out"
  cat >"$DIR/expected" <<'EOF'
user,jobs,pages,unknown_pages,first,last
dave,1,40,0,2026-11-23T08:15:00.000Z,2026-11-23T08:15:00.000Z
carol,1,15,0,2026-11-22T00:00:00.000Z,2026-11-22T00:00:00.000Z
bob,2,7,0,2026-11-21T23:59:59.999Z,2026-11-23T23:00:00.000Z
alice,2,2,1,2026-11-20T09:00:00.000Z,2026-11-22T12:30:00.500Z
EOF
  e2e_check_same_file "summary by user (CSV)" "$DIR/expected" "$DIR/out"

  "$REPORT" --summary printer --csv "$DIR/a.jsonl" | tr -d '\r' >"$DIR/out"
  cat >"$DIR/expected" <<'EOF'
printer,jobs,pages,unknown_pages,first,last
lab,4,49,0,2026-11-20T09:00:00.000Z,2026-11-23T23:00:00.000Z
office,2,15,1,2026-11-22T00:00:00.000Z,2026-11-22T12:30:00.500Z
EOF
  e2e_check_same_file "summary by printer (CSV)" "$DIR/expected" "$DIR/out"

  "$REPORT" --summary application --csv "$DIR/a.jsonl" | tr -d '\r' >"$DIR/out"
  cat >"$DIR/expected" <<'EOF'
application,jobs,pages,unknown_pages,first,last
Numbers,1,40,0,2026-11-23T08:15:00.000Z,2026-11-23T08:15:00.000Z
Preview,3,22,0,2026-11-21T23:59:59.999Z,2026-11-23T23:00:00.000Z
TextEdit,1,2,0,2026-11-20T09:00:00.000Z,2026-11-20T09:00:00.000Z
Microsoft Word,1,0,1,2026-11-22T12:30:00.500Z,2026-11-22T12:30:00.500Z
EOF
  e2e_check_same_file "summary by application (CSV)" "$DIR/expected" "$DIR/out"

  "$REPORT" --summary day "$DIR/a.jsonl" >"$DIR/out"
  cat >"$DIR/expected" <<'EOF'
DAY         JOBS  PAGES  UNKNOWN_PAGES  FIRST                     LAST
2026-11-23     2     44              0  2026-11-23T08:15:00.000Z  2026-11-23T23:00:00.000Z
2026-11-22     2     15              1  2026-11-22T00:00:00.000Z  2026-11-22T12:30:00.500Z
2026-11-21     1      3              0  2026-11-21T23:59:59.999Z  2026-11-21T23:59:59.999Z
2026-11-20     1      2              0  2026-11-20T09:00:00.000Z  2026-11-20T09:00:00.000Z
EOF
  e2e_check_same_file "summary by day (table)" "$DIR/expected" "$DIR/out"

  "$REPORT" --summary user --json --printer lab "$DIR/a.jsonl" >"$DIR/out"
  cat >"$DIR/expected" <<'EOF'
{"user":"dave","jobs":1,"pages":40,"unknown_pages":0,"first":"2026-11-23T08:15:00.000Z","last":"2026-11-23T08:15:00.000Z"}
{"user":"bob","jobs":2,"pages":7,"unknown_pages":0,"first":"2026-11-21T23:59:59.999Z","last":"2026-11-23T23:00:00.000Z"}
{"user":"alice","jobs":1,"pages":2,"unknown_pages":0,"first":"2026-11-20T09:00:00.000Z","last":"2026-11-20T09:00:00.000Z"}
EOF
  e2e_check_same_file "summary by user of one printer (JSON Lines)" "$DIR/expected" "$DIR/out"
}

ids() {					# ids ARGS...: job ids that --json gives
  "$REPORT" --json "$@" "$DIR/a.jsonl" |
    "$PY" -c 'import json,sys; print(" ".join(str(json.loads(l)["job"]["id"]) for l in sys.stdin))'
}

test_filter() {
  make_records
  e2e_check_eq "no filter" "1 2 3 4 5 6" "$(ids)"
  e2e_check_eq "--since a date is that day's start" "3 4 5 6" "$(ids --since 2026-11-22)"
  e2e_check_eq "--until a date is through its end" "1 2 3 4" "$(ids --until 2026-11-22)"
  e2e_check_eq "--since and --until the same date" "3 4" "$(ids --since 2026-11-22 --until 2026-11-22)"
  e2e_check_eq "--since an instant is inclusive" "2 3 4 5 6" "$(ids --since 2026-11-21T23:59:59.999Z)"
  e2e_check_eq "--since just after" "3 4 5 6" "$(ids --since 2026-11-21T23:59:59.9991Z)"
  e2e_check_eq "--until an instant is inclusive" "1 2 3 4" "$(ids --until 2026-11-22T12:30:00.500Z)"
  e2e_check_eq "--until with an offset" "1 2 3" "$(ids --until 2026-11-22T13:30:00.499+01:00)"
  e2e_check_eq "--user" "1 4" "$(ids --user alice)"
  e2e_check_eq "--user is exact" "" "$(ids --user Alice)"
  e2e_check_eq "--printer" "3 4" "$(ids --printer office)"
  e2e_check_eq "--application" "2 3 6" "$(ids --application Preview)"
  e2e_check_eq "--application with a space" "4" "$(ids --application 'Microsoft Word')"
  e2e_check_eq "filters combine" "6" "$(ids --user bob --printer lab --since 2026-11-23)"
  e2e_check_eq "--option=value form" "5" "$(ids --user=dave)"
  "$REPORT" --csv --printer nowhere "$DIR/a.jsonl" >"$DIR/out"
  e2e_check_eq "no match: the CSV header only" 1 "$(wc -l <"$DIR/out")"
}

test_usage() {
  local status
  make_records

  usage_case() {			# usage_case WHAT MESSAGE ARGS...
    local what=$1 message=$2
    shift 2
    status=0
    "$REPORT" "$@" >"$DIR/out" 2>"$DIR/err" || status=$?
    if [[ $status -eq 1 && ! -s "$DIR/out" ]] && grep -qF -- "printaudit-report: $message" "$DIR/err"; then
      e2e_pass "usage error: $what"
    else
      e2e_fail "usage error: $what" "exit $status" "$(cat "$DIR/err")"
    fi
  }
  usage_case "unknown option" "unknown option '--frobnicate'" --frobnicate "$DIR/a.jsonl"
  usage_case "missing value" "--user needs a value" "$DIR/a.jsonl" --user
  usage_case "bad --since" "--since 'yesterday': not an RFC 3339" --since yesterday "$DIR/a.jsonl"
  usage_case "bad --until date" "--until '2026-02-30'" --until 2026-02-30 "$DIR/a.jsonl"
  usage_case "bad --summary" "--summary 'host'" --summary host "$DIR/a.jsonl"
  usage_case "--csv with --json" "--csv and --json exclude each other" --csv --json "$DIR/a.jsonl"
  usage_case "a filter twice" "--user given twice" --user a --user b "$DIR/a.jsonl"

  status=0
  "$REPORT" --help >"$DIR/out" 2>"$DIR/err" || status=$?
  if [[ $status -eq 0 ]] && grep -q '^Usage: printaudit-report' "$DIR/out" &&
     grep -q -- '--summary BY' "$DIR/out" && [[ ! -s "$DIR/err" ]]; then
    e2e_pass "--help on stdout, exit 0"
  else
    e2e_fail "--help on stdout, exit 0" "exit $status"
  fi

  status=0
  "$REPORT" --json "$DIR/missing.jsonl" "$DIR/a.jsonl" >"$DIR/out" 2>"$DIR/err" || status=$?
  e2e_check_eq "unreadable file: exit 1" 1 "$status"
  check_grep "unreadable file: named on stderr" \
    "printaudit-report: $DIR/missing.jsonl: No such file or directory" "$DIR/err"
  e2e_check_same_file "unreadable file: the other files still read" "$DIR/a.jsonl" "$DIR/out"

  status=0
  "$REPORT" "$DIR" >"$DIR/out" 2>"$DIR/err" || status=$?
  e2e_check_eq "a directory: exit 1" 1 "$status"
  check_grep "a directory: named on stderr" "printaudit-report: $DIR: Is a directory" "$DIR/err"

  status=0
  "$REPORT" --json /dev/null >"$DIR/out" 2>"$DIR/err" || status=$?
  e2e_check_eq "empty input: exit 0, no output" "0:" "$status:$(cat "$DIR/out" "$DIR/err")"
}

test_malformed() {
  local status=0
  make_records

  # Line numbers:  1 record, 2 garbage, 3 record, 4 truncated JSON, 5 blank,
  # 6 unknown schema, 7 record, 8 not a record, 9 bad time,
  # 10 over 16 MiB, 11 record, 12 invalid UTF-8, 13 record without newline
  {
    sed -n 1p "$DIR/a.jsonl"
    echo 'Dec  1 21:18:03 printsrv1 kernel: usb 1-1: new device'
    sed -n 2p "$DIR/a.jsonl"
    sed -n 3p "$DIR/a.jsonl" | head -c 200; echo
    echo
    sed -n 4p "$DIR/a.jsonl" | sed 's|"printaudit/1"|"printaudit/9"|'
    sed -n 4p "$DIR/a.jsonl"
    echo '{"hello":"world"}'
    sed -n 5p "$DIR/a.jsonl" | sed 's|"time":"[^"]*"|"time":"yesterday"|'
    "$PY" -c 'import sys; sys.stdout.write("{\"schema\":\"printaudit/1\",\"x\":\"" + "x" * (17 << 20) + "\"}\n")'
    sed -n 5p "$DIR/a.jsonl"
    printf '{"schema":"printaudit/1","bad":"\xff"}\n'
    sed -n 6p "$DIR/a.jsonl" | tr -d '\n'
  } >"$DIR/mixed.jsonl"

  "$REPORT" --json "$DIR/mixed.jsonl" >"$DIR/out" 2>"$DIR/err" || status=$?
  e2e_check_eq "malformed lines are not fatal: exit 0" 0 "$status"
  sed -n '1,2p;4,6p' "$DIR/a.jsonl" >"$DIR/expected"
  e2e_check_same_file "malformed lines: the good records all come through" "$DIR/expected" "$DIR/out"

  local f=$DIR/mixed.jsonl
  check_grep "line 2: no JSON" "printaudit-report: $f:2: no JSON object on the line" "$DIR/err"
  check_grep "line 4: bad JSON" "printaudit-report: $f:4: not JSON:" "$DIR/err"
  check_grep "line 6: unknown schema" "printaudit-report: $f:6: unknown schema \"printaudit/9\"" "$DIR/err"
  check_grep "line 8: not a record" "printaudit-report: $f:8: not a printaudit record" "$DIR/err"
  check_grep "line 9: bad time" "printaudit-report: $f:9: record without a valid \"time\"" "$DIR/err"
  check_grep "line 10: too long" "printaudit-report: $f:10: line longer than 16777216 bytes" "$DIR/err"
  check_grep "line 12: invalid UTF-8" "printaudit-report: $f:12: not JSON:" "$DIR/err"
  e2e_check_eq "every skipped line counted, last" "printaudit-report: 7 lines skipped" "$(tail -n 1 "$DIR/err")"
  e2e_check_eq "one message per bad line, and the count" 8 "$(wc -l <"$DIR/err")"
  e2e_check_eq "the blank line is not a problem" "" "$(grep -F ":5:" "$DIR/err" || true)"

  # jansson quotes the bad token: it must not reach the terminal raw.
  printf '{"schema":"printaudit/1", \033[31m}\n' >"$DIR/escape.jsonl"
  "$REPORT" --csv "$DIR/escape.jsonl" >"$DIR/out" 2>"$DIR/err" || status=$?
  check_grep "control characters in messages are escaped" "near '\\x1b'" "$DIR/err"
  e2e_check_eq "no raw control character on stderr" 0 "$(tr -d '\n' <"$DIR/err" | tr -cd '\000-\037' | wc -c)"

  printf 'junk\n' | "$REPORT" --csv >"$DIR/out" 2>"$DIR/err" || status=$?
  check_grep "standard input is named" "printaudit-report: (standard input):1: no JSON object" "$DIR/err"
  check_grep "one line: singular" "printaudit-report: 1 line skipped" "$DIR/err"
}

test_split() {
  make_records

  # A record whose core alone is over 900 bytes: sent as record slices.
  local long
  long=$(head -c 3000 /dev/zero | tr '\0' 'L')
  shim lab socket://127.0.0.1:9100 7 erin "$long" 1 'job-impressions=1'
  # A short record: sent whole.
  shim lab socket://127.0.0.1:9100 8 frank x 1 ''
  # An option over 4096 bytes: cut, and "truncated" follows "options".
  shim lab socket://127.0.0.1:9100 9 gina y 1 "job-impressions=2 longval=$(head -c 5000 /dev/zero | tr '\0' 'v')"
  cp "$DIR/raw.jsonl" "$DIR/all.jsonl"
  e2e_check_eq "9 records from the shim" 9 "$(wc -l <"$DIR/all.jsonl")"
  check_grep "a record with \"truncated\" after \"options\"" '"},"truncated":["options.longval"]}' "$DIR/all.jsonl"

  "$SPLIT" -m 900 -p 'Nov 22 21:45:00 printsrv1 printaudit[4242]: ' "$DIR/all.jsonl" >"$DIR/syslog"
  "$PY" - "$DIR/syslog" >"$DIR/split.log" 2>&1 <<'EOF' || e2e_fail "split parts as the contract says" "$(cat "$DIR/split.log")"
import json, sys
modes = set()
for line in open(sys.argv[1], encoding="utf-8"):
    msg = line[line.index("{"):]
    assert len(msg.rstrip("\n").encode()) <= 900, "part over 900 bytes"
    m = json.loads(msg)
    if "options_slice" in m: modes.add("options")
    if "record_slice" in m: modes.add("record")
assert modes == {"options", "record"}, modes
EOF
  local messages
  messages=$(wc -l <"$DIR/syslog")
  if (( messages > 18 )); then
    e2e_pass "9 records split into $messages messages"
  else
    e2e_fail "9 records split into more than 18 messages" "$messages"
  fi

  "$REPORT" --json "$DIR/syslog" >"$DIR/out" 2>"$DIR/err"
  e2e_check_same_file "split parts with a syslog prefix join to the identical records" "$DIR/all.jsonl" "$DIR/out"
  e2e_check_eq "split: nothing on stderr" "" "$(cat "$DIR/err")"

  # Interleaved and reordered: the parts of record k go out in reverse, and
  # records are shuffled into each other.
  "$PY" - "$DIR/syslog" >"$DIR/shuffled" <<'EOF'
import json, random, sys
groups = {}
for line in open(sys.argv[1], encoding="utf-8"):
    m = json.loads(line[line.index("{"):])
    groups.setdefault(m["event"]["id"], []).append(line)
queues = [list(reversed(g)) if i % 2 else g for i, g in enumerate(groups.values())]
rng = random.Random(7)
out = []
while queues:
    q = rng.choice(queues)
    out.append(q.pop(0))
    if not q:
        queues.remove(q)
sys.stdout.write("".join(out))
EOF
  "$REPORT" --json "$DIR/shuffled" | sort >"$DIR/out"
  sort "$DIR/all.jsonl" >"$DIR/expected"
  e2e_check_same_file "interleaved, reordered parts join to the identical records" "$DIR/expected" "$DIR/out"

  "$SPLIT" -m 900 -n "$DIR/all.jsonl" >"$DIR/ndjson"
  printf '{"count":%d,"finished":1}\n' "$(wc -l <"$DIR/ndjson")" >>"$DIR/ndjson"
  "$REPORT" --json "$DIR/ndjson" >"$DIR/out" 2>"$DIR/err"
  e2e_check_same_file "macOS NDJSON (eventMessage) parts join to the identical records" "$DIR/all.jsonl" "$DIR/out"
  e2e_check_eq "macOS NDJSON: the closing count line is no problem" "" "$(cat "$DIR/err")"

  "$REPORT" --csv "$DIR/syslog" >"$DIR/out1"
  "$REPORT" --csv "$DIR/all.jsonl" >"$DIR/out2"
  e2e_check_same_file "split input: the same CSV as the JSON Lines file" "$DIR/out2" "$DIR/out1"

  # A lost part: reported once at the end of input with where it began.
  local status=0 id lost
  id=$(sed -n 1p "$DIR/all.jsonl" | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["event"]["id"])')
  lost=$(grep -n "\"id\":\"$id\",\"part\":2," "$DIR/syslog" | cut -d: -f1)
  sed "${lost}d" "$DIR/syslog" >"$DIR/lossy"
  "$REPORT" --json "$DIR/lossy" >"$DIR/out" 2>"$DIR/err" || status=$?
  e2e_check_eq "a lost part: exit 0" 0 "$status"
  sed 1d "$DIR/all.jsonl" >"$DIR/expected"
  e2e_check_same_file "a lost part: the other records come through" "$DIR/expected" "$DIR/out"
  check_grep "a lost part: the record is reported with its first line" \
    "printaudit-report: $DIR/lossy:1: split record of event $id incomplete: " "$DIR/err"
  e2e_check_eq "a lost part: counted" "printaudit-report: 1 split record incomplete" "$(tail -n 1 "$DIR/err")"

  # A part twice (the same log read twice): reported as a skipped line.
  status=0
  sed -n "1,${lost}p" "$DIR/syslog" >"$DIR/dup"
  sed -n "${lost}p" "$DIR/syslog" >>"$DIR/dup"
  "$REPORT" --json "$DIR/dup" >"$DIR/out" 2>"$DIR/err" || status=$?
  check_grep "a part twice: reported" ":$((lost + 1)): part 2 of event $id seen twice" "$DIR/err"
  check_grep "a part twice: counted" "printaudit-report: 1 line skipped" "$DIR/err"
}

test_input() {
  make_records
  "$REPORT" --csv "$DIR/a.jsonl" >"$DIR/expected"

  "$REPORT" --csv <"$DIR/a.jsonl" >"$DIR/out"
  e2e_check_same_file "standard input without arguments" "$DIR/expected" "$DIR/out"
  "$PY" -c 'import sys; sys.stdout.write(open(sys.argv[1]).read())' "$DIR/a.jsonl" |
    "$REPORT" --csv - >"$DIR/out"
  e2e_check_same_file "standard input (a pipe) as -" "$DIR/expected" "$DIR/out"

  # journalctl -o cat prints the message alone: the same as the file.
  # rsyslog's and syslog-ng's files carry a prefix before the JSON.
  sed 's/^/2026-11-22T21:45:00.123456+00:00 printsrv1 printaudit[77]: /' "$DIR/a.jsonl" >"$DIR/rsyslog"
  "$REPORT" --csv "$DIR/rsyslog" >"$DIR/out"
  e2e_check_same_file "syslog lines with an RFC 3339 prefix" "$DIR/expected" "$DIR/out"
  sed 's/^/Nov 22 21:45:00 printsrv1 printaudit[77]: /' "$DIR/a.jsonl" >"$DIR/bsd"
  "$REPORT" --csv "$DIR/bsd" >"$DIR/out"
  e2e_check_same_file "syslog lines with a BSD prefix" "$DIR/expected" "$DIR/out"

  sed 's/$/\r/' "$DIR/a.jsonl" >"$DIR/crlf"
  "$REPORT" --json "$DIR/crlf" >"$DIR/out"
  e2e_check_same_file "CRLF line ends" "$DIR/a.jsonl" "$DIR/out"

  # Several files in order; the header once.
  head -n 3 "$DIR/a.jsonl" >"$DIR/part1"
  tail -n 3 "$DIR/a.jsonl" >"$DIR/part2"
  "$REPORT" --csv "$DIR/part1" "$DIR/part2" >"$DIR/out"
  e2e_check_same_file "several files" "$DIR/expected" "$DIR/out"
}

rss_of() {				# rss_of ARGS...: peak RSS in KiB
  # A child's peak counts its launcher's too (exec keeps the high-water
  # mark): /usr/bin/time adds ~2 MB, python3's wait4() where there is no
  # /usr/bin/time ~8 MB.  In a sanitizer build, AddressSanitizer's
  # quarantine would hold 256 MB of freed memory on purpose: measure the
  # program, not the quarantine.
  local asan=${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0:thread_local_quarantine_size_kb=0
  if [[ -x /usr/bin/time ]]; then
    ASAN_OPTIONS=$asan /usr/bin/time -f '%M' -o "$DIR/time" "$REPORT" "$@" >/dev/null 2>"$DIR/err"
    tail -n 1 "$DIR/time"
  else
    ASAN_OPTIONS=$asan "$PY" -c '
import os, sys
out = os.open(os.devnull, os.O_WRONLY)
pid = os.posix_spawn(sys.argv[1], sys.argv[1:], os.environ,
                     file_actions=[(os.POSIX_SPAWN_DUP2, out, 1)])
_, status, usage = os.wait4(pid, 0)
if status:
    sys.exit("exit status %d" % status)
print(usage.ru_maxrss)' "$REPORT" "$@" 2>"$DIR/err"
  fi
}

test_memory() {
  local small big mode
  "$PY" "$HERE/gen-records.py" 1500 >"$DIR/small.jsonl"
  "$PY" "$HERE/gen-records.py" 30000 >"$DIR/big.jsonl"
  "$SPLIT" -m 900 "$DIR/small.jsonl" >"$DIR/small.syslog"
  "$SPLIT" -m 900 "$DIR/big.jsonl" >"$DIR/big.syslog"
  e2e_check_eq "30000 records in the big input" 30000 "$(wc -l <"$DIR/big.jsonl")"

  # 20 times the input (about 36 MB) may not cost more than 8 MB: records
  # are streamed, never held.
  for mode in --csv --json "--summary user" "--summary day"; do
    # shellcheck disable=SC2086
    small=$(rss_of $mode "$DIR/small.jsonl")
    # shellcheck disable=SC2086
    big=$(rss_of $mode "$DIR/big.jsonl")
    if (( big - small < 8192 )); then
      e2e_pass "memory flat with $mode: ${small} KiB for 1500 records, ${big} KiB for 30000"
    else
      e2e_fail "memory flat with $mode" "${small} KiB for 1500 records, ${big} KiB for 30000"
    fi
  done
  small=$(rss_of --csv "$DIR/small.syslog")
  big=$(rss_of --csv "$DIR/big.syslog")
  if (( big - small < 8192 )); then
    e2e_pass "memory flat on split syslog parts: ${small} KiB, then ${big} KiB"
  else
    e2e_fail "memory flat on split syslog parts" "${small} KiB, then ${big} KiB"
  fi
}


test_ecs() {
  # Records written with JsonFormat ecs give the same report, whole or split.
  make_records
  "$REPORT" "$DIR/a.jsonl" >"$DIR/printaudit.table" 2>"$DIR/err"
  "$REPORT" --csv "$DIR/a.jsonl" >"$DIR/printaudit.csv" 2>>"$DIR/err"
  make_records ecs
  check_grep "the records are in the ECS form" '"ecs":{"version"' "$DIR/a.jsonl"
  "$REPORT" "$DIR/a.jsonl" >"$DIR/ecs.table" 2>>"$DIR/err"
  "$REPORT" --csv "$DIR/a.jsonl" >"$DIR/ecs.csv" 2>>"$DIR/err"
  e2e_check_same_file "ECS records: the same table" "$DIR/printaudit.table" "$DIR/ecs.table"
  e2e_check_same_file "ECS records: the same CSV" "$DIR/printaudit.csv" "$DIR/ecs.csv"

  "$SPLIT" -m 900 -p 'Nov 22 21:45:00 printsrv1 printaudit[4242]: ' "$DIR/a.jsonl" >"$DIR/syslog"
  e2e_check_eq "ECS records were split" 1 "$(grep -c '"part":2' "$DIR/syslog" | awk '{print ($1 > 0)}')"
  "$REPORT" --json "$DIR/syslog" >"$DIR/joined" 2>>"$DIR/err"
  e2e_check_same_file "split ECS records join back to the JsonLog lines" "$DIR/a.jsonl" "$DIR/joined"
  e2e_check_eq "no complaints" "" "$(cat "$DIR/err")"
}


test_csvinject() {
  # User names and titles come from remote clients: no CSV cell may start
  # with = + - @ TAB or CR (a spreadsheet formula); such a cell gets a
  # leading "'" and is otherwise whole.
  make_records
  shim '=lab' socket://127.0.0.1:9100 7 "=cmd|' /C calc'!A0" '=HYPERLINK("http://evil/","click")' 1 'job-impressions=1'
  shim lab socket://127.0.0.1:9100 8 '-2+3' $'\tTabbed' 1 'job-impressions=1'
  shim lab socket://127.0.0.1:9100 9 '@SUM(1+1)' $'\rCR' 1 \
    'job-impressions=1 com.apple.print.JobInfo.PMApplicationName=+App'
  tail -n 3 "$DIR/raw.jsonl" >>"$DIR/a.jsonl"

  {
    "$REPORT" --csv "$DIR/a.jsonl" >"$DIR/out.csv"
    "$REPORT" --summary user --csv "$DIR/a.jsonl" >"$DIR/user.csv"
    "$REPORT" --summary printer --csv "$DIR/a.jsonl" >"$DIR/printer.csv"
    "$REPORT" --summary application --csv "$DIR/a.jsonl" >"$DIR/app.csv"
  } 2>"$DIR/err"
  e2e_check_eq "csv injection: nothing on stderr" "" "$(cat "$DIR/err")"
  if "$PY" - "$DIR/out.csv" "$DIR/user.csv" "$DIR/printer.csv" "$DIR/app.csv" >"$DIR/csv.log" 2>&1 <<'EOF'
import csv, sys
hostile = {"=cmd|' /C calc'!A0", '=HYPERLINK("http://evil/","click")', "-2+3", "\tTabbed",
           "@SUM(1+1)", "\rCR", "=lab", "+App"}
seen = set()
for path in sys.argv[1:]:
    for n, row in enumerate(csv.reader(open(path, encoding="utf-8", newline=""))):
        for cell in row:
            assert not cell[:1] or cell[0] not in "=+-@\t\r", "%s row %d: %r" % (path, n, cell)
            if cell.startswith("'") and cell[1:] in hostile:
                seen.add(cell[1:])
assert seen == hostile, "not found with a leading quote: %r" % (hostile - seen)
print("%d hostile values neutralized in 4 CSV outputs" % len(seen))
EOF
  then
    e2e_pass "csv injection: $(cat "$DIR/csv.log")"
  else
    e2e_fail "csv injection" "$(cat "$DIR/csv.log")"
  fi
  check_grep "csv injection: quoted and prefixed" \
    "\"'=HYPERLINK(\"\"http://evil/\"\",\"\"click\"\")\"" "$DIR/out.csv"
  "$REPORT" --json "$DIR/a.jsonl" >"$DIR/out.json"
  check_grep "csv injection: JSON Lines carry the value unchanged" \
    '"user":"=cmd|'"'"' /C calc'"'"'!A0"' "$DIR/out.json"
}


test_journal() {
  # journalctl -o json: MESSAGE is the record (a string, or bytes), _UID is
  # who sent it, as journald saw it.  Records from uids that are not
  # trusted (default: 0 and lp) are reported and dropped, split parts too.
  make_records
  "$SPLIT" -m 900 "$DIR/a.jsonl" >"$DIR/messages"
  e2e_check_eq "some records are split" 1 "$(grep -c '"part":2' "$DIR/messages" | awk '{print ($1 > 0)}')"
  local lp_uid
  lp_uid=$(id -u lp 2>/dev/null || echo 7)
  "$PY" - "$DIR/messages" "$DIR/journal.json" "$DIR/expected.jsonl" "$DIR/a.jsonl" "$lp_uid" <<'EOF'
import json, sys
messages, out, expected, records, lp_uid = sys.argv[1:6]
seq = [0]
def entry(message, uid, pid="4242", comm="printaudit"):
    seq[0] += 1
    usec = 1763847900000000 + seq[0] * 1000
    # The fields and order journalctl -o json prints for a syslog message.
    return json.dumps({
        "__CURSOR": "s=0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e;i=%x;b=9f8e7d6c5b4a39281706f5e4d3c2b1a0;"
                    "m=%x;t=%x;x=7c6b5a4938271605" % (seq[0], 47497648 + seq[0], usec),
        "__REALTIME_TIMESTAMP": str(usec), "__MONOTONIC_TIMESTAMP": str(47497648 + seq[0]),
        "_BOOT_ID": "9f8e7d6c5b4a39281706f5e4d3c2b1a0", "_MACHINE_ID": "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
        "_HOSTNAME": "printsrv1", "PRIORITY": "5", "SYSLOG_FACILITY": "6", "_UID": uid, "_GID": uid,
        "_TRANSPORT": "syslog", "SYSLOG_IDENTIFIER": "printaudit", "SYSLOG_PID": pid, "_PID": pid,
        "_COMM": comm, "SYSLOG_TIMESTAMP": "Nov 22 21:45:00 ",
        "_SOURCE_REALTIME_TIMESTAMP": str(usec - 7), "MESSAGE": message},
        separators=(",", ":"), ensure_ascii=False)
lines = []
msgs = open(messages, encoding="utf-8").read().splitlines()
forged_part = None
for n, m in enumerate(msgs):
    rec = json.loads(m)
    if rec["event"].get("part") == 2 and forged_part is None:
        # A forged part 2 of a real split record, sent first by uid 1000.
        fake = dict(rec)
        fake["options_slice"] = rec["options_slice"].replace("A4", "XX") if "options_slice" in rec else ""
        forged_part = fake
        lines.append(entry(json.dumps(fake, separators=(",", ":")), "1000", "31337", "logger"))
    if n == 0:
        # MESSAGE as journalctl prints a field that is not printable UTF-8.
        lines.append(entry(list(m.encode("utf-8")), "0"))
    else:
        lines.append(entry(m, "0"))
assert forged_part is not None
# A job.end record sent by the CUPS user (a notifier).
end = {"schema": "printaudit/1", "event": {"action": "job.end", "id": "e" * 32},
       "time": "2026-11-24T10:00:00.000Z", "host": {"name": "printsrv1"},
       "job": {"id": 3, "uuid": None, "state": "completed", "impressions_completed": 5,
               "media_sheets_completed": 15, "processing": None, "completed": None,
               "user": None, "title": None},
       "printer": {"name": "office"}}
end_text = json.dumps(end, separators=(",", ":"))
lines.append(entry(end_text, lp_uid, "5150", "printaudit"))
# A whole forged record (logger -t printaudit '{...}') from uid 1000.
forged = json.loads(open(records, encoding="utf-8").readline())
forged["job"]["user"] = "mallory-was-here"
forged["event"]["id"] = "f" * 32
lines.append(entry(json.dumps(forged, separators=(",", ":")), "1000", "31337", "logger"))
# An entry without _UID (not from journalctl -o json as such): dropped.
noid = json.loads(entry(end_text.replace("e" * 32, "d" * 32), "0"))
del noid["_UID"]
lines.append(json.dumps(noid, separators=(",", ":")))
# A MESSAGE over 4096 bytes, left out by journalctl without --all.
lines.append(entry(None, "0"))
open(out, "w", encoding="utf-8").write("\n".join(lines) + "\n")
with open(expected, "w", encoding="utf-8") as f:
    f.write(open(records, encoding="utf-8").read())
    f.write(end_text + "\n")
EOF
  check_grep "journal: a MESSAGE as an array of bytes" '"MESSAGE":[123,34,' "$DIR/journal.json"

  # The default: uid 0 and lp are trusted.
  "$REPORT" --json "$DIR/journal.json" >"$DIR/out" 2>"$DIR/err" || true
  e2e_check_same_file "journal: the trusted records, split ones joined, forged ones left out" \
    "$DIR/expected.jsonl" "$DIR/out"
  check_grep "journal: the forged record is reported" \
    "journal.json:$(grep -n mallory "$DIR/journal.json" | cut -d: -f1): record sent by uid 1000, not a trusted uid: dropped" "$DIR/err"
  check_grep "journal: the forged part is reported" \
    "split record part sent by uid 1000, not a trusted uid: dropped" "$DIR/err"
  check_grep "journal: an entry without _UID is reported" "journal entry without _UID: dropped" "$DIR/err"
  check_grep "journal: a MESSAGE left out asks for --all" "run journalctl with --all" "$DIR/err"
  check_grep "journal: the count" "printaudit-report: 3 journal entries from untrusted uids dropped" "$DIR/err"
  if grep -q mallory "$DIR/out"; then e2e_fail "journal: nothing of the forged record is listed"; else e2e_pass "journal: nothing of the forged record is listed"; fi

  # --html lists the dropped entries as stderr names them and counts them
  # with the other skipped lines: 3 untrusted entries and 1 MESSAGE left out.
  "$REPORT" --html "$DIR/journal.json" >"$DIR/journal.html" 2>/dev/null || true
  check_grep "journal --html: an entry without _UID is listed as such" \
    "journal entry without _UID: dropped" "$DIR/journal.html"
  check_grep "journal --html: the forged record is listed as on stderr" \
    "record sent by uid 1000, not a trusted uid: dropped" "$DIR/journal.html"
  check_grep "journal --html: the forged part is listed as on stderr" \
    "split record part sent by uid 1000, not a trusted uid: dropped" "$DIR/journal.html"
  check_grep "journal --html: the card counts every line the page lists" \
    '<div class="v" id="total-skipped">4</div>' "$DIR/journal.html"
  check_grep "journal --html: the list says so too" "<p>4 lines or split records could not be used" "$DIR/journal.html"
  if grep -q "uid -1" "$DIR/journal.html"; then
    e2e_fail "journal --html: no \"uid -1\"" "$(grep -o '.\{40\}uid -1.\{40\}' "$DIR/journal.html")"
  else
    e2e_pass "journal --html: no \"uid -1\""
  fi

  # --trusted-uid replaces the default: root only drops the notifier's record.
  "$REPORT" --json --trusted-uid 0 "$DIR/journal.json" >"$DIR/out" 2>"$DIR/err" || true
  e2e_check_same_file "journal: --trusted-uid 0 keeps the shim's records only" "$DIR/a.jsonl" "$DIR/out"
  check_grep "journal: --trusted-uid 0 drops lp's" "4 journal entries from untrusted uids dropped" "$DIR/err"
  "$REPORT" --json --trusted-uid root --trusted-uid 1000 "$DIR/journal.json" >"$DIR/out" 2>"$DIR/err" || true
  e2e_check_eq "journal: --trusted-uid 1000 lets uid 1000's record in" 1 "$(grep -c mallory "$DIR/out")"
  if "$REPORT" --trusted-uid nosuchuser-x "$DIR/journal.json" >/dev/null 2>"$DIR/err"; then
    e2e_fail "journal: unknown user refused"
  else
    check_grep "journal: unknown user refused" "--trusted-uid 'nosuchuser-x': no such user" "$DIR/err"
  fi

  # Why -o cat is not enough: the same entries as journalctl -o cat shows
  # them carry no sender, and the forged record is passed on like any
  # other (a table would take it for a retry of the job it copies).
  "$PY" - "$DIR/journal.json" >"$DIR/cat" <<'EOF'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    m = json.loads(line)["MESSAGE"]
    if m is not None:
        print(bytes(m).decode("utf-8") if isinstance(m, list) else m)
EOF
  "$REPORT" --json "$DIR/cat" >"$DIR/out" 2>"$DIR/err" || true
  e2e_check_eq "journal: -o cat cannot tell the forged record" 1 "$(grep -c mallory "$DIR/out")"
}


test_capped() {
  # SyslogMaxParts: a record cut to its first parts (part 1 says how many
  # were left out) is reported from part 1, with a warning, not skipped.
  make_records
  shim lab socket://127.0.0.1:9100 7 erin capped 1 \
    "job-impressions=4 $(for i in $(seq 1 400); do printf 'opt%d=value%d ' "$i" "$i"; done)"
  "$SPLIT" -m 900 -c 6 "$DIR/raw.jsonl" >"$DIR/syslog"
  check_grep "the long record was capped" '"parts_omitted":' "$DIR/syslog"
  "$REPORT" --csv "$DIR/syslog" >"$DIR/out" 2>"$DIR/err"
  check_grep "the capped record's row" ',erin,capped,' "$DIR/out"
  check_grep "a warning names the cap" 'syslog carried 6 of ' "$DIR/err"
  check_grep "a warning points to the JsonLog" 'the JsonLog has it whole' "$DIR/err"
  e2e_check_eq "one warning: only the long record was capped" 1 "$(wc -l <"$DIR/err")"
  "$REPORT" --csv "$DIR/raw.jsonl" >"$DIR/whole" 2>/dev/null
  e2e_check_same_file "the capped syslog gives the JsonLog's rows" "$DIR/whole" "$DIR/out"
}


test_joined() {
  # One row per job: job.start records (several for a retried job) joined
  # with the job's job.end on host.name, job.id and job.uuid.  Crafted
  # records in both forms (printaudit and ECS) give the same rows.
  "$PY" - "$DIR/j.jsonl" "$DIR/j-ecs.jsonl" <<'EOF'
import json, sys

def start(n, t, host, job, uuid, user, imp, copies, billing=None):
    return {"schema": "printaudit/1", "event": {"action": "job.start", "id": "%032x" % n},
            "time": t, "host": {"name": host},
            "job": {"id": job, "uuid": uuid, "user": user, "title": "doc%d" % job,
                    "document_name": None, "application": None, "impressions": imp,
                    "copies": copies, "color": None, "sides": None, "billing": billing},
            "printer": {"name": "lab", "host": "127.0.0.1", "port": 9100}}

def end(n, t, host, job, uuid, state, count):
    j = {"id": job, "uuid": uuid, "state": state, "media_sheets_completed": count,
         "processing": None, "completed": t, "user": None, "title": None}
    if count is not None:
        j["impressions_completed"] = count
    return {"schema": "printaudit/1", "event": {"action": "job.end", "id": "%032x" % n},
            "time": t, "host": {"name": host}, "job": j, "printer": {"name": "lab"}}

def ecs(r):
    # As lib/ecs.c writes them: the same facts under ECS names.
    out = {"@timestamp": r["time"], "ecs": {"version": "8.11.0"},
           "event": {"action": r["event"]["action"], "id": r["event"]["id"]},
           "host": r["host"], "user": {"name": r["job"].pop("user")},
           "printaudit": {"schema": r["schema"], "job": r["job"],
                          "printer": {"name": r["printer"]["name"]}}}
    if "host" in r["printer"]:
        out["destination"] = {"address": r["printer"]["host"], "port": r["printer"]["port"]}
    return out

u = "urn:uuid:%08d-0000-3000-8000-000000000000"
records = [
    start(1, "2026-11-20T09:00:00.000Z", "h1", 10, u % 10, "alice", 2, 3, "CC-42"),
    start(2, "2026-11-20T09:00:30.000Z", "h1", 10, u % 10, "alice", 2, 3, "CC-42"),  # retry
    start(3, "2026-11-20T09:01:00.000Z", "h1", 11, u % 11, "bob", 4, 1),            # no job.end
    start(4, "2026-11-20T09:02:00.000Z", "h1", 13, u % 13, "dave", 2, 1),
    end(5, "2026-11-20T09:03:00.000Z", "h1", 10, u % 10, "completed", 5),
    end(6, "2026-11-20T09:04:00.000Z", "h1", 12, u % 12, "canceled", 0),         # no job.start
    start(7, "2026-11-20T09:05:00.000Z", "h2", 10, u % 10, "carol", 1, 1),        # another host
    end(8, "2026-11-20T09:06:00.000Z", "h1", 13, u % 13, "aborted", None),       # no count
]
with open(sys.argv[1], "w") as f, open(sys.argv[2], "w") as g:
    for r in records:
        f.write(json.dumps(r, separators=(",", ":")) + "\n")
        g.write(json.dumps(ecs(r), separators=(",", ":")) + "\n")
EOF
  "$REPORT" --csv "$DIR/j.jsonl" 2>"$DIR/err" | tr -d '\r' >"$DIR/out"
  cat >"$DIR/expected" <<'EOF'
time,user,document,printer,printer_address,application,pages,pages_source,copies,color,sides,billing,outcome,job_id
2026-11-20T09:00:00.000Z,alice,doc10,lab,127.0.0.1:9100,,5,counted,3,,,CC-42,completed,10
2026-11-20T09:02:00.000Z,dave,doc13,lab,127.0.0.1:9100,,2,declared,1,,,,aborted,13
2026-11-20T09:01:00.000Z,bob,doc11,lab,127.0.0.1:9100,,4,declared,1,,,,,11
2026-11-20T09:04:00.000Z,,,lab,,,0,counted,,,,,canceled,12
2026-11-20T09:05:00.000Z,carol,doc10,lab,127.0.0.1:9100,,1,declared,1,,,,,10
EOF
  e2e_check_same_file "joined: one row per job, counted or declared pages, outcome, billing" "$DIR/expected" "$DIR/out"
  e2e_check_eq "joined: nothing on stderr" "" "$(cat "$DIR/err")"
  "$REPORT" --csv "$DIR/j-ecs.jsonl" 2>>"$DIR/err" | tr -d '\r' >"$DIR/out"
  e2e_check_same_file "joined: ECS records give the same rows" "$DIR/expected" "$DIR/out"

  # The table says the same; job.end records read first (another file)
  # join too.
  "$REPORT" "$DIR/j.jsonl" >"$DIR/table"
  check_grep "joined: table row of the retried job" \
    "5  counted        3  -           -                     CC-42         completed  10" "$DIR/table"
  grep '"job.end"' "$DIR/j.jsonl" >"$DIR/ends.jsonl"
  grep -v '"job.end"' "$DIR/j.jsonl" >"$DIR/starts.jsonl"
  "$REPORT" --csv "$DIR/ends.jsonl" "$DIR/starts.jsonl" | tr -d '\r' | sort >"$DIR/out"
  sort "$DIR/expected" >"$DIR/expected.sorted"
  e2e_check_same_file "joined: job.end records read before their job.start" "$DIR/expected.sorted" "$DIR/out"

  # Summaries count one job per row and its pages.
  "$REPORT" --summary user --csv "$DIR/j.jsonl" | tr -d '\r' >"$DIR/out"
  cat >"$DIR/expected" <<'EOF'
user,jobs,pages,unknown_pages,first,last
alice,1,5,0,2026-11-20T09:00:00.000Z,2026-11-20T09:00:00.000Z
bob,1,4,0,2026-11-20T09:01:00.000Z,2026-11-20T09:01:00.000Z
dave,1,2,0,2026-11-20T09:02:00.000Z,2026-11-20T09:02:00.000Z
carol,1,1,0,2026-11-20T09:05:00.000Z,2026-11-20T09:05:00.000Z
,1,0,0,2026-11-20T09:04:00.000Z,2026-11-20T09:04:00.000Z
EOF
  e2e_check_same_file "joined: --summary user counts jobs and their pages" "$DIR/expected" "$DIR/out"

  # --json passes every record through as read.
  "$REPORT" --json "$DIR/j.jsonl" >"$DIR/out"
  e2e_check_same_file "joined: --json writes the records unjoined" "$DIR/j.jsonl" "$DIR/out"

  # Filters apply to the job's row: --user drops the job with no user.
  e2e_check_eq "joined: --user alice keeps her job, joined" \
    "2026-11-20T09:00:00.000Z,alice,doc10,lab,127.0.0.1:9100,,5,counted,3,,,CC-42,completed,10" \
    "$("$REPORT" --csv --user alice "$DIR/j.jsonl" | tr -d '\r' | tail -n +2)"
}


# --- Main ------------------------------------------------------------------

case "${1:-}" in
  table|csv|json|summary|filter|usage|malformed|split|input|memory|ecs|csvinject|journal|capped|joined)
    "test_$1"
    ;;
  *)
    echo "Usage: $0 table|csv|json|summary|filter|usage|malformed|split|input|memory|ecs|csvinject|journal|capped|joined" >&2
    exit 2
    ;;
esac

e2e_note "$1: $E2E_FAILURES failure(s)"
e2e_done
