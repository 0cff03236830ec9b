#!/usr/bin/env bash
# A socket:// queue wired through the shim delivers exactly the bytes that
# the same queue delivers unwired, and its job leaves one record in
# audit.jsonl and one in syslog that describe the job.
set -euo pipefail
# shellcheck source=../lib/harness.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/harness.sh"

e2e_start
e2e_start_receiver sock
port=$(e2e_receiver_port sock)
uri="socket://127.0.0.1:$port"
e2e_add_queue plain "$uri"
e2e_add_queue wired "printaudit:$uri"

doc=$E2E_DIR/document.bin
e2e_make_document "$doc" binary
e2e_define_job "e2e-socket-Ü" A4 two-sided-long-edge color

e2e_print_and_capture plain "$E2E_DIR/recv/sock" .bin "$doc"
plain_file=$E2E_FILE
e2e_print_and_capture wired "$E2E_DIR/recv/sock" .bin "$doc"
e2e_check_pair wired "$plain_file" "$E2E_FILE" "$doc" 2
e2e_check_records wired "$E2E_JOB" "$uri" socket 127.0.0.1 "$port"

e2e_finish
