#!/usr/bin/env bash
# Sink failures, configured in printaudit.conf between jobs, each job on a
# queue of its own:
#  - a missing or a stalled syslog receiver never fails or hangs a job: it
#    prints at once (with OnLogFailure stop too), its record is in
#    audit.jsonl, and the shim says ERROR;
#  - an unwritable JsonLog: with OnLogFailure print (the default) the job
#    prints and syslog has its record; with OnLogFailure stop nothing
#    prints and the printer stops with the shim's ERROR line; a JsonLog
#    that is a symbolic link is not written through;
#  - a bad line or a file that others can write: nothing prints, the
#    printer stops, and a bad line is reported with its number.
set -euo pipefail
# shellcheck source=../lib/harness.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/harness.sh"

e2e_start
e2e_start_receiver sock
uri="socket://127.0.0.1:$(e2e_receiver_port sock)"
doc=$E2E_DIR/document.txt
e2e_make_document "$doc" text
syslog="SyslogSocket $E2E_DIR/log.sock"
jsonlog="JsonLog $E2E_DIR/audit.jsonl"
nojsonlog="JsonLog $E2E_DIR/no-such-dir/audit.jsonl"
job="" printed=0 started=0		# Set by print_on

job_errors() {				# job_errors JOB: the ERROR lines cupsd logged for it
  awk -v job="[Job $1]" '/^E / && index($0, job)' "$E2E_DIR/log/error_log"
}

print_on() {				# print_on QUEUE: a job on a new queue; sets job
  e2e_add_queue "$1" "printaudit:$uri"
  printed=$(e2e_receiver_count sock)
  started=$SECONDS
  job=$(e2e_print "$1" -t "e2e-$1" "$doc")
}

expect_printed() {			# expect_printed QUEUE WHAT: job printed within 10 s
  e2e_wait_job "$1" "$job" completed
  e2e_check "$2: job $job printed within 10 s ($((SECONDS - started)) s)" \
    test $((SECONDS - started)) -le 10
  e2e_wait_for "$E2E_WAIT" test "$(e2e_receiver_count sock)" -gt "$printed" || true
  e2e_check_eq "$2: the receiver got the job" $((printed + 1)) "$(e2e_receiver_count sock)"
}

expect_stopped() {			# expect_stopped QUEUE WHAT: nothing printed, stopped
  local message
  e2e_wait_printer "$1" stopped
  e2e_check_eq "$2: job $job did not print" pending "$(e2e_job_attr "$1" "$job" job-state)"
  e2e_check_eq "$2: the receiver got nothing" "$printed" "$(e2e_receiver_count sock)"
  message=$(e2e_printer_message "$1")
  if [[ -n $message ]] && e2e_logged_error "$job" "$message"; then
    e2e_pass "$2: the state message is the shim's ERROR line: $message"
  else
    e2e_fail "$2: the state message is the shim's ERROR line" "message: '$message'"
  fi
}

expect_error() {			# expect_error WHAT: the shim reported an ERROR
  local errors
  errors=$(job_errors "$job")
  if [[ -n $errors ]]; then
    e2e_pass "$1: the shim reported it: ${errors#*"] [Job $job] "}"
  else
    e2e_fail "$1: the shim reported an ERROR for job $job"
  fi
}

expect_record() {			# expect_record SINK QUEUE
  e2e_collect_records
  e2e_job_record "$1" "$job" "$2"
}

what="no syslog receiver"
e2e_write_printaudit_conf "SyslogSocket $E2E_DIR/no-such.sock" "$jsonlog"
print_on nosyslog
expect_printed nosyslog "$what"
expect_error "$what"
expect_record jsonl nosyslog

what="no syslog receiver, OnLogFailure stop"	# stop is for JsonLog only
e2e_write_printaudit_conf "SyslogSocket $E2E_DIR/no-such.sock" "$jsonlog" "OnLogFailure stop"
print_on nosyslogstop
expect_printed nosyslogstop "$what"
expect_record jsonl nosyslogstop

what="a stalled syslog receiver"
stalled=$E2E_DIR/stalled.sock
e2e_spawn "stalled syslog" "$E2E_DIR/stalled.log" "$E2E_PY" "$E2E_HERE/stalled_syslog.py" "$stalled"
e2e_wait_for "$E2E_WAIT" test -e "$stalled.ready" || e2e_die "stalled_syslog.py did not start"
e2e_write_printaudit_conf "SyslogSocket $stalled" "$jsonlog"
print_on stalled
expect_printed stalled "$what"
expect_error "$what"
expect_record jsonl stalled

what="an unwritable JsonLog, OnLogFailure print"
e2e_write_printaudit_conf "$syslog" "$nojsonlog"
print_on jsonfail
expect_printed jsonfail "$what"
expect_error "$what"
expect_record syslog jsonfail

what="a JsonLog that is a symbolic link"
target=$E2E_DIR/link-target
: >"$target"
ln -s "$target" "$E2E_DIR/link.jsonl"
e2e_write_printaudit_conf "$syslog" "JsonLog $E2E_DIR/link.jsonl"
print_on jsonlink
expect_printed jsonlink "$what"
expect_error "$what"
e2e_check "$what: nothing was written through it" test ! -s "$target"

what="an unwritable JsonLog, OnLogFailure stop"
e2e_write_printaudit_conf "$syslog" "$nojsonlog" "OnLogFailure stop"
print_on jsonstop
expect_stopped jsonstop "$what"

what="a bad line 3"
e2e_write_printaudit_conf "$syslog" "NoSuchDirective on" "$jsonlog"
print_on badline
expect_stopped badline "$what"
e2e_check "$what: the state message names line 3" \
  grep -q -w 'line 3' <<<"$(e2e_printer_message badline)"

what="a printaudit.conf that others can write"
e2e_write_printaudit_conf
chmod 0666 "$E2E_SERVERROOT/printaudit.conf"
print_on insecure
expect_stopped insecure "$what"

what="the good configuration again"
e2e_write_printaudit_conf
print_on good
expect_printed good "$what"
expect_record jsonl good
expect_record syslog good

e2e_finish
