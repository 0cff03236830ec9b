#!/usr/bin/env bash
# syslog_ng.sh: the syslog-ng recipes in conf/shippers/syslog-ng/.
#
# 1. Each snippet passes "syslog-ng --syntax-only" inside a private main
#    configuration like Debian's syslog-ng.conf (and a broken copy fails).
# 2. A client syslog-ng (printaudit-local.conf + printaudit-client.conf)
#    and a collector syslog-ng (printaudit-collector.conf) on 127.0.0.1 get
#    records from the shim, through syslog and through the JsonLog file:
#    the local file and the collector's per-host file must hold exactly the
#    JSON that the shim wrote.
#
# syslog-ng-core conflicts with rsyslog in Debian, so a machine that runs the
# rsyslog tests cannot install it.  The test uses "syslog-ng" from PATH, or
# else the package unpacked in PRINTAUDIT_SYSLOG_NG_ROOT (default
# /opt/printaudit-syslog-ng):
#   apt-get install libivykis0 libnet1      # its libraries that rsyslog lacks
#   apt-get download syslog-ng-core
#   dpkg-deb -x syslog-ng-core_*.deb /opt/printaudit-syslog-ng
# Without either, it exits 77 (skipped).
set -euo pipefail
FLEET_TEST_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=SCRIPTDIR/lib-fleet.sh
. "$FLEET_TEST_DIR/lib-fleet.sh"
SNG_CONF=$PRINTAUDIT_SOURCE_DIR/conf/shippers/syslog-ng

root=${PRINTAUDIT_SYSLOG_NG_ROOT:-/opt/printaudit-syslog-ng}
if command -v syslog-ng >/dev/null; then
  sng=(syslog-ng)
elif [[ -x $root/usr/sbin/syslog-ng ]]; then
  moddir=$(find "$root/usr/lib/syslog-ng" -mindepth 1 -maxdepth 1 -type d -name '[0-9]*' | head -n 1)
  sng=(env "LD_LIBRARY_PATH=$root/usr/lib/syslog-ng" "$root/usr/sbin/syslog-ng"
       "--module-path=$moddir")
else
  e2e_skip "no syslog-ng on PATH and no unpacked syslog-ng-core in $root"
fi
version=$({ "${sng[@]}" --version 2>&1 || true; } | sed -n 's/^Installer-Version: \([0-9]*\.[0-9]*\).*/\1/p')
[[ -n $version ]] || e2e_die "cannot run ${sng[*]}: $("${sng[@]}" --version 2>&1 || true)"


e2e_init
e2e_note "syslog-ng $version: ${sng[*]}"

S=$E2E_DIR/syslog-ng
mkdir -p "$S/client/out" "$S/client/buffer" "$S/collector/out"

sng_main() {				# sng_main DIR WITH-S_SRC SNIPPET...: DIR/main.conf
  # Stands for Debian's /etc/syslog-ng/syslog-ng.conf, made private.
  local dir=$1 with_src=$2 snippet
  shift 2
  {
    printf '@version: %s\n' "$version"
    printf 'options { chain_hostnames(off); flush_lines(0); use_dns(no); use_fqdn(no);\n'
    printf '          dns_cache(no); owner("root"); group("root"); perm(0640); stats_freq(0); };\n'
    if [[ $with_src == yes ]]; then
      printf 'source s_src { unix-dgram("%s/log.sock"); internal(); };\n' "$dir"
    fi
    for snippet in "$@"; do
      printf '@include "%s"\n' "$snippet"
    done
  } >"$dir/main.conf"
}

sng_check() {				# sng_check WHAT DIR
  local out
  if out=$("${sng[@]}" --syntax-only -f "$2/main.conf" 2>&1); then
    e2e_pass "syslog-ng --syntax-only: $1"
  else
    e2e_fail "syslog-ng --syntax-only: $1" "$out"
  fi
}

# --- 1. Syntax, as shipped ---------------------------------------------------

mkdir -p "$S/check"
for snippet in printaudit-local.conf printaudit-client.conf printaudit-collector.conf; do
  sng_main "$S/check" yes "$SNG_CONF/$snippet"
  sng_check "$snippet as shipped" "$S/check"
done
sed 's/json-parser(prefix/json-parser(no_such_option/' "$SNG_CONF/printaudit-local.conf" \
  >"$S/check/broken.conf"
sng_main "$S/check" yes "$S/check/broken.conf"
if "${sng[@]}" --syntax-only -f "$S/check/main.conf" >/dev/null 2>&1; then
  e2e_fail "syslog-ng --syntax-only rejects a snippet with an unknown option"
