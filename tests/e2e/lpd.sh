#!/usr/bin/env bash
# An lpd:// queue wired through the shim prints exactly what the same queue
# prints unwired, and its job leaves one record in each sink.  cups-lpd
# (behind socat) hands what it receives to a second queue of the same
# cupsd, which prints to a socket receiver.
set -euo pipefail
# shellcheck source=../lib/harness.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/harness.sh"

e2e_start
e2e_start_receiver sink
e2e_start_lpd_gateway
e2e_add_queue lpdsink "socket://127.0.0.1:$(e2e_receiver_port sink)"
uri="lpd://127.0.0.1:$E2E_LPD_PORT/lpdsink"
e2e_add_queue plain "$uri"
e2e_add_queue wired "printaudit:$uri"

doc=$E2E_DIR/document.bin
e2e_make_document "$doc" binary
e2e_define_job "e2e-lpd-Ü" A4 two-sided-short-edge monochrome

e2e_print_and_capture plain "$E2E_DIR/recv/sink" .bin "$doc"
plain_file=$E2E_FILE
e2e_print_and_capture wired "$E2E_DIR/recv/sink" .bin "$doc"
e2e_check_pair wired "$plain_file" "$E2E_FILE" "$doc" 2
e2e_check_records wired "$E2E_JOB" "$uri" lpd 127.0.0.1 "$E2E_LPD_PORT"

e2e_finish
