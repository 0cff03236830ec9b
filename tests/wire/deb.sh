#!/usr/bin/env bash
# The Debian package, built with cpack, installed with dpkg -i on THIS
# machine, used through a private cupsd whose ServerBin is the system's
# (so cupsd runs the backend the package installed), then removed: its
# prerm unwires every queue of that cupsd (pointed at by CUPS_SERVER and
# PRINTAUDIT_SERVERROOT), with cupsd running or stopped, and refuses to
# remove the backend when unwiring fails.  Finally purged.
#
# It touches the real system's /usr/lib/cups/backend, /usr/sbin,
# /usr/share/man and /etc/cups: it runs only when printaudit is not
# installed in any form (else it is skipped, exit 77), and it purges the
# package on exit, whatever happened.
set -euo pipefail
# shellcheck source=lib-wire.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib-wire.sh"

[[ $(id -u) == 0 ]] || e2e_skip "needs root (dpkg -i)"
for tool in dpkg dpkg-deb dpkg-query cpack dpkg-shlibdeps; do
  command -v "$tool" >/dev/null || e2e_skip "$tool is not installed"
done
pkg_status=$(dpkg-query -W -f '${db:Status-Status}' printaudit 2>/dev/null || true)
[[ -z $pkg_status || $pkg_status == not-installed ]] ||
  e2e_skip "the printaudit package is on this machine already ($pkg_status)"
serverbin=$(cups-config --serverbin 2>/dev/null || echo /usr/lib/cups)
serverroot=$(cups-config --serverroot 2>/dev/null || echo /etc/cups)
for path in "$serverbin/backend/printaudit" "$serverroot/printaudit.conf" \
            /usr/sbin/printaudit-wire /usr/local/sbin/printaudit-wire \
            /usr/bin/printaudit-report /usr/share/printaudit \
            /usr/share/man/man8/printaudit.8 /usr/share/man/man8/printaudit-wire.8 \
            /usr/share/man/man8/printaudit.8.gz /etc/logrotate.d/printaudit; do
  [[ ! -e $path ]] || e2e_skip "$path exists: printaudit is installed here already"
done
for dep in cups-daemon cups-client cups-ipp-utils libc6; do
  [[ $(dpkg-query -W -f '${db:Status-Status}' "$dep" 2>/dev/null) == installed ]] ||
    e2e_skip "the dependency $dep is not installed"
done

PKG_INSTALLED=0
# The JsonLog the postinst creates; removed at the end if it was not there.
jsonlog=/var/log/cups/printaudit.jsonl
JSONLOG_OURS=0
[[ -e $jsonlog || -L $jsonlog ]] || JSONLOG_OURS=1

pkg() {					# pkg ARG...: dpkg, its output in the log
  local rc=0
  dpkg "$@" >"$E2E_DIR/dpkg.log" 2>&1 </dev/null || rc=$?
  sed 's/^/#   dpkg: /' "$E2E_DIR/dpkg.log"
  return "$rc"
}

purge_package() {			# Leave the machine as it was
  ((PKG_INSTALLED)) || return 0
  if ! pkg --purge printaudit; then
    e2e_note "dpkg --purge failed; purging without unwiring"
    PRINTAUDIT_SKIP_UNWIRE=1 pkg --purge printaudit || true
  fi
  PKG_INSTALLED=0
}

deb_exit() {				# EXIT: purge while our cupsd still runs, then lib's cleanup
  local status=$?
  purge_package || true
  if ((JSONLOG_OURS)); then
    rm -f -- "$jsonlog"
  fi
  (exit "$status")
  e2e_cleanup
}

e2e_init
trap deb_exit EXIT

# --- Build the package from a fresh tree (default CMAKE_INSTALL_PREFIX) ---
wire_build_deb "$E2E_DIR/build"
deb=$WIRE_DEB

contents=$(dpkg-deb -c "$deb")
depends=$(dpkg-deb -f "$deb" Depends)
e2e_note "Depends: $depends"
e2e_check "Depends declares libc6 (shlibdeps)" grep -q 'libc6 (>=' <<<"$depends"
e2e_check "Depends declares cups-daemon" grep -q -w cups-daemon <<<"$depends"
e2e_check "Depends declares cups-client" grep -q -w cups-client <<<"$depends"
# 0744 as Debian's own root backends: cupsd still runs it as root (see
# CMakeLists.txt, PRINTAUDIT_BACKEND_MODE).
e2e_check "the backend is root 0744" \
  grep -q -E "^-rwxr--r-- root/root .* \.$serverbin/backend/printaudit\$" <<<"$contents"
e2e_check "printaudit-wire is in /usr/sbin, 0755" \
  grep -q -E '^-rwxr-xr-x root/root .* \./usr/sbin/printaudit-wire$' <<<"$contents"
e2e_check "printaudit.conf is in the package" \
  grep -q -E "^-rw-r--r-- root/root .* \.$serverroot/printaudit\.conf\$" <<<"$contents"
e2e_check "the man pages are in the package" \
  grep -q -E '\./usr/share/man/man8/printaudit-wire\.8\.gz$' <<<"$contents"
e2e_check "nothing is under /usr/local (prefix /usr)" wire_lacks '\./usr/local' "$contents"
mkdir -p "$E2E_DIR/control"
dpkg-deb -e "$deb" "$E2E_DIR/control"
e2e_check_eq "printaudit.conf and the logrotate file are the conffiles" \
  "$serverroot/printaudit.conf
/etc/logrotate.d/printaudit" "$(cat "$E2E_DIR/control/conffiles")"
e2e_check "the package has a prerm" test -x "$E2E_DIR/control/prerm"

