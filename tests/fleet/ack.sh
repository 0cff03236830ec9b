#!/usr/bin/env bash
# ack.sh: a collector (conf/rsyslog/printaudit-collector.conf) whose output
# hangs, and that is then killed (SIGKILL), loses nothing that it
# acknowledged over RELP.
#
# The collector's per-host file is made a FIFO that nobody reads, so writing
# to it blocks (a hung disk, an NFS server gone).  200 records go from the
# client (conf/rsyslog/printaudit-client.conf, imfile on the JsonLog) to the
# collector; the collector is killed, the FIFO removed, the collector
# started again: all 200 records must arrive.  The shipped collector runs
# its ruleset in Direct mode, so imrelp acknowledges a message only after
# it was written.  The same run with an in-memory ruleset queue (the
# snippet without queue.type="Direct") is reported for comparison, not
# asserted: there imrelp acknowledges on enqueue, and a kill loses what was
# queued.
set -euo pipefail
FLEET_TEST_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=SCRIPTDIR/lib-fleet.sh
. "$FLEET_TEST_DIR/lib-fleet.sh"

records=200

fleet_init

sent_to() {				# sent_to DIR: unique event ids in DIR's host file
  local file=$1/collector/out/hosts/fleet-client-1.jsonl
  if [[ -f $file && ! -p $file ]]; then
    grep -o '"id":"[0-9a-f]*"' "$file" | sort -u | wc -l
  else
    echo 0
  fi
}

all_arrived() { (($(sent_to "$1") >= records)); }

got=0
run() {					# run NAME WAIT [FROM=>TO]: sets got, the ids that arrived
  local name=$1 wait=$2 dir=$E2E_DIR/$1 port pair=()
  shift 2
  (($# == 0)) || pair=("$@")
  port=$(e2e_free_port)
  mkdir -p "$dir/client" "$dir/collector/out/hosts"
  fleet_instantiate printaudit-client.conf "$dir/client/printaudit-client.conf" \
    "collector.example.net=>127.0.0.1" "port=\"2514\"=>port=\"$port\"" \
    "/var/log/cups/printaudit.jsonl=>$dir/shipped.jsonl" "/var/log/printaudit=>$dir/client/out" ||
    e2e_die "cannot instantiate printaudit-client.conf"
  fleet_instantiate printaudit-collector.conf "$dir/collector/printaudit-collector.conf" \
    "port=\"2514\"=>port=\"$port\" address=\"127.0.0.1\"" "/var/log/printaudit=>$dir/collector/out" \
    "${pair[@]}" || e2e_die "cannot instantiate printaudit-collector.conf"
  fleet_main_conf "$dir/client" fleet-client-1 "$dir/client/printaudit-client.conf"
  fleet_main_conf "$dir/collector" fleet-collector "$dir/collector/printaudit-collector.conf"
  mkfifo "$dir/collector/out/hosts/fleet-client-1.jsonl"

  fleet_start_rsyslogd "$name-collector" "$dir/collector"
  e2e_wait_for 20 e2e_listening "$port" || e2e_die "$name: the collector did not listen"
  fleet_start_rsyslogd "$name-client" "$dir/client"
  e2e_stub_serverbin "$dir/serverbin" socket
  printf 'Syslog off\nJsonLog %s\n' "$dir/shipped.jsonl" >"$dir/printaudit.conf"
  chmod 0644 "$dir/printaudit.conf"
  local n
  for ((n = 1; n <= records; n++)); do
    PRINTAUDIT_CONF=$dir/printaudit.conf CUPS_SERVERBIN=$dir/serverbin \
      DEVICE_URI=printaudit:socket://127.0.0.1:9100 \
      "$PRINTAUDIT_BIN" "$n" fleet-user "ack test $n" 1 media=A4 2>>"$dir/shim.err" ||
      e2e_die "$name: the shim failed: $(cat "$dir/shim.err")"
  done
  sleep 3				# the client sends; the collector hangs on the FIFO
  e2e_stop "$name-collector" KILL
  rm -f "$dir/collector/out/hosts/fleet-client-1.jsonl"
  fleet_start_rsyslogd "$name-collector" "$dir/collector"
  e2e_wait_for 20 e2e_listening "$port" || e2e_die "$name: the collector did not listen again"
  e2e_wait_for "$wait" all_arrived "$dir" || true
  e2e_stop "$name-client"
  e2e_stop "$name-collector"
  got=$(sent_to "$dir")
}

run direct 30
e2e_note "shipped collector (Direct ruleset): $got of $records records arrived after the kill"
e2e_check_eq "a collector killed while its output hung lost nothing it acknowledged" "$records" "$got"

# The client resends within its 10 s retry interval, or never.
run queued 15 'ruleset(name="printaudit_collect" queue.type="Direct")=>ruleset(name="printaudit_collect")'
e2e_note "for comparison, an in-memory ruleset queue: $got of $records records arrived after the kill"

e2e_done
