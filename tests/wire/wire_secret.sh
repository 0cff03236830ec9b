#!/usr/bin/env bash
# printaudit-wire never puts a device URI's password on a command line:
# lpadmin -v URI would show it to every local account (ps,
# /proc/PID/cmdline) while it runs.  A private cupsd with the stock
# policy (administration needs authentication; root is known over the
# local socket by its peer credentials) has three printers whose URIs hold
# passwords: plain, with a percent-encoded ':' and with characters that
# ipptool's file syntax treats specially ($ " \ #).  They are wired and
# unwired while strace records the argv of every process printaudit-wire
# starts and a sampler reads /proc/*/cmdline; no argv holds a password,
# ipptool did the work, and printers.conf ends with the exact URIs.
set -euo pipefail
# shellcheck source=lib-wire.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib-wire.sh"

command -v ipptool >/dev/null 2>&1 || e2e_skip "no ipptool"
command -v strace >/dev/null 2>&1 || e2e_skip "no strace"
strace -f -qq -e trace=execve -o /dev/null true 2>/dev/null || e2e_skip "strace cannot trace here"

e2e_start
e2e_note "printaudit-wire runs under $WIRE_SH"

# The stock Debian policy: CUPS-Add-Modify-Printer needs an authenticated
# member of SystemGroup.
{
  echo "LogLevel debug"
  echo "Listen 127.0.0.1:$E2E_CUPS_PORT"
  echo "Listen $E2E_DIR/cups.sock"
  echo "DirtyCleanInterval 0"
  cat <<'EOF'
DefaultAuthType Basic
<Location />
  Order allow,deny
  Allow localhost
</Location>
<Policy default>
  <Limit Create-Job Print-Job Print-URI Validate-Job>
    Order deny,allow
  </Limit>
  <Limit CUPS-Add-Modify-Printer CUPS-Delete-Printer CUPS-Add-Modify-Class CUPS-Delete-Class CUPS-Set-Default CUPS-Get-Devices>
    AuthType Default
    Require user @SYSTEM
    Order deny,allow
  </Limit>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
EOF
} >"$E2E_SERVERROOT/cupsd.conf.new"
mv "$E2E_SERVERROOT/cupsd.conf.new" "$E2E_SERVERROOT/cupsd.conf"
kill -HUP "$(e2e_cupsd_pid)"
sleep 1
e2e_wait_for "$E2E_WAIT" e2e_cupsd_ready || e2e_die "cupsd did not come back after SIGHUP"

plain='ipp://alice:S3cretPlain@127.0.0.1:9/ipp/print'
encoded='ipp://bob%3AS3cretEnc@127.0.0.1:9/ipp/print'
# shellcheck disable=SC2016 # the $ is part of the password
special='ipp://carol:S3cret$$x"y\z#w@127.0.0.1:9/ipp/print?a=1#frag'
e2e_add_queue plain "$plain"
e2e_add_queue encoded "$encoded"
e2e_add_queue special "$special"
wire_check_conf "printers.conf holds the plain URI" plain "$plain"
wire_check_conf "printers.conf holds the encoded URI" encoded "$encoded"
wire_check_conf "printers.conf holds the special URI" special "$special"

