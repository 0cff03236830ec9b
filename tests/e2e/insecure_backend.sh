#!/usr/bin/env bash
# cupsd refuses to run a backend that is not root's or that group or others
# can write ("has insecure permissions"): it would run as whoever can change
# it.  Through the shim the same backend must not run either; above all an
# lp-owned backend of mode 0700 must not run as root.  For each case the
# spy is printed to unwired (cupsd's behaviour, checked as the premise) and
# wired.
set -euo pipefail
# shellcheck source=../lib/harness.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/harness.sh"

e2e_start
uri="spy://127.0.0.1:9/x"
doc=$E2E_DIR/document.txt
e2e_make_document "$doc" text
spy=$E2E_SERVERBIN/backend/spy

spy_ran() {				# spy_ran QUEUE: print a job; did the spy run it?
  local job
  job=$(e2e_print "$1" -t "e2e-$1" "$doc")
  e2e_wait_for "$E2E_WAIT" e2e_job_settled "$1" "$job" || true
  run=$(compgen -G "$E2E_SPY_DIR/$job.*")
}

n=0 run=""
for owner_mode in root:0775 root:0757 lp:0755 lp:0700; do
  n=$((n + 1))
  chown "${owner_mode%:*}:${owner_mode%:*}" "$spy"
  chmod "${owner_mode#*:}" "$spy"
  what="spy owned by ${owner_mode%:*}, mode ${owner_mode#*:}"
  e2e_add_queue "plain$n" "$uri"
  e2e_add_queue "wired$n" "printaudit:$uri"
  if spy_ran "plain$n"; then
    e2e_fail "$what: cupsd refuses to run it (the premise of this test)"
  else
    e2e_pass "$what: cupsd refuses to run it: $(e2e_printer_message "plain$n")"
  fi
  if spy_ran "wired$n"; then
    e2e_fail "$what: the shim does not run it either" \
      "it ran as uid euid gid egid / groups: $(tr '\n' ' ' <"$run/ids")"
  else
    e2e_pass "$what: the shim does not run it either"
  fi
done

e2e_finish
