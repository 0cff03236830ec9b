#!/usr/bin/env bash
# An ipp:// queue (ippeveprinter) wired through the shim prints exactly what
# the same queue prints unwired, and its job leaves one record in each sink.
# The device URI holds a password: the records show the URI without it, and
# the password is nowhere in the sinks.
set -euo pipefail
# shellcheck source=../lib/harness.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/harness.sh"

e2e_start
e2e_start_ippeveprinter
uri="ipp://user:secret@127.0.0.1:$E2E_IPP_PORT/ipp/print"
e2e_add_queue plain "$uri"
e2e_add_queue wired "printaudit:$uri"

doc=$E2E_DIR/document.txt
e2e_make_document "$doc" text
# What ippeveprinter supports: it rejects a job with other values.
e2e_define_job "e2e-ipp-Ü" iso_a4_210x297mm two-sided-long-edge monochrome

e2e_print_and_capture plain "$E2E_IPP_SPOOL" .dat "$doc"
plain_file=$E2E_FILE
e2e_print_and_capture wired "$E2E_IPP_SPOOL" .dat "$doc"
# The copies are an IPP attribute: the printer gets the document once.
e2e_check_pair wired "$plain_file" "$E2E_FILE" "$doc" 1
e2e_check_records wired "$E2E_JOB" "ipp://user@127.0.0.1:$E2E_IPP_PORT/ipp/print" \
  ipp 127.0.0.1 "$E2E_IPP_PORT"
e2e_check_no_string "the URI's password is in no sink" secret \
  "$E2E_DIR/audit.jsonl" "$E2E_DIR/syslog.out"

e2e_finish
