#!/usr/bin/env bash
# A wired queue whose original URI is unusable (no such backend, the shim
# itself, paths out of the backend directory, a scheme of 64 characters, no
# scheme, a directory) does not print: the printer ends stopped, its state
# message is the shim's ERROR line, and nothing was executed.  Executables
# planted where a careless shim would look leave a canary file if run.  A
# scheme of 63 characters, the longest allowed, prints.
set -euo pipefail
# shellcheck source=../lib/harness.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/harness.sh"

e2e_start
e2e_start_receiver sock
port=$(e2e_receiver_port sock)
canary=$E2E_DIR/canary
mkdir -p "$canary"
chmod 1777 "$canary"			# Whoever runs a planted program can leave a file

plant() {				# plant PATH: an executable that leaves a canary
  mkdir -p "$(dirname "$1")"
  printf '#!/bin/sh\n: >"%s/ran.%s"\n' "$canary" "$(basename "$1")" >"$1"
  chmod 0755 "$1"
}

scheme63=s$(printf 'x%.0s' {1..61})9	# 63 characters, valid
scheme64=${scheme63}4
plant "$E2E_SERVERBIN/planted"
plant "$canary/bin/sh"
plant "$E2E_SERVERBIN/backend/$scheme64"
mkdir "$E2E_SERVERBIN/backend/adir"
cp "$E2E_SERVERBIN/backend/spy" "$E2E_SERVERBIN/backend/$scheme63"

bad_uris=(
  "printaudit:nosuch://127.0.0.1/"
  "printaudit:printaudit:socket://127.0.0.1:$port/"
  "printaudit:../planted://127.0.0.1/"
  "printaudit:../../canary/bin/sh"
  "printaudit:$canary/bin/sh"
  "printaudit:$scheme64://127.0.0.1/"
  "printaudit:"
  "printaudit:adir://127.0.0.1/"
)
doc=$E2E_DIR/document.txt
e2e_make_document "$doc" text
jobs=()
for i in "${!bad_uris[@]}"; do
  e2e_add_queue "bad$i" "${bad_uris[i]}"
  jobs[i]=$(e2e_print "bad$i" -t "e2e-bad-$i" "$doc")
done

for i in "${!bad_uris[@]}"; do
  e2e_wait_for "$E2E_WAIT" e2e_job_settled "bad$i" "${jobs[i]}" || true
done

ran=$(find "$canary" -maxdepth 1 -name 'ran.*')
e2e_check_eq "no planted program ran" "" "$ran"
e2e_check_eq "the socket receiver got no connection" 0 "$(e2e_receiver_count sock)"

for i in "${!bad_uris[@]}"; do
  queue=bad$i job=${jobs[i]} what="${bad_uris[i]}"
  e2e_check_eq "$what: the printer stopped" stopped "$(e2e_printer_attr "$queue" printer-state)"
  e2e_check_eq "$what: job $job did not print" pending "$(e2e_job_attr "$queue" "$job" job-state)"
  message=$(e2e_printer_message "$queue")
  if [[ -n $message ]] && e2e_logged_error "$job" "$message"; then
    e2e_pass "$what: the state message is the shim's ERROR line: $message"
  else
    e2e_fail "$what: the state message is the shim's ERROR line" "message: '$message'"
  fi
done

# The longest scheme is fine.
e2e_add_queue good63 "printaudit:$scheme63://127.0.0.1:9/x"
job=$(e2e_print good63 -t e2e-63 "$doc")
e2e_wait_job good63 "$job" completed
e2e_check "a scheme of 63 characters runs its backend" test -n "$(e2e_spy_run "$job")"
e2e_collect_records
e2e_job_record jsonl "$job" good63
e2e_expect "$E2E_RECORD" "printer.backend=\"$scheme63\""

e2e_finish