# Over TCP the same request is refused: authentication is really needed.
sock=${CUPS_SERVER//\//%2F}
cat >"$E2E_DIR/probe.test" <<'EOF'
{
  OPERATION CUPS-Add-Modify-Printer
  GROUP operation-attributes-tag
  ATTR charset attributes-charset utf-8
  ATTR naturalLanguage attributes-natural-language en
  ATTR uri printer-uri $uri
  ATTR name requesting-user-name root
  GROUP printer-attributes-tag
  ATTR text printer-info "probe"
  STATUS successful-ok
}
EOF
if ipptool -T 10 -q "ipp://127.0.0.1:$E2E_CUPS_PORT/printers/plain" "$E2E_DIR/probe.test" </dev/null; then
  e2e_fail "the policy asks for authentication over TCP"
else
  e2e_pass "the policy asks for authentication over TCP"
fi
e2e_check "over the local socket root needs no password" \
  ipptool -T 10 -q "ipp://$sock/printers/plain" "$E2E_DIR/probe.test"

# traced_wire TAG ARG...: printaudit-wire under strace (every execve, whole
# argv), while a sampler reads every /proc/*/cmdline.
traced_wire() {
  local tag=$1 sampler
  shift
  (
    while :; do
      for f in /proc/[0-9]*/cmdline; do
        tr '\0' ' ' <"$f" 2>/dev/null && echo
      done
    done
  ) >"$E2E_DIR/cmdlines.$tag" 2>/dev/null &
  sampler=$!
  WIRE_RC=0
  PRINTAUDIT_SERVERROOT=$E2E_SERVERROOT strace -f -qq -s 65536 -e trace=execve \
    -o "$E2E_DIR/strace.$tag" "$WIRE_SH" "$WIRE_SCRIPT" "$@" \
    >"$E2E_DIR/wire.out" 2>"$E2E_DIR/wire.err" </dev/null || WIRE_RC=$?
  kill "$sampler"
  wait "$sampler" 2>/dev/null || true
  # shellcheck disable=SC2034 # read by wire_check_out and wire_check_err
  WIRE_OUT=$(cat "$E2E_DIR/wire.out")
  # shellcheck disable=SC2034
  WIRE_ERR=$(cat "$E2E_DIR/wire.err")
  printf '# $ printaudit-wire %s  => exit %s\n' "$*" "$WIRE_RC"
  sed 's/^/#   out: /' "$E2E_DIR/wire.out"
  sed 's/^/#   err: /' "$E2E_DIR/wire.err"
}

check_no_password() {			# check_no_password TAG
  local n
  n=$(grep -c 'execve(' "$E2E_DIR/strace.$1" || true)
  e2e_check "$1: strace saw the children (${n} execve)" test "$n" -gt 20
  e2e_check "$1: ipptool set the URIs" grep -q 'execve("[^"]*/ipptool", .*/set-uri\.test"' "$E2E_DIR/strace.$1"
  e2e_check "$1: lpadmin never ran" wire_lacks 'execve\("[^"]*/lpadmin"' "$(cat "$E2E_DIR/strace.$1")"
  e2e_check "$1: the sampler saw processes" grep -q 'printaudit-wire' "$E2E_DIR/cmdlines.$1"
  e2e_check_no_string "$1: no argv holds a password" S3cret \
    "$E2E_DIR/strace.$1" "$E2E_DIR/cmdlines.$1"
  e2e_check_no_string "$1: no output shows a password" S3cret "$E2E_DIR/wire.out" "$E2E_DIR/wire.err"
}

# --- --dry-run: no password on the screen either ---
traced_wire dry --dry-run plain encoded special
wire_check_rc "--dry-run" 0
wire_check_out "--dry-run: by IPP, the password not shown" \
  "ipptool -T 10 -t 'ipp://$sock/printers/plain' <CUPS-Add-Modify-Printer device-uri 'printaudit:ipp://alice@127.0.0.1:9/ipp/print', password not shown>"
e2e_check_no_string "--dry-run shows no password" S3cret "$E2E_DIR/wire.out" "$E2E_DIR/wire.err"

# --- Wire ---
traced_wire wire plain encoded special
wire_check_rc "wire three printers with passwords" 0
check_no_password wire
wire_check_conf "wired: plain, exact" plain "printaudit:$plain"
wire_check_conf "wired: encoded, exact" encoded "printaudit:$encoded"
wire_check_conf "wired: special, exact" special "printaudit:$special"
wire_check_out "wired: the user is shown" "encoded: wired: printaudit:ipp://bob@127.0.0.1:9/ipp/print"
wire_check_err "wired: the lpstat -v warning names the encoded password too" \
  "encoded: its device URI carries a password"

# --- Unwire ---
traced_wire undo --undo plain encoded special
wire_check_rc "unwire three printers with passwords" 0
check_no_password undo
wire_check_conf "unwired: plain, exact" plain "$plain"
wire_check_conf "unwired: encoded, exact" encoded "$encoded"
wire_check_conf "unwired: special, exact" special "$special"

# A URI without userinfo still goes through lpadmin.
e2e_add_queue nocred "socket://127.0.0.1:9/"
traced_wire nocred nocred
wire_check_rc "wire a printer without password" 0
e2e_check "no userinfo: lpadmin set it" grep -q 'execve("[^"]*/lpadmin"' "$E2E_DIR/strace.nocred"
wire_check_conf "no userinfo: wired" nocred "printaudit:socket://127.0.0.1:9/"

e2e_finish
