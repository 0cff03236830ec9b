# shellcheck shell=bash
#
# lib-report.sh: what report-test.sh and html.sh share, on top of the
# harness (tests/lib/harness.sh: the TAP helpers, the private directory,
# kept when a check failed): records made by the real shim, called as
# cupsd would call it (argv job-id user title copies options, DEVICE_URI,
# PRINTER) with PRINTAUDIT_CONF naming a private configuration (Syslog
# off, JsonLog in the test's directory) and CUPS_SERVERBIN a private
# directory whose backend/socket and backend/ipp exit 0; then their
# "time" fields set to fixed instants (the text otherwise untouched).
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
  mkdir -p "$DIR/serverbin/backend"
  chmod 755 "$DIR/serverbin" "$DIR/serverbin/backend"
  printf '#!/bin/sh\nexit 0\n' >"$DIR/serverbin/backend/socket"
  cp "$DIR/serverbin/backend/socket" "$DIR/serverbin/backend/ipp"
  chmod 755 "$DIR/serverbin/backend/socket" "$DIR/serverbin/backend/ipp"
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
