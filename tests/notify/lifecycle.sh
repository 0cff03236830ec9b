#!/usr/bin/env bash
# The notifier's life around cupsd's: the subscription survives a cupsd
# restart without duplicate records; a killed notifier does not stop
# printing and cupsd starts a new one; a second subscription (two notifier
# processes) still gives one job.end per job; uninstalling with a live
# subscription cancels it before the notifier goes, so cupsd does not spin;
# wiring again without the notifier warns and makes no subscription.
set -euo pipefail
# shellcheck source=lib-notify.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib-notify.sh"

notify_start
e2e_start_receiver sock
port=$(e2e_receiver_port sock)
notify_start_sink slow
e2e_add_queue raw "socket://127.0.0.1:$port"
e2e_add_queue slow "socket://127.0.0.1:$(notify_sink_port slow)"
e2e_add_queue plain "socket://127.0.0.1:$port"
notify_wire raw slow >/dev/null
notify_doc doc.txt "printaudit lifecycle test"

print_raw() {				# print_raw [LP-ARG...]: a completed raw job
  local j
  j=$(e2e_print raw "$@" "$doc")
  e2e_wait_job raw "$j" completed
  notify_expect raw "$j" completed 1 1
  notify_wait_end raw "$j"
}

# 1. A job, then cupsd restarted: the subscription persists, no duplicate.
print_raw
notify_restart_cupsd
e2e_check_eq "the subscription survives a cupsd restart" 1 "$(notify_subscriptions)"
print_raw
print_raw

# 2. The notifier killed between jobs and while a job is sent.
mapfile -t pids < <(notify_notifier_pids)
e2e_check_eq "one notifier process runs" 1 "${#pids[@]}"
((${#pids[@]} == 0)) || kill -KILL "${pids[@]}"
print_raw
e2e_check "cupsd started a new notifier" test -n "$(notify_notifier_pids)"
j=$(e2e_print slow "$doc")
e2e_wait_for "$E2E_WAIT" grep -q '"name":"slow"' "$E2E_DIR/audit.jsonl" ||
  e2e_fail "the slow job started"
e2e_wait_job slow "$j" processing
mapfile -t pids < <(notify_notifier_pids)
e2e_check "a notifier runs while the slow job is sent" test "${#pids[@]}" -gt 0
((${#pids[@]} == 0)) || kill -KILL "${pids[@]}"
cancel "slow-$j"
e2e_wait_job slow "$j" canceled
print_raw
# The job that ended while no notifier ran: cupsd writes its event to the
# dead notifier's pipe, gets EPIPE, starts a new one and writes it again.
notify_expect slow "$j" canceled 1 1
notify_wait_end slow "$j"

# 3. A second subscription by hand: two notifiers, still one job.end a job.
out=$(notify_create_subscription)
e2e_check "a second printaudit:// subscription was created" \
  grep -q '^[0-9]' <<<"$(sed -n 2p <<<"$out")"
e2e_check_eq "two printaudit:// subscriptions" 2 "$(notify_subscriptions)"
print_raw
print_raw -n 1
e2e_check_eq "two notifier processes run" 2 "$(notify_notifier_pids | grep -c .)"
j=$(e2e_print plain "$doc")
e2e_wait_job plain "$j" completed
sleep 1
notify_check_all

# 4. Uninstall (printaudit-uninstall, as `cmake --build --target uninstall`)
#    while both subscriptions live: they are cancelled before the notifier
#    is removed, and cupsd neither spins nor floods its error_log.
printf '%s\n' "$E2E_SERVERBIN/notifier/printaudit" >"$E2E_DIR/install_manifest.txt"
out=$(CUPS_SERVER=$CUPS_SERVER PRINTAUDIT_SERVERROOT=$E2E_SERVERROOT \
        sh "$PRINTAUDIT_SOURCE_DIR/scripts/printaudit-uninstall" "$E2E_DIR/install_manifest.txt" 2>&1) ||
  e2e_fail "printaudit-uninstall succeeds" "$out"
printf '# %s\n' "${out//$'\n'/$'\n# '}"
e2e_check "the notifier was removed" test ! -e "$E2E_SERVERBIN/notifier/printaudit"
e2e_check_eq "no printaudit:// subscription is left" 0 "$(notify_subscriptions)"
before=$(notify_error_log_size)
for _ in 1 2 3; do
  j=$(e2e_print raw "$doc")
  e2e_wait_job raw "$j" completed
done
sleep 2
grown=$(($(notify_error_log_size) - before))
e2e_note "error_log grew by $grown bytes over 3 jobs after the uninstall"
e2e_check "cupsd's error_log grew by less than 200 KB (no notifier spin)" test "$grown" -lt 204800
e2e_check "cupsd never looked for the removed notifier" \
  bash -c "! grep -q 'notifier/printaudit\" not available' '$E2E_DIR/log/error_log'"
e2e_check "cupsd answers" e2e_cupsd_ready

# 5. Wiring without the notifier: the printer is wired, a warning says
#    there will be no job.end, and cupsd refuses the subscription.
if out=$(notify_wire raw 2>&1); then
  e2e_pass "wiring succeeds without the notifier"
else
  e2e_fail "wiring succeeds without the notifier" "$out"
fi
e2e_check "printaudit-wire warns that the notifier is missing" \
  grep -q 'warning: the notifier is not installed' <<<"$out"
e2e_check_eq "no printaudit:// subscription without the notifier" 0 "$(notify_subscriptions)"
e2e_finish
