#!/usr/bin/env bash
# relay.sh relp|tcp: a print server's rsyslogd (conf/rsyslog/printaudit-client.conf)
# forwards printaudit records to a collector's rsyslogd
# (conf/rsyslog/printaudit-collector.conf) on 127.0.0.1, while the collector
# is restarted (SIGTERM), the client is restarted (SIGTERM), and the
# collector is frozen (SIGSTOP) for 3 s, killed (SIGKILL) and restarted,
# all in the middle of the stream.
#
# Records: a few jobs printed through a private cupsd (the shim run by
# cupsd, syslog path), then FLEET_JOBS (3000) direct runs of the shim, 8 at
# a time, at FLEET_RATE (60) jobs a second: even job ids through syslog
# (Syslog on; their JsonLog is a private copy, not shipped, that tells what
# was sent), odd job ids through the JsonLog file that the client's imfile
# reads (Syslog off), in the ECS form (JsonFormat ecs).  Two jobs in 97
# are long enough to be split in syslog.
#
# relp: the shipped snippets as they are.  Every record the client got must
# reach the collector, byte for byte; duplicates are counted; nothing that
# is not a printaudit JSON object may reach the per-host file.  Records of
# the syslog path whose job ran while the client rsyslogd was restarting
# are counted apart (refused ones are reported by the shim on stderr; a
# datagram left in the socket of an exiting rsyslogd is lost without trace).
# tcp: the same snippets with omrelp/imrelp replaced by omfwd/imtcp
# (octet-counted framing): losses are reported, not asserted.
#
# Prints, per variant and source: records sent, received, duplicated, lost,
# and the seconds the collector took to catch up after each restart.
set -euo pipefail
FLEET_TEST_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=SCRIPTDIR/lib-fleet.sh
. "$FLEET_TEST_DIR/lib-fleet.sh"

variant=${1:-relp}
[[ $variant == relp || $variant == tcp ]] || e2e_die "usage: relay.sh relp|tcp"
jobs=${FLEET_JOBS:-3000}
rate=${FLEET_RATE:-60}
first_job=100000
client_host=fleet-client-1

fleet_init
if [[ $variant == relp ]] &&
   [[ ! -e /usr/lib/x86_64-linux-gnu/rsyslog/omrelp.so && -z $(find /usr/lib -name omrelp.so 2>/dev/null | head -n 1) ]]; then
  e2e_die "rsyslog's RELP modules are not installed (Debian package rsyslog-relp)"
fi

F=$E2E_DIR/fleet
client=$F/client
collector=$F/collector
mkdir -p "$client" "$collector"
port=$(e2e_free_port)
e2e_note "variant $variant: client $client_host -> collector 127.0.0.1:$port; $jobs jobs at $rate/s"

# --- The two rsyslogd instances ----------------------------------------------

client_pairs=("collector.example.net=>127.0.0.1" "port=\"2514\"=>port=\"$port\""
              "/var/log/cups/printaudit.jsonl=>$F/shipped.jsonl"
              "/var/log/printaudit=>$client/out")
collector_pairs=("port=\"2514\"=>port=\"$port\" address=\"127.0.0.1\"" "/var/log/printaudit=>$collector/out")
if [[ $variant == tcp ]]; then
  client_pairs+=('module(load="omrelp")=>'
                 'type="omrelp"=>type="omfwd" protocol="tcp" TCP_Framing="octet-counted"')
  collector_pairs+=('module(load="imrelp")=>module(load="imtcp")'
                    'input(type="imrelp"=>input(type="imtcp"')
fi
fleet_instantiate printaudit-client.conf "$client/printaudit-client.conf" "${client_pairs[@]}" ||
  e2e_die "cannot instantiate printaudit-client.conf"
fleet_instantiate printaudit-collector.conf "$collector/printaudit-collector.conf" "${collector_pairs[@]}" ||
  e2e_die "cannot instantiate printaudit-collector.conf"
fleet_main_conf "$client" "$client_host" "$client/printaudit-client.conf"
fleet_main_conf "$collector" fleet-collector "$collector/printaudit-collector.conf"
for conf in "$client/rsyslog.conf" "$collector/rsyslog.conf"; do
  out=$(fleet_check_conf "$conf" 2>&1) || e2e_die "rsyslogd -N1 rejects $conf: $out"
done
e2e_pass "rsyslogd -N1 accepts the client and collector configurations ($variant)"

collector_up() { e2e_listening "$port"; }
client_up() { [[ -S $client/log.sock ]]; }

start_collector() {
  fleet_start_rsyslogd collector "$collector"
  e2e_wait_for 20 collector_up || e2e_die "the collector did not listen on 127.0.0.1:$port"
}

start_client() {
  fleet_start_rsyslogd client "$client"
  e2e_wait_for 20 client_up || e2e_die "the client did not make $client/log.sock"
}

start_collector
start_client

# --- The shim's configurations -------------------------------------------------

e2e_stub_serverbin "$F/serverbin" socket
printf 'Syslog on\nSyslogSocket %s\nJsonLog %s\n' "$client/log.sock" "$F/sent-syslog.jsonl" \
  >"$F/syslog.conf"
printf 'Syslog off\nJsonLog %s\nJsonFormat ecs\n' "$F/shipped.jsonl" >"$F/jsonlog.conf"
chmod 0644 "$F/syslog.conf" "$F/jsonlog.conf"

