#!/usr/bin/env bash
# LogTitles off and hash, through cupsd: a job's title, its document name
# and the options that repeat them are in no record of any sink (syslog
# continuation parts included) with off; with hash each is the
# HMAC-SHA-256 of the title under the root-only key, so equal titles
# correlate; job.end never has a title; a key others can read is refused
# and the titles are left out (the job still prints).
set -euo pipefail
# shellcheck source=lib-notify.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib-notify.sh"

notify_start
notify_raw_queue
mark=Quarterly-Salaries-7Q
notify_doc "$mark.txt" "printaudit titles test"
pad=$(printf 'p%.0s' {1..300})
lp_args=(-t "$mark" -o "com.apple.print.JobInfo.PMJobName=$mark" -o "document-name=$mark"
         -o "pad1=$pad" -o "pad2=$pad" -o "pad3=$pad")
sinks=("Syslog on" "SyslogSocket $E2E_DIR/log.sock" "SyslogMaxSize 512"
       "JsonLog $E2E_DIR/audit.jsonl" "OutcomeLog $NOTIFY_OUTCOME")

print_job() {				# print_job: a completed job with its job.end; sets j
  j=$(e2e_print raw "${lp_args[@]}" "$doc")
  e2e_wait_job raw "$j" completed
  notify_wait_end raw "$j"
  notify_expect raw "$j" completed 1 1
}

start_record() {			# start_record JOB: its job.start from the JsonLog
  grep -F "\"action\":\"job.start\"" "$E2E_DIR/audit.jsonl" | grep -F "\"id\":$1," | head -n 1
}

# 1. off.
e2e_write_printaudit_conf "${sinks[@]}" "LogTitles off"
print_job
rec=$(start_record "$j")
e2e_syslog_sync
e2e_check "syslog carried the job.start in parts" grep -q '"job.continued"' "$E2E_DIR/syslog.out"
e2e_expect "$rec" 'job.title=null' 'job.document_name=null' \
  "options.pad1=\"$pad\""
e2e_check "no title option is left (off)" \
  "$E2E_PY" -c 'import json, sys; o = json.loads(sys.argv[1])["options"]
sys.exit(any(k in o for k in ("job-name", "document-name", "document-name-supplied",
                             "com.apple.print.JobInfo.PMJobName")))' "$rec"
e2e_check_no_string "LogTitles off: the title is in no sink" "$mark" \
  "$E2E_DIR/syslog.out" "$E2E_DIR/audit.jsonl" "$NOTIFY_OUTCOME"

# 2. hash, under a root-only key.
key=$E2E_SERVERROOT/printaudit.key
head -c 32 /dev/urandom >"$key"
chmod 0600 "$key"
e2e_write_printaudit_conf "${sinks[@]}" "LogTitles hash" "TitleKeyFile $key"
print_job
rec=$(start_record "$j")
hmac() { "$E2E_PY" -c 'import hmac, hashlib, sys
print(hmac.new(open(sys.argv[1], "rb").read(), sys.argv[2].encode(), hashlib.sha256).hexdigest())' "$key" "$1"; }
h=$(hmac "$mark")
e2e_expect "$rec" "job.title=\"$h\"" "job.document_name=\"$(hmac "$mark.txt")\"" \
  "options.com.apple.print.JobInfo.PMJobName=\"$h\"" "options.document-name=\"$h\""
end=$(grep -F "\"id\":$j," "$NOTIFY_OUTCOME" | tail -n 1)
e2e_expect "$end" 'job.title=null'
e2e_check_no_string "LogTitles hash: the title is in no sink" "$mark" \
  "$E2E_DIR/syslog.out" "$E2E_DIR/audit.jsonl" "$NOTIFY_OUTCOME"
first=$j
print_job
e2e_check_eq "equal titles hash alike" "$h" \
  "$("$E2E_PY" -c 'import json, sys; print(json.loads(sys.argv[1])["job"]["title"])' "$(start_record "$j")")"

# 3. A key group or others can read: refused, titles left out, job printed.
chmod 0644 "$key"
print_job
rec=$(start_record "$j")
e2e_expect "$rec" 'job.title=null' 'job.document_name=null'
e2e_check "the backend said why" e2e_logged_error "$j" "printaudit: Refusing TitleKeyFile $key: it must be a regular file owned by root, mode 0600 or 0400: job titles left out"
e2e_check_no_string "a refused key: the title is in no sink" "$mark" \
  "$E2E_DIR/syslog.out" "$E2E_DIR/audit.jsonl" "$NOTIFY_OUTCOME"
e2e_note "first hashed job: $first"
notify_check_all
e2e_finish
