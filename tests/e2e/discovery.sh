#!/usr/bin/env bash
# Device discovery: lpinfo (cups-deviced) runs the shim with no arguments;
# it lists exactly one device for the printaudit scheme and answers at once.
# Only the printaudit backend is asked (--include-schemes): snmp and dnssd
# would look beyond loopback.
set -euo pipefail
# shellcheck source=../lib/harness.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/harness.sh"

e2e_start
started=$SECONDS
devices=$(timeout 60 lpinfo --include-schemes printaudit -v) ||
  e2e_die "lpinfo --include-schemes printaudit -v failed"
elapsed=$((SECONDS - started))
printf '#   %s\n' "$devices"
e2e_check_eq "lpinfo lists one printaudit device" 1 \
  "$(awk '$2 == "printaudit" || $2 ~ /^printaudit:/' <<<"$devices" | wc -l)"
e2e_check "lpinfo answered within 5 s (took ${elapsed}s)" test "$elapsed" -le 5
started=$(sed -n 's/^D \[[^]]*\] \[cups-deviced\] Started backend \([^ ]*\) .*/\1/p' \
  "$E2E_DIR/log/error_log")
e2e_check_eq "cups-deviced ran the printaudit backend and no other" \
  "$E2E_SERVERBIN/backend/printaudit" "$started"
e2e_check "the printaudit backend exited 0" grep -q \
  '\[cups-deviced\] PID [0-9]* (printaudit) exited with no errors' "$E2E_DIR/log/error_log"

e2e_finish
