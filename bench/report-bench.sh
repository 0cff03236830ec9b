#!/bin/bash
#
# report-bench.sh: how fast printaudit-report reads records, and in how
# much memory.
#
# Usage: bench/report-bench.sh [COUNT] [BUILD-DIR]
#
# Generates COUNT (default 1000000) synthetic printaudit/1 records with
# tests/report/gen-records.py (one in five with the golden macOS options,
# about 1.2 KB a record on average) into a temporary directory, also splits
# them into syslog messages of at most 900 bytes with report-split (the
# macOS SyslogMaxSize), and runs printaudit-report on them under
# /usr/bin/time -v, output to /dev/null.  Prints records/s (wall clock and
# CPU) and peak RSS per mode.  The generated data is deleted at the end;
# nothing is written to the source tree.
#
# BUILD-DIR (default: build-report) must hold a build with
# PRINTAUDIT_TESTS=ON (for report-split).
#
# Copyright 2026 The printaudit authors.
# Licensed under the Apache License, Version 2.0.

set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
count=${1:-1000000}
build=${2:-$top/build-report}
report=$build/tools/report/printaudit-report
split=$build/tools/report/tests/report-split
py=/usr/bin/python3

for f in "$report" "$split" /usr/bin/time "$py"; do
  if [[ ! -x $f ]]; then
    echo "report-bench.sh: $f is missing (cmake --build $build first)" >&2
    exit 1
  fi
done

dir=$(mktemp -d "${TMPDIR:-/tmp}/report-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT

echo "# generating $count records in $dir"
"$py" "$top/tests/report/gen-records.py" "$count" >"$dir/records.jsonl"
"$split" -m 900 "$dir/records.jsonl" >"$dir/records.syslog"
bytes=$(wc -c <"$dir/records.jsonl")
sbytes=$(wc -c <"$dir/records.syslog")
slines=$(wc -l <"$dir/records.syslog")
echo "# JSON Lines: $((bytes / 1048576)) MiB; syslog: $slines messages, $((sbytes / 1048576)) MiB"
echo "# host: $(nproc) CPU(s), load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
printf '%-28s %10s %12s %12s %10s %12s\n' mode wall_s records/s cpu_records/s MiB/s peak_rss_KiB

run() {					# run LABEL INPUT ARGS...
  local label=$1 input=$2 wall user sys rss size
  shift 2
  /usr/bin/time -v -o "$dir/time" "$report" "$@" "$input" >/dev/null 2>"$dir/err" ||
    { echo "report-bench.sh: $label failed: $(tail -n 3 "$dir/err")" >&2; exit 1; }
  if [[ -s "$dir/err" ]]; then
    echo "report-bench.sh: $label: unexpected messages: $(head -n 3 "$dir/err")" >&2
    exit 1
  fi
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0;
          for (i = 1; i <= n; i ++) s = s * 60 + t[i]; print s }' "$dir/time")
  user=$(awk -F': ' '/User time/ { print $2 }' "$dir/time")
  sys=$(awk -F': ' '/System time/ { print $2 }' "$dir/time")
  rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$dir/time")
  size=$(wc -c <"$input")
  awk -v l="$label" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v n="$count" -v b="$size" \
    'BEGIN { printf "%-28s %10.2f %12.0f %12.0f %10.1f %12d\n", l, w, n / w, n / (u + s), b / 1048576 / w, r }'
}

run "table (JSON Lines in)" "$dir/records.jsonl"
run "--csv" "$dir/records.jsonl" --csv
run "--json" "$dir/records.jsonl" --json
run "--summary user" "$dir/records.jsonl" --summary user
run "--summary day --csv" "$dir/records.jsonl" --summary day --csv
run "--csv --user user07" "$dir/records.jsonl" --csv --user user07
run "--csv (syslog parts in)" "$dir/records.syslog" --csv
run "--html" "$dir/records.jsonl" --html
