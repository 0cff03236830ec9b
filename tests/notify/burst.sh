#!/usr/bin/env bash
# Hundreds of jobs ending at once: cancel -a on a wired queue of held jobs.
# cupsd writes every job-completed event in one go (Cancel-Jobs), without
# waiting, while the notifier waits for cupsd's answer about the first;
# the default 64 KiB pipe holds about 130 such events.  Each job still
# gets exactly one job.end, and cupsd drops no event.
set -euo pipefail
# shellcheck source=lib-notify.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib-notify.sh"

jobs=${NOTIFY_BURST_JOBS:-300}
notify_start
notify_raw_queue
notify_doc doc.txt "printaudit burst test"

# One job first, so that the notifier runs (cupsd starts it at the
# subscription's first event).
j=$(e2e_print raw "$doc")
e2e_wait_job raw "$j" completed
notify_expect raw "$j" completed 1 1
notify_wait_end raw "$j"

held=()
for ((i = 0; i < jobs; i++)); do
  held+=("$(e2e_print raw -H indefinite "$doc")")
done
e2e_note "$jobs jobs held on raw (jobs ${held[0]} to ${held[-1]}); cancel -a raw"
cancel -a raw
for j in "${held[@]}"; do
  notify_expect raw "$j" canceled 0 0
done

ends() { grep -c '"action":"job.end"' "$NOTIFY_OUTCOME" || true; }
all_ended() { (($(ends) >= jobs + 1)); }
e2e_wait_for 60 all_ended || true
e2e_note "$(ends) job.end records in the OutcomeLog for $((jobs + 1)) jobs"
sleep 1					# Time for a duplicate to show
notify_check_all
# cupsd's debug error_log is rotated at 1 MB during the burst: read all.
e2e_check "cupsd sent every event (no \"Unable to send event\")" \
  bash -c "! cat '$E2E_DIR'/log/error_log* | grep -q 'Unable to send event'"
e2e_check "the notifier never exited meanwhile (no \"went away\")" \
  bash -c "! cat '$E2E_DIR'/log/error_log* | grep -q 'Notifier for subscription [0-9]* (printaudit:.*) went away'"
e2e_finish
