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

if ! command -v fluent-bit >/dev/null; then
  echo "# SKIP: fluent-bit is not installed (Debian 12 does not package it)"
  exit 77
fi
dir=$(mktemp -d "${TMPDIR:-/tmp}/printaudit-fleet.XXXXXX")
trap 'rm -rf -- "$dir"' EXIT

fleet_instantiate "$conf/printaudit.conf" "$dir/printaudit.conf" \
  "/var/lib/fluent-bit/printaudit=>$dir/state" "/var/log/cups/printaudit.jsonl=>$dir/printaudit.jsonl" \
  "collector.example.net=>127.0.0.1"
cp "$conf/printaudit-parsers.conf" "$dir/"
mkdir -p "$dir/state"
if out=$(fluent-bit --dry-run -c "$dir/printaudit.conf" 2>&1); then
  echo "ok - fluent-bit --dry-run accepts printaudit.conf"
  echo "# PASS"
else
  echo "not ok - fluent-bit --dry-run accepts printaudit.conf"
  fleet_indent "$out"
  exit 1
fi
