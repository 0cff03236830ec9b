#!/usr/bin/env bash
# printaudit quick start, for a fresh Debian 12 machine, as root:
# installs what is needed, builds, then prints one page through a private
# cupsd (its own configuration, port and socket in a temporary directory)
# whose only printer is wired through printaudit to a local JetDirect
# receiver, and shows the page's audit record as each sink holds it.
# The system's cupsd and printers are not touched.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)

[[ $(id -u) == 0 ]] || { echo "demo.sh: run as root (it starts a private cupsd)" >&2; exit 1; }

echo "== Installing build and demo dependencies (apt-get)"
"$top/scripts/install-deps.sh"

echo "== Building printaudit"
cmake -S "$top" -B "$top/build-demo" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DPRINTAUDIT_TESTS=OFF >/dev/null
cmake --build "$top/build-demo" -j "$(nproc)" >/dev/null

# The test harness starts and stops the private services.
export PRINTAUDIT_BIN=$top/build-demo/backend/printaudit PRINTAUDIT_SOURCE_DIR=$top
# shellcheck source=SCRIPTDIR/../tests/lib/harness.sh
. "$top/tests/lib/harness.sh"

echo "== Starting a private cupsd, rsyslogd and a JetDirect receiver on 127.0.0.1"
e2e_start >/dev/null
e2e_start_receiver jetdirect
port=$(e2e_receiver_port jetdirect)
e2e_add_queue office "printaudit:socket://127.0.0.1:$port"
echo "   printer 'office': $(lpstat -v office)"

echo "== Printing one page as $(id -un)"
printf 'printaudit demo page\n' > "$E2E_DIR/page.txt"
job=$(e2e_print office -t "Quarterly report" -o media=A4 -o sides=two-sided-long-edge \
      -o print-color-mode=monochrome "$E2E_DIR/page.txt")
e2e_wait_job office "$job" completed >/dev/null
e2e_wait_for "$E2E_WAIT" test "$(e2e_receiver_count jetdirect)" -ge 1 ||
  e2e_die "the receiver got no connection"
echo "   job office-$job completed; the receiver got $(cat "$E2E_DIR/recv/jetdirect"/*.bin | wc -c) bytes"

echo "== Its audit record in the JSON Lines file ($E2E_DIR/audit.jsonl):"
"$E2E_PY" -m json.tool --indent 2 < "$E2E_DIR/audit.jsonl"
echo "== The same record as syslog received it (facility, severity, program, message):"
e2e_syslog_sync
grep '^printaudit' "$E2E_DIR/syslog.out"
echo "== Done: the private services are stopped and the temporary directory removed."