else
  e2e_pass "syslog-ng --syntax-only rejects a snippet with an unknown option"
fi

# --- 2. Client and collector on 127.0.0.1 ------------------------------------

port=$(e2e_free_port)
client_pairs=("/var/lib/syslog-ng/printaudit=>$S/client/buffer"
              "/var/log/cups/printaudit.jsonl=>$S/shipped.jsonl"
              "collector.example.net=>127.0.0.1" "port(514)=>port($port)")
fleet_instantiate "$SNG_CONF/printaudit-local.conf" "$S/client/local.conf" "/var/log/printaudit=>$S/client/out" ||
  e2e_die "cannot instantiate printaudit-local.conf"
fleet_instantiate "$SNG_CONF/printaudit-client.conf" "$S/client/client.conf" "${client_pairs[@]}" ||
  e2e_die "cannot instantiate printaudit-client.conf"
fleet_instantiate "$SNG_CONF/printaudit-collector.conf" "$S/collector/collector.conf" \
  "/var/log/printaudit=>$S/collector/out" "port(514)=>ip(\"127.0.0.1\") port($port)" ||
  e2e_die "cannot instantiate printaudit-collector.conf"
sng_main "$S/client" yes "$S/client/local.conf" "$S/client/client.conf"
sng_main "$S/collector" no "$S/collector/collector.conf"
sng_check "client (local + client snippets), private paths" "$S/client"
sng_check "collector, private paths" "$S/collector"

sng_start() {				# sng_start NAME DIR
  e2e_spawn "$1" "$2/stdout" "${sng[@]}" -F -f "$2/main.conf" \
    --persist-file="$2/persist" --pidfile="$2/pid" --control="$2/ctl"
}
collector_up() { e2e_listening "$port"; }
client_up() { [[ -S $S/client/log.sock ]]; }
sng_start collector "$S/collector"
e2e_wait_for 20 collector_up || e2e_die "the syslog-ng collector did not listen on 127.0.0.1:$port"
sng_start client "$S/client"
e2e_wait_for 20 client_up || e2e_die "the syslog-ng client did not make $S/client/log.sock"

e2e_stub_serverbin "$S/serverbin" socket
printf 'Syslog on\nSyslogSocket %s\nJsonLog %s\n' "$S/client/log.sock" "$S/sent-syslog.jsonl" \
  >"$S/syslog.conf"
printf 'Syslog off\nJsonLog %s\n' "$S/shipped.jsonl" >"$S/jsonlog.conf"
chmod 0644 "$S/syslog.conf" "$S/jsonlog.conf"
: >"$S/results.tsv"
: >"$S/events.tsv"
# Job ids 96990...97009: 97000 and 97001 carry many options (see jobs.py).
"$E2E_PY" "$FLEET_TEST_DIR/jobs.py" "$PRINTAUDIT_BIN" "$S/serverbin" 96990 20 50 4 \
  "$S/results.tsv" "$S/syslog.conf" "$S/jsonlog.conf" ||
  e2e_fail "every job exited 0" "$(cut -f 7 "$S/results.tsv" | sort -u | head -n 5)"
logger -u "$S/client/log.sock" -t printaudit -- "fleet-syslog-ng: not a record"

tally_check() {				# tally_check WHAT SPEC-ARGS...
  local what=$1 out took
  shift
  "$E2E_PY" "$FLEET_TEST_DIR/tally.py" spec "$S/spec.json" "$@"
  took=$("$E2E_PY" "$FLEET_TEST_DIR/tally.py" wait "$S/spec.json" 30) || true
  e2e_note "$what: $took"
  if out=$("$E2E_PY" "$FLEET_TEST_DIR/tally.py" final "$S/spec.json" syslog-ng --assert); then
    printf '%s\n' "$out"
    e2e_pass "$what"
  else
    printf '%s\n' "$out"
    e2e_fail "$what"
  fi
}
tally_check "the local file holds every syslog record, byte for byte, and nothing else" \
  "$S/client/out" "$S/client/out/none" "$S/results.tsv" "$S/events.tsv" \
  "syslog=syslog:$S/sent-syslog.jsonl"
tally_check "the collector holds every record of both sources, byte for byte, and nothing else" \
  "$S/collector/out/hosts" "$S/collector/out/none" "$S/results.tsv" "$S/events.tsv" \
  "syslog=syslog:$S/sent-syslog.jsonl" "jsonlog=jsonlog:$S/shipped.jsonl"
hosts=$(find "$S/collector/out/hosts" -type f | wc -l)
e2e_check_eq "the collector wrote one file per source host" 1 "$hosts"

e2e_done
