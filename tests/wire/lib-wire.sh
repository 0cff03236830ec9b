# shellcheck shell=bash
#
# lib-wire.sh: helpers for the printaudit-wire, install and package tests,
# on top of the harness tests/lib/harness.sh.
#
# printaudit-wire is run under dash (a POSIX shell without bash extensions)
# when dash is installed, with PRINTAUDIT_SERVERROOT pointing at the private
# cupsd's ServerRoot and CUPS_SERVER (set by e2e_start_cupsd) at its socket.

WIRE_HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../lib/harness.sh
. "$WIRE_HERE/../lib/harness.sh"

WIRE_SH=$(command -v dash || command -v sh)
WIRE_SCRIPT=$PRINTAUDIT_SOURCE_DIR/scripts/printaudit-wire
# shellcheck disable=SC2034 # for the tests
WIRE_UNINSTALL=$PRINTAUDIT_SOURCE_DIR/scripts/printaudit-uninstall
WIRE_OUT="" WIRE_ERR="" WIRE_RC=0


# --- Running printaudit-wire -------------------------------------------------

wire_run() {				# wire_run ARG...: sets WIRE_OUT, WIRE_ERR, WIRE_RC
  WIRE_RC=0
  PRINTAUDIT_SERVERROOT=$E2E_SERVERROOT "$WIRE_SH" "$WIRE_SCRIPT" "$@" \
    >"$E2E_DIR/wire.out" 2>"$E2E_DIR/wire.err" </dev/null || WIRE_RC=$?
  WIRE_OUT=$(cat "$E2E_DIR/wire.out")
  WIRE_ERR=$(cat "$E2E_DIR/wire.err")
  printf '# $ printaudit-wire %s  => exit %s\n' "$*" "$WIRE_RC"
  sed 's/^/#   out: /' "$E2E_DIR/wire.out"
  sed 's/^/#   err: /' "$E2E_DIR/wire.err"
}

wire_check_rc() {			# wire_check_rc WHAT EXPECTED: the last run's status
  e2e_check_eq "$1 (exit status)" "$2" "$WIRE_RC"
}

wire_check_out() {			# wire_check_out WHAT FIXED-STRING: in the last stdout
  if grep -q -F -- "$2" <<<"$WIRE_OUT"; then
    e2e_pass "$1"
  else
    e2e_fail "$1" "\"$2\" not in the output"
  fi
}

wire_check_err() {			# wire_check_err WHAT FIXED-STRING: in the last stderr
  if grep -q -F -- "$2" <<<"$WIRE_ERR"; then
    e2e_pass "$1"
  else
    e2e_fail "$1" "\"$2\" not on stderr"
  fi
}

wire_lacks() {				# wire_lacks ERE TEXT: no line of TEXT matches
  ! grep -q -E -- "$1" <<<"$2"
}

wire_check_one_error_line() {		# wire_check_one_error_line WHAT: "printaudit-wire: ..." only
  local lines
  lines=$(grep -c . <<<"$WIRE_ERR" || true)
  if [[ $lines == 1 && $WIRE_ERR == "printaudit-wire: "* ]]; then
    e2e_pass "$1"
  else
    e2e_fail "$1" "stderr: $WIRE_ERR"
  fi
}


# --- Reading what cupsd has ----------------------------------------------------

wire_conf_uri() {			# wire_conf_uri NAME: DeviceURI in printers.conf, as cupsd reads it
  # Written independently of printaudit-wire's reader: cupsd writes the
  # first '#' of a value as "\#".
  NAME=$1 awk '
    $0 == "<Printer " ENVIRON["NAME"] ">" || $0 == "<DefaultPrinter " ENVIRON["NAME"] ">" { mine = 1; next }
    $0 == "</Printer>" { mine = 0 }
    mine && index($0, "DeviceURI ") == 1 {
      v = substr($0, 11); f = index(v, "#")
      if (f > 1 && substr(v, f - 1, 1) == "\\") v = substr(v, 1, f - 2) substr(v, f)
      print v; found = 1
    }
    END { exit !found }' "$E2E_SERVERROOT/printers.conf"
}

wire_view_uri() {			# wire_view_uri NAME: the URI lpstat -v shows
  NAME=$1 LC_ALL=C lpstat -v | NAME=$1 awk 'BEGIN { p = "device for " ENVIRON["NAME"] ": " }
    index($0, p) == 1 { print substr($0, length(p) + 1) }'
}

