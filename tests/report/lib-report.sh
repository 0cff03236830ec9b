# shellcheck shell=bash
#
# lib-report.sh: what report-test.sh and html.sh share, on top of the
# harness (tests/lib/harness.sh: the TAP helpers, the private directory,
# kept when a check failed): records made by the real shim, called as
# cupsd would call it (argv job-id user title copies options, DEVICE_URI,
# PRINTER) with PRINTAUDIT_CONF naming a private configuration (Syslog
# off, JsonLog in the test's directory) and CUPS_SERVERBIN a private
# directory whose backend/socket and backend/ipp exit 0 (the harness's
# e2e_stub_serverbin); then their "time" fields set to fixed instants (the
# text otherwise untouched).  make_records makes the jobs that both suites'
# tables, filters and summaries are checked against.
#
# Environment (set by ctest): REPORT_BIN, PRINTAUDIT_BIN,
# PRINTAUDIT_SOURCE_DIR; REPORT_KEEP=1 keeps the test's directory.
#
# Copyright 2026 The printaudit authors.
# Licensed under the Apache License, Version 2.0.

# shellcheck disable=SC2034 # read by the tests
REPORT_HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SRC=${PRINTAUDIT_SOURCE_DIR:-$(cd "$REPORT_HERE/../.." && pwd)}
REPORT=${REPORT_BIN:?REPORT_BIN is not set}
SHIM=${PRINTAUDIT_BIN:?PRINTAUDIT_BIN is not set}
PY=/usr/bin/python3			# Not a pyenv python3 on PATH
GOLDEN_OPTIONS=$SRC/tests/data/macos-textedit-socket.options

[[ -z ${REPORT_KEEP:-} ]] || E2E_KEEP=1
# shellcheck source=../lib/harness.sh
. "$REPORT_HERE/../lib/harness.sh"
e2e_init_dir				# 0755: the shim runs the backend as lp when root
DIR=$E2E_DIR


shim() {				# shim PRINTER URI JOB USER TITLE COPIES OPTIONS
  local printer=$1 uri=$2
  shift 2
  PRINTAUDIT_CONF=$DIR/printaudit.conf CUPS_SERVERBIN=$DIR/serverbin \
    DEVICE_URI="printaudit:$uri" PRINTER=$printer \
    CONTENT_TYPE=application/pdf \
    "$SHIM" "$@" 2>>"$DIR/shim.err" ||
    e2e_die "the shim failed: $(tail -n 3 "$DIR/shim.err")"
}

shim_setup() {				# shim_setup [FORMAT]: no records yet, JsonLog raw.jsonl
  rm -f "$DIR/raw.jsonl"
  e2e_stub_serverbin "$DIR/serverbin" socket ipp
  printf 'Syslog off\nJsonLog %s/raw.jsonl\nJsonFormat %s\n' "$DIR" "${1:-printaudit}" >"$DIR/printaudit.conf"
  chmod 644 "$DIR/printaudit.conf"
}

set_times() {				# set_times SRC DST TIME...: fixed "time"s
  "$PY" - "$@" <<'EOF'
import re, sys
src, dst, times = sys.argv[1], sys.argv[2], sys.argv[3:]
lines = open(src, encoding="utf-8").read().splitlines()
assert len(lines) == len(times), "expected %d records, got %d" % (len(times), len(lines))
with open(dst, "w", encoding="utf-8") as out:
    for line, t in zip(lines, times):
        new, n = re.subn(r'"(time|@timestamp)":"[^"]*"', r'"\1":"%s"' % t, line, count=1)
        assert n == 1
        out.write(new + "\n")
EOF
}


# --- The jobs the tests check --------------------------------------------------

# Each job: printer, device URI, job-id, user, title, copies, options.
# Pages (impressions x copies) by hand, used by the summary test:
#   1 alice lab     TextEdit        1 x 2 =  2
#   2 bob   lab     Preview         3 x 1 =  3
#   3 carol office  Preview         5 x 3 = 15
#   4 alice office  Microsoft Word  ? x 1 = unknown
#   5 dave  lab     Numbers        10 x 4 = 40
#   6 bob   lab     Preview         2 x 2 =  4
TIMES=(2026-11-20T09:00:00.000Z 2026-11-21T23:59:59.999Z
       2026-11-22T00:00:00.000Z 2026-11-22T12:30:00.500Z
       2026-11-23T08:15:00.000Z 2026-11-23T23:00:00.000Z)
TITLE2=$'Q3 "final", v2\nnotes'

make_records() {			# make_records [FORMAT [MORE-JOBS TIME...]]
  # The six jobs above (FORMAT: JsonFormat, default printaudit), then the
  # function MORE-JOBS if given, into $DIR/raw.jsonl; $DIR/a.jsonl is the
  # same with TIMES, then the TIMEs of MORE-JOBS' records.
  shim_setup "${1:-printaudit}"
  shim lab socket://127.0.0.1:9100 1 alice 'My doc' 2 "$(cat "$GOLDEN_OPTIONS")"
  shim lab socket://127.0.0.1:9100 2 bob "$TITLE2" 1 \
    'job-impressions=3 sides=two-sided-long-edge com.apple.print.JobInfo.PMApplicationName=Preview'
  shim office 'ipp://[::1]:8631/printers/office' 3 carol report 3 \
    'job-impressions=5 print-color-mode=color document-name-supplied=report.pdf com.apple.print.JobInfo.PMApplicationName=Preview'
  shim office 'ipp://[::1]:8631/printers/office' 4 alice memo 1 \
    'print-color-mode=monochrome com.apple.print.JobInfo.PMApplicationName="Microsoft Word"'
  shim lab socket://127.0.0.1:9100 5 dave $'Bericht \xc3\xbcber \xc3\x84' 4 \
    'job-impressions=10 Duplex=DuplexTumble com.apple.print.JobInfo.PMApplicationName=Numbers'
  shim lab socket://127.0.0.1:9100 6 bob slides 2 \
    'job-impressions=2 com.apple.print.JobInfo.PMApplicationName=Preview'
  if (($# > 1)); then
    "$2"
  fi

  # Fixed times, the rest of each line byte for byte as the shim wrote it.
  set_times "$DIR/raw.jsonl" "$DIR/a.jsonl" "${TIMES[@]}" "${@:3}"
}
