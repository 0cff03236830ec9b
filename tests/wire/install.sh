#!/usr/bin/env bash
# cmake --install (into a DESTDIR) installs printaudit-wire, the man pages
# and the configuration where they belong; the uninstall target unwires
# every printer of the (private) cupsd first, then removes the installed
# files, keeping printaudit.conf; with cupsd stopped it unwires in
# printers.conf; when unwiring fails it removes nothing.
set -euo pipefail
# shellcheck source=lib-wire.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib-wire.sh"

e2e_start
build=$E2E_DIR/build
stage=$E2E_DIR/stage
wire_build_tree "$build"
serverbin=$(cups-config --serverbin 2>/dev/null || echo /usr/lib/cups)
serverroot=$(cups-config --serverroot 2>/dev/null || echo /etc/cups)
prefix=$(sed -n 's/^CMAKE_INSTALL_PREFIX:PATH=//p' "$build/CMakeCache.txt")
e2e_note "prefix $prefix, serverbin $serverbin, serverroot $serverroot"

install_stage() {
  DESTDIR=$stage cmake --install "$build" >"$E2E_DIR/install.log" 2>&1 ||
    e2e_die "cmake --install failed: $(tail -n 5 "$E2E_DIR/install.log")"
}

mode_of() { stat -c %a "$1" 2>/dev/null || echo missing; }

# --- What is installed, and where ---
install_stage
wire=$stage$prefix/sbin/printaudit-wire
man=$stage$prefix/share/man
e2e_check_eq "printaudit-wire is installed in sbin, 0755" 755 "$(mode_of "$wire")"
e2e_check_same_file "the installed printaudit-wire is scripts/printaudit-wire" "$WIRE_SCRIPT" "$wire"
# 0744 on Linux (0700 on macOS): cupsd runs it as root either way there.
e2e_check_eq "the backend is installed 0744" 744 "$(mode_of "$stage$serverbin/backend/printaudit")"
e2e_check "/etc/logrotate.d/printaudit is installed" test -f "$stage/etc/logrotate.d/printaudit"
e2e_check "-Werror is off by default (scripts/test.sh turns it on)" \
  grep -q -x 'PRINTAUDIT_WERROR:BOOL=OFF' "$build/CMakeCache.txt"
e2e_check "printaudit.conf is installed in the ServerRoot" test -f "$stage$serverroot/printaudit.conf"
e2e_check "printaudit.conf is not staged twice (DESTDIR in front of DESTDIR)" \
  test ! -e "$stage$stage"
for page in man8/printaudit.8 man8/printaudit-wire.8 man5/printaudit.conf.5; do
  e2e_check "man page $page is installed" test -f "$man/$page"
  warnings=$(LC_ALL=C.UTF-8 groff -man -ww -z -Tutf8 "$man/$page" 2>&1 || echo "groff failed")
  e2e_check_eq "man page $page renders without a warning" "" "$warnings"
done
if [[ -f $PRINTAUDIT_SOURCE_DIR/man/printaudit-report.1 ]]; then
  e2e_check "printaudit-report(1) is installed" test -f "$man/man1/printaudit-report.1"
fi
manifest=$build/install_manifest.txt
for path in "$prefix/sbin/printaudit-wire" "$prefix/share/man/man8/printaudit-wire.8" \
            "$serverroot/printaudit.conf"; do
  e2e_check "the manifest lists $path" grep -q -x -F -- "$path" "$manifest"
done

# --- Uninstall: unwire first, then remove, keeping printaudit.conf ---
e2e_add_queue q "ipp://user:secret@127.0.0.1:9/ipp/print"
e2e_add_queue r "socket://127.0.0.1:9"
export PRINTAUDIT_SERVERROOT=$E2E_SERVERROOT
"$WIRE_SH" "$wire" --all >/dev/null 2>&1 || e2e_die "the installed printaudit-wire --all failed"
e2e_check_eq "q is wired before uninstalling" "printaudit:ipp://user:secret@127.0.0.1:9/ipp/print" \
  "$(wire_view_uri q)"

