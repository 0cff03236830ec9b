#!/usr/bin/env bash
# The bad-input matrix (matrix.tsv), run on the shim directly as root by
# matrix.py: see the top of both files.  Every record is validated against
# schema/printaudit-record.schema.json.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../lib/harness.sh
. "$HERE/../lib/harness.sh"
e2e_require_shim
exec "$E2E_PY" "$HERE/matrix.py" --shim "$PRINTAUDIT_BIN" \
  --schema "$E2E_SCHEMA" "$@"
