#!/usr/bin/env bash
# The JsonLog against logrotate and against jobs killed mid-write
# (jsonlog_races.py, see its top), on the shim directly as root.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PRINTAUDIT_SOURCE_DIR=${PRINTAUDIT_SOURCE_DIR:-$(cd "$HERE/../.." && pwd)}
PRINTAUDIT_BIN=${PRINTAUDIT_BIN:-$PRINTAUDIT_SOURCE_DIR/build/backend/printaudit}
[[ -x $PRINTAUDIT_BIN ]] || { echo "Bail out! no shim at $PRINTAUDIT_BIN"; exit 1; }
exec /usr/bin/python3 "$HERE/jsonlog_races.py" --shim "$PRINTAUDIT_BIN" "$@"
