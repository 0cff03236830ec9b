#!/usr/bin/env bash
# rsyslog_syntax.sh: every snippet in conf/rsyslog/ passes "rsyslogd -N1"
# (with no error or warning) inside a private main configuration that
# stands for Debian's /etc/rsyslog.conf, both as shipped and with the
# site values replaced as the tests replace them; and a broken copy fails,
# so the check is not a formality.
set -euo pipefail
FLEET_TEST_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=SCRIPTDIR/lib-fleet.sh
. "$FLEET_TEST_DIR/lib-fleet.sh"

command -v rsyslogd >/dev/null || e2e_die "rsyslogd is not installed"
E2E_NAME=fleet
e2e_init_dir
dir=$E2E_DIR

check() {				# check WHAT SNIPPET...
  local what=$1 out
  shift
  fleet_main_conf "$dir" fleet-check "$@"
  if out=$(fleet_check_conf "$dir/rsyslog.conf" 2>&1); then
    e2e_pass "rsyslogd -N1: $what"
  else
    e2e_fail "rsyslogd -N1: $what" "$out"
  fi
}

rejected() { ! fleet_check_conf "$1" 2>/dev/null; }

snippets=(printaudit-local.conf printaudit-client.conf printaudit-collector.conf)
for snippet in "${snippets[@]}"; do
  check "$snippet as shipped" "$FLEET_SNIPPETS/$snippet"
done

# As the functional tests use them, and as relay.sh's TCP variant.
fleet_instantiate printaudit-client.conf "$dir/client.conf" \
  "collector.example.net=>127.0.0.1" 'port="2514"=>port="20514"' \
  "/var/log/cups/printaudit.jsonl=>$dir/shipped.jsonl" "/var/log/printaudit=>$dir/out"
fleet_instantiate printaudit-collector.conf "$dir/collector.conf" \
  'port="2514"=>port="20514" address="127.0.0.1"' "/var/log/printaudit=>$dir/out"
check "printaudit-client.conf, private paths" "$dir/client.conf"
check "printaudit-collector.conf, private paths" "$dir/collector.conf"
fleet_instantiate printaudit-client.conf "$dir/client-tcp.conf" \
  "collector.example.net=>127.0.0.1" 'port="2514"=>port="20514"' \
  "/var/log/cups/printaudit.jsonl=>$dir/shipped.jsonl" "/var/log/printaudit=>$dir/out" \
  'module(load="omrelp")=>' 'type="omrelp"=>type="omfwd" protocol="tcp" TCP_Framing="octet-counted"'
fleet_instantiate printaudit-collector.conf "$dir/collector-tcp.conf" \
  'port="2514"=>port="20514"' "/var/log/printaudit=>$dir/out" \
  'module(load="imrelp")=>module(load="imtcp")' 'input(type="imrelp"=>input(type="imtcp"'
check "printaudit-client.conf, omfwd (TCP) instead of omrelp" "$dir/client-tcp.conf"
check "printaudit-collector.conf, imtcp instead of imrelp" "$dir/collector-tcp.conf"

# fleet_instantiate refuses what it cannot make private, and names the
# snippet (not a replacement) in its message.
out=""
if out=$(fleet_instantiate printaudit-client.conf "$dir/bad.conf" \
           "collector.example.net=>127.0.0.1" "no-such-text=>x" 2>&1); then
  e2e_fail "fleet_instantiate refuses a replacement the snippet lacks"
else
  e2e_check_eq "fleet_instantiate: the snippet that lacks a replacement is named" \
    "fleet: printaudit-client.conf has no 'no-such-text'" "$out"
fi
if out=$(fleet_instantiate printaudit-collector.conf "$dir/bad.conf" \
           'port="2514"=>port="20514"' 2>&1); then
  e2e_fail "fleet_instantiate refuses a copy that still names /var/"
else
  e2e_check_eq "fleet_instantiate: the snippet that still names /var/ is named" \
    "fleet: printaudit-collector.conf still names a system path or example host (above)" \
    "$(tail -n 1 <<<"$out")"
fi

# The check must catch a mistake.
sed 's/cookie=""/cookie="" no_such_parameter="1"/' "$FLEET_SNIPPETS/printaudit-collector.conf" \
  >"$dir/broken.conf"
fleet_main_conf "$dir" fleet-check "$dir/broken.conf"
e2e_check "rsyslogd -N1 rejects a snippet with an unknown parameter" \
  rejected "$dir/rsyslog.conf"
e2e_done
