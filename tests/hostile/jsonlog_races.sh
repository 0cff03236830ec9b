#!/usr/bin/env bash
# The JsonLog against logrotate and against jobs killed mid-write
# (jsonlog_races.py, see its top), on the shim directly as root.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../lib/harness.sh
. "$HERE/../lib/harness.sh"
e2e_require_shim
exec "$E2E_PY" "$HERE/jsonlog_races.py" --shim "$PRINTAUDIT_BIN" "$@"