# When unwiring fails, nothing is removed.
rc=0
PRINTAUDIT_SERVERROOT=$E2E_DIR/nonexistent PRINTAUDIT_WIRE_WAIT=1 DESTDIR=$stage \
  cmake --build "$build" --target uninstall >"$E2E_DIR/uninstall.log" 2>&1 || rc=$?
sed 's/^/#   /' "$E2E_DIR/uninstall.log"
e2e_check "a failed unwiring stops the uninstall" test "$rc" != 0
e2e_check "... and the backend is still there" test -f "$stage$serverbin/backend/printaudit"
e2e_check "... and q is still wired" test "$(wire_view_uri q | cut -c 1-11)" = printaudit:

# --dry-run changes nothing.
sh "$WIRE_UNINSTALL" --dry-run "$build" >"$E2E_DIR/uninstall.log" 2>&1 ||
  e2e_fail "printaudit-uninstall --dry-run" "$(cat "$E2E_DIR/uninstall.log")"
e2e_check "--dry-run removed nothing" test -f "$stage$serverbin/backend/printaudit"
e2e_check "--dry-run unwired nothing" test "$(wire_view_uri q | cut -c 1-11)" = printaudit:

rc=0
DESTDIR=$stage cmake --build "$build" --target uninstall >"$E2E_DIR/uninstall.log" 2>&1 || rc=$?
sed 's/^/#   /' "$E2E_DIR/uninstall.log"
e2e_check_eq "cmake --build --target uninstall" 0 "$rc"
wire_check_conf "uninstall unwired q exactly, password included" q \
  "ipp://user:secret@127.0.0.1:9/ipp/print"
wire_check_conf "uninstall unwired r" r "socket://127.0.0.1:9"
e2e_check "uninstall removed the backend" test ! -e "$stage$serverbin/backend/printaudit"
e2e_check "uninstall removed printaudit-wire" test ! -e "$wire"
e2e_check "uninstall removed the man pages" test ! -e "$man/man8/printaudit-wire.8"
e2e_check "uninstall removed the schema directory" test ! -e "$stage$prefix/share/printaudit"
e2e_check "uninstall kept printaudit.conf" test -f "$stage$serverroot/printaudit.conf"
left=$(find "$stage" -type f | sed "s|^$stage||")
e2e_check_eq "uninstall left only printaudit.conf" "$serverroot/printaudit.conf" "$left"

# --- Uninstall with cupsd stopped: unwired in printers.conf ---
install_stage
"$WIRE_SH" "$wire" --all >/dev/null 2>&1 || e2e_die "printaudit-wire --all failed"
e2e_wait_for 10 wire_conf_is q "printaudit:ipp://user:secret@127.0.0.1:9/ipp/print" ||
  e2e_die "q was not wired"
e2e_stop_cupsd
rc=0
DESTDIR=$stage sh "$WIRE_UNINSTALL" --purge --conf "$serverroot/printaudit.conf" "$build" >"$E2E_DIR/uninstall.log" 2>&1 || rc=$?
sed 's/^/#   /' "$E2E_DIR/uninstall.log"
e2e_check_eq "printaudit-uninstall --purge with cupsd stopped" 0 "$rc"
e2e_check_eq "cupsd stopped: q unwired in printers.conf" \
  "ipp://user:secret@127.0.0.1:9/ipp/print" "$(wire_conf_uri q)"
e2e_check "--purge removed printaudit.conf too" test ! -e "$stage$serverroot/printaudit.conf"
e2e_check_eq "--purge left no file" "" "$(find "$stage" -type f)"
e2e_start_cupsd_again "$E2E_DIR/log/cupsd.out.2"
e2e_check_eq "cupsd started again reads q unwired" "ipp://127.0.0.1:9/ipp/print" "$(wire_view_uri q)"
e2e_check_eq "cupsd started again reads r unwired" "socket://127.0.0.1:9" "$(wire_view_uri r)"

e2e_finish