# --- A private cupsd that runs the system's backends ---
wire_use_system_serverbin
e2e_require_shim
e2e_start_rsyslog
e2e_start_cupsd
export PRINTAUDIT_SERVERROOT=$E2E_SERVERROOT	# for printaudit-wire and prerm
e2e_start_receiver sock
port=$(e2e_receiver_port sock)
sock_uri="socket://127.0.0.1:$port"
cred_uri="ipp://user:secret@127.0.0.1:9/ipp/print"
e2e_add_queue sock "$sock_uri"
e2e_add_queue cred "$cred_uri"

install_package() {
  pkg -i "$deb" || e2e_die "dpkg -i failed"
  PKG_INSTALLED=1
}

wire_all() {				# The installed printaudit-wire --all
  /usr/sbin/printaudit-wire --all >"$E2E_DIR/wire.out" 2>&1 ||
    e2e_die "printaudit-wire --all failed: $(cat "$E2E_DIR/wire.out")"
  e2e_wait_for 10 wire_conf_is cred "printaudit:$cred_uri" || e2e_die "cred was not wired"
}

man_finds() { man -w "$1" >/dev/null 2>&1; }

no_queue_wired() { wire_lacks 'printaudit:' "$(LC_ALL=C lpstat -v)"; }

# --- Install, wire, print ---
install_package
e2e_check_eq "dpkg -i installed the backend root 0744" "744 root root" \
  "$(stat -c '%a %U %G' "$serverbin/backend/printaudit")"
e2e_check "dpkg -i installed printaudit.conf" test -f "$serverroot/printaudit.conf"
e2e_check "dpkg knows printaudit.conf as a conffile" \
  grep -q "$serverroot/printaudit.conf" <<<"$(dpkg-query -W -f '${Conffiles}' printaudit)"
e2e_check "man finds printaudit-wire(8)" man_finds printaudit-wire
e2e_check "dpkg knows /etc/logrotate.d/printaudit as a conffile" \
  grep -q /etc/logrotate.d/printaudit <<<"$(dpkg-query -W -f '${Conffiles}' printaudit)"
if ((JSONLOG_OURS)); then
  e2e_check_eq "postinst created the JsonLog 0640 root:adm, empty" "640 root adm 0" \
    "$(stat -c '%a %U %G %s' "$jsonlog")"
else
  e2e_note "$jsonlog existed before: not checking the postinst's creation of it"
fi
wire_all
e2e_check_eq "sock is wired" "printaudit:$sock_uri" "$(wire_view_uri sock)"

doc=$E2E_DIR/document.bin
e2e_make_document "$doc" binary
e2e_define_job "wire-deb" A4 one-sided monochrome
e2e_print_and_capture sock "$E2E_DIR/recv/sock" .bin "$doc"
cat "$doc" "$doc" >"$E2E_DIR/expected"
e2e_check_same_file "the job printed through the installed backend" "$E2E_DIR/expected" "$E2E_FILE"
e2e_check_records sock "$E2E_JOB" "$sock_uri" socket 127.0.0.1 "$port"

# --- A prerm that cannot unwire stops the removal ---
if PRINTAUDIT_SERVERROOT=$E2E_DIR/nonexistent PRINTAUDIT_WIRE_WAIT=1 pkg -r printaudit; then
  e2e_fail "dpkg -r fails when prerm cannot unwire"
else
  e2e_pass "dpkg -r fails when prerm cannot unwire"
fi
e2e_check "... and the backend is still installed" test -x "$serverbin/backend/printaudit"
e2e_check "... and the queues are still wired" test "$(wire_view_uri sock)" = "printaudit:$sock_uri"

# --- dpkg -r with cupsd running: prerm unwires every queue ---
pkg -r printaudit || e2e_fail "dpkg -r printaudit"
e2e_check "dpkg -r: no queue points at printaudit" no_queue_wired
wire_check_conf "dpkg -r: cred's exact URI is back, password included" cred "$cred_uri"
wire_check_conf "dpkg -r: sock's URI is back" sock "$sock_uri"
e2e_check "dpkg -r removed the backend" test ! -e "$serverbin/backend/printaudit"
e2e_check "dpkg -r kept the conffile" test -f "$serverroot/printaudit.conf"

# --- dpkg -r with cupsd stopped: prerm unwires in printers.conf ---
install_package
wire_all
e2e_stop_cupsd
pkg -r printaudit || e2e_fail "dpkg -r printaudit with cupsd stopped"
wire_check_conf "cupsd stopped: cred unwired in printers.conf, password included" cred "$cred_uri"
wire_check_conf "cupsd stopped: sock unwired in printers.conf" sock "$sock_uri"
e2e_check "cupsd stopped: the backend is removed" test ! -e "$serverbin/backend/printaudit"
e2e_start_cupsd_again "$E2E_DIR/log/cupsd.out.2"
e2e_check "cupsd started again: no queue points at printaudit" no_queue_wired

# --- Purge ---
pkg --purge printaudit || e2e_fail "dpkg --purge printaudit"
PKG_INSTALLED=0
e2e_check "--purge removed the conffile" test ! -e "$serverroot/printaudit.conf"
e2e_check "--purge removed printaudit-wire" test ! -e /usr/sbin/printaudit-wire
e2e_check "--purge removed /etc/logrotate.d/printaudit" test ! -e /etc/logrotate.d/printaudit
e2e_check_eq "dpkg no longer knows printaudit" "" \
  "$(dpkg-query -W -f '${db:Status-Status}' printaudit 2>/dev/null | grep -v not-installed || true)"

e2e_finish