# A message of program "printaudit" that is not a record is kept apart.
logger -u "$client/log.sock" -t printaudit -- "fleet: not a record"

# --- A few jobs through a real cupsd ---------------------------------------------

e2e_start_cupsd
printf 'Syslog on\nSyslogSocket %s\nJsonLog %s\n' "$client/log.sock" "$F/sent-cupsd.jsonl" \
  >"$E2E_SERVERROOT/printaudit.conf"
chmod 0644 "$E2E_SERVERROOT/printaudit.conf"
e2e_start_receiver sock
e2e_add_queue fleet "printaudit:socket://127.0.0.1:$(e2e_receiver_port sock)"
doc=$E2E_DIR/document.txt
e2e_make_document "$doc" text
for n in 1 2 3 4; do
  e2e_print fleet -U "fleet-user$n" -t "fleet cupsd job $n" -o media=A4 -o sides=one-sided "$doc" >/dev/null
done
e2e_wait_idle
cupsd_records=$(grep -c . "$F/sent-cupsd.jsonl" 2>/dev/null || true)
e2e_check_eq "4 jobs printed through cupsd left 4 records" 4 "${cupsd_records:-0}"

# --- The stream, and the restarts in its middle ------------------------------

results=$F/results.tsv
events=$F/events.tsv
: >"$results"
: >"$events"
sources=("syslog=syslog:$F/sent-syslog.jsonl" "jsonlog=jsonlog:$F/shipped.jsonl"
         "cupsd=syslog:$F/sent-cupsd.jsonl:nojobs")
spec() {				# spec OUT [--now]
  "$E2E_PY" "$FLEET_TEST_DIR/tally.py" spec "$1" "$collector/out/hosts" \
    "$collector/out/rejected.log" "$results" "$events" "${@:2}" "${sources[@]}"
}

e2e_spawn stream "$F/jobs.log" "$E2E_PY" "$FLEET_TEST_DIR/jobs.py" \
  "$PRINTAUDIT_BIN" "$F/serverbin" "$first_job" "$jobs" "$rate" 8 "$results" \
  "$F/syslog.conf" "$F/jsonlog.conf"

catchup=()
restart() {				# restart NAME WHO SIGNAL
  # SIGKILL comes after a 3 s SIGSTOP, as for a hung collector that gets
  # killed: the client keeps sending meanwhile, so records are in flight
  # (in TCP buffers, unacknowledged) when the collector dies.
  local name=$1 who=$2 sig=$3 began ready took done_jobs how pid
  done_jobs=$(grep -c . "$results" || true)
  began=$(fleet_now)
  if [[ $sig == KILL ]] && pid=$(e2e_pid "$who"); then
    kill -STOP "$pid"
    sleep 3
  fi
  e2e_stop "$who" "$sig"
  sleep 1
  "start_$who"
  ready=$(fleet_now)
  printf '%s %s %s\n' "$name" "$began" "$ready" >>"$events"
  spec "$F/spec-$name.json" --now
  took=$("$E2E_PY" "$FLEET_TEST_DIR/tally.py" wait "$F/spec-$name.json" 60) || true
  how=SIG$sig
  [[ $sig != KILL ]] || how="SIGSTOP for 3 s, then SIGKILL"
  e2e_note "$name ($how) after $done_jobs of $jobs jobs: the collector $took"
  catchup+=("$name: $took;")
  if ((done_jobs >= jobs)); then
    e2e_note "warning: the stream had ended before $name; the machine is slow"
  fi
}

sleep 5
restart collector-term collector TERM
sleep 2
restart client-term client TERM
sleep 2
restart collector-kill collector KILL

stream_over() { ! e2e_pid stream >/dev/null; }
e2e_wait_for -i 0.5 $((jobs / ${rate%.*} + 60)) stream_over || e2e_die "the jobs did not end in time"
e2e_stop stream
e2e_note "stream: $("$E2E_PY" "$FLEET_TEST_DIR/tally.py" stream "$results")"

# --- The tally -------------------------------------------------------------------

spec "$F/spec-final.json"
took=$("$E2E_PY" "$FLEET_TEST_DIR/tally.py" wait "$F/spec-final.json" 60) || true
e2e_note "after the last job: the collector $took"
catchup+=("after the last job: $took")
if [[ $variant == relp ]]; then
  if out=$("$E2E_PY" "$FLEET_TEST_DIR/tally.py" final "$F/spec-final.json" "$variant" --assert); then
    printf '%s\n' "$out"
    e2e_pass "relp: every record the client got reached the collector, unaltered, and nothing else"
  else
    printf '%s\n' "$out"
    e2e_fail "relp: every record the client got reached the collector, unaltered, and nothing else"
  fi
else
  "$E2E_PY" "$FLEET_TEST_DIR/tally.py" final "$F/spec-final.json" "$variant"
fi
e2e_note "$variant: ${catchup[*]}"

hosts=$(cd "$collector/out/hosts" 2>/dev/null && ls)
e2e_check_eq "the collector wrote one file, named after the client" "$client_host.jsonl" "$hosts"
e2e_check "the client kept printaudit's messages out of its syslog file" \
  fleet_lacks 'printaudit' "$client/syslog.out"
e2e_check "a printaudit message that is not a record stayed on the client" \
  grep -q -F "fleet: not a record" "$client/out/not-forwarded.log"

e2e_done
