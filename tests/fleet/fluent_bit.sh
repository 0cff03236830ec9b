#!/usr/bin/env bash
# fluent_bit.sh: conf/shippers/fluent-bit/printaudit.conf passes Fluent Bit's
# own check, "fluent-bit --dry-run -c", with its paths made private.
# Debian 12 does not package Fluent Bit: without fluent-bit on PATH the test
# exits 77 (skipped), and the recipe is documented as not validated.
set -euo pipefail
FLEET_TEST_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=SCRIPTDIR/lib-fleet.sh
. "$FLEET_TEST_DIR/lib-fleet.sh"
conf=$PRINTAUDIT_SOURCE_DIR/conf/shippers/fluent-bit

command -v fluent-bit >/dev/null ||
  e2e_skip "fluent-bit is not installed (Debian 12 does not package it)"
E2E_NAME=fleet
e2e_init_dir
dir=$E2E_DIR

fleet_instantiate "$conf/printaudit.conf" "$dir/printaudit.conf" \
  "/var/lib/fluent-bit/printaudit=>$dir/state" "/var/log/cups/printaudit.jsonl=>$dir/printaudit.jsonl" \
  "collector.example.net=>127.0.0.1"
cp "$conf/printaudit-parsers.conf" "$dir/"
mkdir -p "$dir/state"
if out=$(fluent-bit --dry-run -c "$dir/printaudit.conf" 2>&1); then
  e2e_pass "fluent-bit --dry-run accepts printaudit.conf"
else
  e2e_fail "fluent-bit --dry-run accepts printaudit.conf" "$out"
fi
e2e_done