wire_conf_is() {			# wire_conf_is NAME URI: printers.conf holds URI for NAME
  [[ $(wire_conf_uri "$1") == "$2" ]]
}

wire_check_conf() {			# wire_check_conf WHAT NAME URI: bounded wait, then check
  e2e_wait_for 10 wire_conf_is "$2" "$3" || true
  e2e_check_eq "$1" "$3" "$(wire_conf_uri "$2" || echo '<none>')"
}

wire_snapshot() {			# wire_snapshot FILE: every device URI, exact and shown
  {
    grep -E '^(<Printer|<DefaultPrinter|DeviceURI|ConfigTime)' "$E2E_SERVERROOT/printers.conf"
    LC_ALL=C lpstat -v
  } >"$1"
}


wire_add_temporary_queue() {		# wire_add_temporary_queue NAME IPP-URI
  # A queue cupsd makes on demand and never saves (printer-is-temporary),
  # as desktops make for IPP Everywhere printers.  Only a local client (the
  # domain socket) may ask for one.
  local test=$E2E_DIR/create-local-printer.test sock
  cat >"$test" <<EOF
{
  OPERATION CUPS-Create-Local-Printer
  GROUP operation-attributes-tag
  ATTR charset attributes-charset utf-8
  ATTR naturalLanguage attributes-natural-language en
  ATTR uri printer-uri ipp://localhost/
  ATTR name requesting-user-name root
  GROUP printer-attributes-tag
  ATTR name printer-name $1
  ATTR uri device-uri $2
  STATUS successful-ok
}
EOF
  sock=${CUPS_SERVER//\//%2F}
  ipptool -T 10 -t "ipp://$sock/" "$test" >"$E2E_DIR/create-local-printer.log" 2>&1 ||
    e2e_die "CUPS-Create-Local-Printer failed: $(tail -n 3 "$E2E_DIR/create-local-printer.log")"
  e2e_wait_for "$E2E_WAIT" wire_is_temporary "$1" || e2e_die "no temporary queue $1"
}

wire_is_temporary() {
  lpoptions -p "$1" 2>/dev/null | grep -q -E '(^| )printer-is-temporary=true( |$)'
}


# --- Controlling the private cupsd -------------------------------------------

wire_set_dirty_clean_interval() {	# wire_set_dirty_clean_interval N: and reload cupsd
  sed -i "s/^DirtyCleanInterval .*/DirtyCleanInterval $1/" "$E2E_SERVERROOT/cupsd.conf"
  grep -q "^DirtyCleanInterval $1\$" "$E2E_SERVERROOT/cupsd.conf" ||
    e2e_die "cannot set DirtyCleanInterval in $E2E_SERVERROOT/cupsd.conf"
  e2e_cupsd_reload
}

wire_use_system_serverbin() {		# Next e2e_start_cupsd uses the system's ServerBin
  # So that cupsd runs the backend a package installed in the system's
  # backend directory.  Replaces the harness's private ServerBin builder.
  # shellcheck disable=SC2317 # called by e2e_start_cupsd
  e2e_build_serverbin() {
    E2E_SERVERBIN=$E2E_SYSTEM_SERVERBIN
  }
}


# --- Building a fresh tree -----------------------------------------------------

wire_build_tree() {			# wire_build_tree DIR [CMAKE-ARG...]: configure and build
  local dir=$1
  shift
  cmake -S "$PRINTAUDIT_SOURCE_DIR" -B "$dir" -DPRINTAUDIT_TESTS=OFF \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >"$dir.configure.log" 2>&1 ||
    e2e_die "cmake configure failed: $(tail -n 5 "$dir.configure.log")"
  cmake --build "$dir" -j "$(nproc 2>/dev/null || echo 2)" >"$dir.build.log" 2>&1 ||
    e2e_die "cmake build failed: $(tail -n 5 "$dir.build.log")"
  e2e_note "built $dir"
}

wire_build_deb() {			# wire_build_deb DIR: a fresh tree, cpack -G DEB; sets WIRE_DEB
  local debs
  wire_build_tree "$1"
  (cd "$1" && cpack -G DEB) >"$E2E_DIR/cpack.log" 2>&1 ||
    e2e_die "cpack -G DEB failed: $(tail -n 10 "$E2E_DIR/cpack.log")"
  debs=("$1"/printaudit_*.deb)
  [[ -f ${debs[0]} && ${#debs[@]} == 1 ]] || e2e_die "cpack made no single printaudit_*.deb"
  WIRE_DEB=${debs[0]}
  e2e_note "package: $WIRE_DEB"
}
