#!/usr/bin/env bash
# cupsd's own policy and settings, as shipped: a job that failed and was
# retried leaves two job.start records and one job.end; the stock
# JobPrivateValues hide the user and the title from the notifier (null, not
# a guess); JsonFormat ecs gives an ECS job.end, valid against the ECS
# schema, and LogTitles hash leaves the title out of job.end (the notifier
# cannot read the root-only key).  Unwiring with cupsd stopped (the
# package's prerm) takes the subscription out of subscriptions.conf;
# --unsubscribe and --subscribe do only that.
set -euo pipefail
# shellcheck source=lib-notify.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib-notify.sh"

notify_start
notify_stock_privacy "JobRetryInterval 5"
port=$(e2e_free_port)			# Nothing listens there yet
e2e_add_queue retry "socket://127.0.0.1:$port/?contimeout=5" -o printer-error-policy=retry-job
notify_wire retry >/dev/null
doc=$E2E_DIR/doc.txt
printf 'printaudit retried job\n' >"$doc"
chmod 0644 "$doc"

# 1. The first attempt fails (about 15 s), the job is held for
#    JobRetryInterval, the receiver comes up, the second attempt prints.
j=$(lp -d retry -U alice -t "Secret plans" "$doc" | sed -n 's/^request id is retry-\([0-9]*\) .*/\1/p')
[[ -n $j ]] || e2e_die "lp refused the job"
e2e_wait_for 60 e2e_job_in_state retry "$j" pending-held ||
  e2e_fail "job $j failed once and was held for a retry"
notify_start_listener up "$port"
E2E_WAIT=60 e2e_wait_job retry "$j" completed
notify_expect retry "$j" completed 1 2
notify_wait_end retry "$j"
sleep 1
notify_check_all
end=$(grep -F '"job.end"' "$NOTIFY_OUTCOME" | tail -n 1)
e2e_expect "$end" 'job.user=null' 'job.title=null'
e2e_check_no_string "the hidden title is in no job.end" "Secret plans" "$NOTIFY_OUTCOME"

# 2. JsonFormat ecs and LogTitles hash: an ECS job.end without the title,
#    in an OutcomeLog of its own (the backend's sinks off).
key=$E2E_SERVERROOT/printaudit.key
head -c 32 /dev/urandom >"$key"
chmod 0600 "$key"
ecs_log=$E2E_DIR/outcome/ecs.jsonl
e2e_write_printaudit_conf "Syslog off" "JsonFormat ecs" "LogTitles hash" \
  "TitleKeyFile $key" "OutcomeLog $ecs_log"
j=$(lp -d retry -U alice -t "Secret plans" "$doc" | sed -n 's/^request id is retry-\([0-9]*\) .*/\1/p')
e2e_wait_job retry "$j" completed
e2e_wait_for "$E2E_WAIT" test -s "$ecs_log" || e2e_fail "an ECS job.end in $ecs_log"
rec=$(head -n 1 "$ecs_log")
e2e_expect "$rec" 'event.action="job.end"' 'event.outcome="success"' \
  "printaudit.job.id=$j" 'printaudit.job.state="completed"' 'printaudit.job.title=null'
e2e_check_no_string "the title is in no ECS job.end" "Secret plans" "$ecs_log"
if out=$("$E2E_PY" "$E2E_HERE/records.py" validate \
           "$PRINTAUDIT_SOURCE_DIR/schema/printaudit-ecs.schema.json" "$ecs_log" 2>&1); then
  e2e_pass "the ECS job.end is valid against the ECS schema ($(tail -n 1 <<<"$out"))"
else
  e2e_fail "the ECS job.end is valid against the ECS schema" "$out"
fi
# 3. Unwiring while cupsd is stopped (as the package's prerm does): the
#    subscription leaves subscriptions.conf with the last wired printer, so
#    the next cupsd has none for a notifier that may be gone.  Then
#    --unsubscribe --offline removes one even while printers stay wired.
subs_conf=$E2E_SERVERROOT/subscriptions.conf
e2e_stop_cupsd
e2e_check "subscriptions.conf holds the subscription" grep -qi '^Recipient printaudit:' "$subs_conf"
out=$(notify_wire --undo --all --offline 2>&1) || e2e_fail "printaudit-wire --undo --all --offline" "$out"
printf '# %s\n' "${out//$'\n'/$'\n# '}"
e2e_check "no printaudit:// subscription left in subscriptions.conf" \
  bash -c "! grep -qi '^Recipient printaudit:' '$subs_conf'"
e2e_start_cupsd_again "$E2E_DIR/log/cupsd.out"
e2e_check_eq "cupsd starts with no printaudit:// subscription" 0 "$(notify_subscriptions)"
notify_wire retry >/dev/null
e2e_check_eq "wiring again makes one" 1 "$(notify_subscriptions)"
e2e_stop_cupsd
out=$(notify_wire --unsubscribe --offline 2>&1) || e2e_fail "printaudit-wire --unsubscribe --offline" "$out"
e2e_check "--unsubscribe --offline removed it, the printer still wired" \
  bash -c "! grep -qi '^Recipient printaudit:' '$subs_conf' && grep -qi '^DeviceURI printaudit:' '$E2E_SERVERROOT/printers.conf'"
e2e_start_cupsd_again "$E2E_DIR/log/cupsd.out"
e2e_check_eq "cupsd starts with none" 0 "$(notify_subscriptions)"
out=$(notify_wire --subscribe 2>&1)
e2e_check_eq "--subscribe makes it again (a printer is wired)" 1 "$(notify_subscriptions)"
e2e_finish
