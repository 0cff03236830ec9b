#!/usr/bin/env bash
# vector.sh: conf/shippers/vector/printaudit.yaml passes Vector's own check,
# "vector validate --no-environment", with its paths made private.
# Debian 12 does not package Vector: without vector on PATH the test exits
# 77 (skipped), and the recipe is documented as not validated.
set -euo pipefail
FLEET_TEST_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=SCRIPTDIR/lib-fleet.sh
. "$FLEET_TEST_DIR/lib-fleet.sh"
conf=$PRINTAUDIT_SOURCE_DIR/conf/shippers/vector

command -v vector >/dev/null ||
  e2e_skip "vector is not installed (Debian 12 does not package it)"
E2E_NAME=fleet
e2e_init_dir
dir=$E2E_DIR

fleet_instantiate "$conf/printaudit.yaml" "$dir/printaudit.yaml" \
  "/var/lib/vector=>$dir/data" "/var/log/cups/printaudit.jsonl=>$dir/printaudit.jsonl" \
  "collector.example.net=>127.0.0.1"
mkdir -p "$dir/data"
if out=$(vector validate --no-environment "$dir/printaudit.yaml" 2>&1); then
  e2e_pass "vector validate accepts printaudit.yaml"
else
  e2e_fail "vector validate accepts printaudit.yaml" "$out"
fi
e2e_done
