#!/usr/bin/env bash
#
# bench/run.sh: printaudit's performance benchmark, in one command.
#
#   bench/run.sh              the full run (about 3 minutes)
#   QUICK=1 bench/run.sh      fewer iterations (under a minute)
#
# Environment:
#   QUICK=1           fewer rounds, jobs and batches
#   BENCH_BUILD=DIR   build directory (default: <source>/build-bench)
#   BENCH_FIXTURE=F   the options string of part 2 and part 1's jobs
#                     (default: tests/data/macos-textedit-socket.options)
#   BENCH_PARTS="1 2 3 4 5"   which parts to run
#   BENCH_RESULTS=F   also write the summary to F
#   BENCH_KEEP=1      keep the work directory (it is kept anyway on failure)
#   BENCH_NICE=N      run everything (cupsd, backends, receiver too) at nice N,
#                     e.g. -10 on a machine shared with other work; default:
#                     not changed.  Every variant runs at the same priority.
#
# The parts (bench/README.md explains each and the latest figures):
#   1. per-job wall and CPU time of the socket backend run directly, through
#      a bare exec-only shim, through printaudit (syslog, JsonLog, both) and
#      through beh, at 4 KiB and 50 MiB, started as cupsd starts backends;
#   2. instructions of printaudit's process up to its exec (callgrind);
#   3. time to build and serialize a record against the options' size;
#   4. peak RSS of printaudit before its exec, against the bare shim;
#   5. jobs per second through a private cupsd: wired, unwired and through
#      the bare shim, in rounds of one batch each.
#
# Each part is a file, bench/part-N-*.sh (part N and its summary), on
# bench/lib-bench.sh, which sources the test harness tests/lib/harness.sh.
#
# It runs as root, on loopback only, in a private directory: a print
# receiver, rsyslogd and cupsd are started there and stopped by PID on
# exit.  Every wait and every step is bounded.  Nothing outside the work
# directory and the build directory is changed.
#
# Copyright 2026 The printaudit authors.
# Licensed under the Apache License, Version 2.0.

set -euo pipefail

# shellcheck source=lib-bench.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib-bench.sh"
for part in $PARTS; do
  files=("$HERE/part-$part-"*.sh)
  [[ -f ${files[0]} ]] || die "no part $part (BENCH_PARTS=\"$PARTS\")"
  # shellcheck source=/dev/null
  . "${files[0]}"
done

summary() {
  section "Summary"
  local part
  for part in $PARTS; do
    "summary$part"
  done
  say ""
  printf '  %s\n' "${VERDICTS[@]}"
  say ""
  say "  load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
}

main() {
  local started=$SECONDS part
  preflight
  CUPS_VERSION=$(cups-config --version 2>/dev/null || echo 2.4.2)
  e2e_init
  W=$E2E_DIR
  : >"$W/results.tsv"
  if [[ -n ${BENCH_NICE:-} ]]; then
    renice -n "$BENCH_NICE" -p $$ >/dev/null || die "renice $BENCH_NICE failed"
  fi
  say "printaudit benchmark$([[ $QUICK == 1 ]] && echo ' (QUICK=1)'); work directory $W;" \
      "nice $(ps -o ni= -p $$ | tr -d ' ')"
  build
  machine
  setup
  for part in $PARTS; do
    "part$part"
  done
  summary | tee "$W/summary.txt"
  say "  run time: $((SECONDS - started)) s"
  if [[ -n ${BENCH_RESULTS:-} ]]; then
    cp "$W/summary.txt" "$BENCH_RESULTS"
  fi
}

main "$@"
