#!/usr/bin/env bash
# The bad-input matrix (matrix.tsv), run on the shim directly as root by
# matrix.py: see the top of both files.  Every record is validated against
# schema/printaudit-record.schema.json.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PRINTAUDIT_SOURCE_DIR=${PRINTAUDIT_SOURCE_DIR:-$(cd "$HERE/../.." && pwd)}
PRINTAUDIT_BIN=${PRINTAUDIT_BIN:-$PRINTAUDIT_SOURCE_DIR/build/backend/printaudit}
[[ -x $PRINTAUDIT_BIN ]] || { echo "Bail out! no shim at $PRINTAUDIT_BIN"; exit 1; }
exec /usr/bin/python3 "$HERE/matrix.py" --shim "$PRINTAUDIT_BIN" \
  --schema "$PRINTAUDIT_SOURCE_DIR/schema/printaudit-record.schema.json" "$@"
