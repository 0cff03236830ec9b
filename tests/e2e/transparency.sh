#!/usr/bin/env bash
# The real backend cannot tell that the shim ran first.  The spy backend
# records what it gets; each job is printed twice on the same queue, once
# with the spy's URI and once with it wired through the shim, and the two
# runs must match: arguments (argv[0] without the password), the whole
# environment (DEVICE_URI is the original URI, password included), open
# descriptors (3 and 4 included, nothing more), identity for each file mode
# of the backend, working directory, umask, signal masks, stdin (data on a
# filtered queue, untouched), and the exit status that cupsd sees.
set -euo pipefail
# shellcheck source=../lib/harness.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/harness.sh"

e2e_start
uri="spy://user:secret@127.0.0.1:9/x"
doc=$E2E_DIR/document.txt
e2e_make_document "$doc" text
e2e_add_queue raw "$uri"
e2e_add_queue filtered "$uri" -P "$E2E_HERE/filtered.ppd"
e2e_spy_status 0

print_spy() {				# print_spy QUEUE URI: sets job and run
  e2e_add_queue "$1" "$2"
  job=$(e2e_print "$1" -U alice -t e2e-spy -o e2e-key=e2e-value "$doc")
  e2e_wait_job "$1" "$job" completed
  run=$(e2e_spy_run "$job")
}

fd_is() {				# fd_is RUN FD TYPE
  grep -q -x "$2 $3" <(e2e_spy_fds "$1")
}

compare_runs() {			# compare_runs QUEUE MODE UID GID: unwired vs wired
  local queue=$1 mode=$2 what="$1 queue, spy mode $2" plain wired job run i
  chmod "$mode" "$E2E_SERVERBIN/backend/spy"
  print_spy "$queue" "$uri"
  plain=$run
  print_spy "$queue" "printaudit:$uri"
  wired=$run
  e2e_check "$what: cupsd ran the shim for job $job" \
    grep -q "\[Job $job\] Started backend $E2E_SERVERBIN/backend/printaudit " \
    "$E2E_DIR/log/error_log"

  mapfile -t argv < <(e2e_spy_list "$wired" argv)
  # cupsd gives a backend its URI without userinfo; so must the shim.
  e2e_check_eq "$what: argv[0] is what cupsd gives the backend unwired" \
    "$(head -n 1 < <(e2e_spy_list "$plain" argv))" "${argv[0]}"
  e2e_check_no_string "$what: argv[0] has no credentials" secret <(printf '%s\n' "${argv[0]}")
  e2e_check_eq "$what: as many arguments as unwired" \
    "$(e2e_spy_list "$plain" argv | wc -l)" "${#argv[@]}"
  for ((i = 1; i < ${#argv[@]}; i++)); do
    e2e_check_eq "$what: argv[$i] is what cupsd gave the shim" \
      "$(e2e_backend_argv "$job" "$i")" "${argv[i]}"
  done
  e2e_check_eq "$what: the environment is the unwired one" \
    "$(e2e_spy_list "$plain" env)" "$(e2e_spy_list "$wired" env)"
  e2e_check_eq "$what: DEVICE_URI is the original URI" \
    "DEVICE_URI=$uri" "$(grep '^DEVICE_URI=' <(e2e_spy_list "$wired" env))"
  e2e_check_eq "$what: the open descriptors are the unwired ones" \
    "$(e2e_spy_fds "$plain")" "$(e2e_spy_fds "$wired")"
  e2e_check "$what: fd 3 (back channel) is open" fd_is "$wired" 3 pipe
  e2e_check "$what: fd 4 (side channel) is open" fd_is "$wired" 4 socket
  e2e_check_eq "$what: the identity is cupsd's" "$(cat "$plain/ids")" "$(cat "$wired/ids")"
  e2e_check_eq "$what: uid $3, gid $4, groups $4" "$3 $3 $4 $4 $4" \
    "$(tr '\n' ' ' <"$wired/ids" | sed 's/ $//')"
  e2e_check_eq "$what: cwd, umask and signal masks are the unwired ones" \
    "$(cat "$plain/state")" "$(cat "$wired/state")"
  if [[ $queue == filtered ]]; then
    e2e_check_same_file "$what: stdin held the whole job, unread by the shim" \
      "$doc" "$wired/stdin"
  fi
}

lp_uid=$(id -u lp)
lp_gid=$(id -g lp)
# cupsd runs a backend as root unless others may execute it; root
# backends keep the group lp.
compare_runs raw 0755 "$lp_uid" "$lp_gid"
compare_runs raw 0711 "$lp_uid" "$lp_gid"
compare_runs raw 0744 0 "$lp_gid"
compare_runs raw 0750 0 "$lp_gid"
compare_runs raw 0700 0 "$lp_gid"
compare_runs filtered 0755 "$lp_uid" "$lp_gid"

e2e_check_no_string "the URI's password is in no sink" secret \
  "$E2E_DIR/audit.jsonl" "$E2E_DIR/syslog.out"

# The exit status reaches cupsd untouched.
chmod 0755 "$E2E_SERVERBIN/backend/spy"
e2e_add_queue raw "printaudit:$uri"
e2e_spy_status 4			# CUPS_BACKEND_STOP
job=$(e2e_print raw -t e2e-stop "$doc")
e2e_wait_printer raw stopped
e2e_check_eq "exit 4: the job is still pending" pending "$(e2e_job_attr raw "$job" job-state)"
e2e_check_eq "exit 4: the spy's ERROR line is the printer's state message" \
  "spy exits with status 4" "$(e2e_printer_message raw)"
e2e_spy_status 0
cupsenable raw
e2e_wait_job raw "$job" completed
e2e_pass "exit 0: the job completed"
e2e_spy_status 3			# CUPS_BACKEND_HOLD
job=$(e2e_print raw -t e2e-hold "$doc")
e2e_wait_job raw "$job" pending-held
e2e_pass "exit 3: the job is held"

e2e_finish
