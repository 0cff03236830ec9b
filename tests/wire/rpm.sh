#!/usr/bin/env bash
# packaging/rpm/printaudit.spec, built with rpmbuild (Debian's rpm package;
# --nodeps, since Debian cannot satisfy its BuildRequires) from a tarball of
# the source tree, then inspected: the file list and modes (rpm -qlvp),
# %config(noreplace), the scriptlets (rpm -qp --scripts), jansson linked
# dynamically (NEEDED libjansson, no jansson symbol defined in the backend,
# an automatic libjansson requirement), the Version equal to the project's.
# The %preun scriptlet is then run as rpm would on erase ($1 = 0) and on
# upgrade ($1 = 1) against a private cupsd with wired queues: erase unwires
# them, exactly; upgrade leaves them wired.  Nothing is installed.
set -euo pipefail
# shellcheck source=lib-wire.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib-wire.sh"

for tool in rpmbuild rpm rpm2cpio cpio readelf nm; do
  command -v "$tool" >/dev/null || e2e_skip "$tool is not installed"
done

e2e_init
spec=$PRINTAUDIT_SOURCE_DIR/packaging/rpm/printaudit.spec
version=$(sed -n 's/^project(printaudit VERSION \([0-9.]*\) .*/\1/p' "$PRINTAUDIT_SOURCE_DIR/CMakeLists.txt")
e2e_check_eq "the spec's Version is the project's" "$version" \
  "$(sed -n 's/^Version: *//p' "$spec")"

top=$E2E_DIR/rpmbuild
mkdir -p "$top/SOURCES"
tar -C "$PRINTAUDIT_SOURCE_DIR" --exclude=./.git --exclude='./build*' \
    --transform "s|^\\.|printaudit-$version|" -czf "$top/SOURCES/printaudit-$version.tar.gz" .
rc=0
rpmbuild -bb --nodeps --define "_topdir $top" --define 'debug_package %{nil}' \
  --define "_smp_mflags -j2" "$spec" >"$E2E_DIR/rpmbuild.log" 2>&1 || rc=$?
e2e_check_eq "rpmbuild -bb (exit status)" 0 "$rc"
((rc == 0)) || e2e_die "rpmbuild failed: $(tail -n 15 "$E2E_DIR/rpmbuild.log")"
rpms=("$top"/RPMS/*/printaudit-"$version"-1*.rpm)
[[ -f ${rpms[0]} ]] || e2e_die "no printaudit-$version-1*.rpm"
pkg=${rpms[0]}
e2e_note "package: $pkg"

# --- Files and modes ---
listing=$(rpm -qlvp "$pkg")
printf '%s\n' "$listing" | sed 's/^/#   /'
has() { grep -q -E -- "$1" <<<"$listing"; }
e2e_check "backend: /usr/lib/cups/backend/printaudit, root 0744" \
  has '^-rwxr--r-- +1 root +root .* /usr/lib/cups/backend/printaudit$'
e2e_check "printaudit.conf in /etc/cups, root 0644" \
  has '^-rw-r--r-- +1 root +root .* /etc/cups/printaudit\.conf$'
e2e_check "/etc/logrotate.d/printaudit, 0644" \
  has '^-rw-r--r-- +1 root +root .* /etc/logrotate\.d/printaudit$'
e2e_check "printaudit-wire in /usr/sbin, 0755" \
  has '^-rwxr-xr-x +1 root +root .* /usr/sbin/printaudit-wire$'
e2e_check "printaudit-report in /usr/bin" has ' /usr/bin/printaudit-report$'
e2e_check "the man pages" has ' /usr/share/man/man8/printaudit-wire\.8(\.gz)?$'
e2e_check "the AppArmor profile is shipped in /usr/share/printaudit" \
  has ' /usr/share/printaudit/usr\.lib\.cups\.backend\.printaudit$'
e2e_check "the license file" has ' /usr/share/(licenses|doc)/printaudit[^/]*/LICENSE$'
e2e_check "the backend directory itself is not owned (cups-filesystem owns it)" \
  wire_lacks ' /usr/lib/cups/backend$' "$listing"
e2e_check "nothing under /usr/local" wire_lacks ' /usr/local' "$listing"
flags=$(rpm -qp --qf '[%{FILEFLAGS:fflags} %{FILENAMES}\n]' "$pkg")
e2e_check "printaudit.conf is %config(noreplace)" grep -q -x 'cn /etc/cups/printaudit.conf' <<<"$flags"
e2e_check "the logrotate file is %config(noreplace)" grep -q -x 'cn /etc/logrotate.d/printaudit' <<<"$flags"

# --- jansson linked dynamically ---
mkdir -p "$E2E_DIR/root"
(cd "$E2E_DIR/root" && rpm2cpio "$pkg" | cpio -idm --quiet)
backend=$E2E_DIR/root/usr/lib/cups/backend/printaudit
e2e_check "the backend has NEEDED libjansson" grep -q 'NEEDED.*libjansson\.so' \
  <<<"$(readelf -d "$backend")"
e2e_check "the backend defines no jansson function (not linked statically)" \
  wire_lacks ' T json_' "$(nm -D --defined-only "$backend" 2>/dev/null; nm "$backend" 2>/dev/null || true)"
requires=$(rpm -qp --requires "$pkg")
e2e_note "Requires: $(tr '\n' ' ' <<<"$requires")"
e2e_check "Requires lists libjansson (automatic ELF dependency)" grep -q '^libjansson\.so' <<<"$requires"
e2e_check "Requires lists lpadmin" grep -q -x '/usr/sbin/lpadmin' <<<"$requires"
e2e_check "Requires lists logrotate (it ships a logrotate file)" grep -q -x logrotate <<<"$requires"

# --- Scriptlets ---
scripts=$(rpm -qp --scripts "$pkg")
printf '%s\n' "$scripts" | sed 's/^/#   /'
e2e_check "a preuninstall scriptlet that unwires" grep -q '/usr/sbin/printaudit-wire --undo --all' <<<"$scripts"
# shellcheck disable=SC2016 # "$group" is the scriptlet's, literally
e2e_check "a postinstall scriptlet that creates the JsonLog 0640" \
  grep -q 'install -m 0640 -o root -g "$group" /dev/null /var/log/cups/printaudit.jsonl' <<<"$scripts"
rpm -qp --qf '%{PREUN}\n' "$pkg" >"$E2E_DIR/preun"

# Run %preun as rpm would, with the packaged printaudit-wire, against a
# private cupsd.
sed "s|/usr/sbin/printaudit-wire|$WIRE_SH $E2E_DIR/root/usr/sbin/printaudit-wire|g" \
  "$E2E_DIR/preun" >"$E2E_DIR/preun.sh"
e2e_require_shim
e2e_start_cupsd
export PRINTAUDIT_SERVERROOT=$E2E_SERVERROOT
cred_uri="ipp://user:secret@127.0.0.1:9/ipp/print"
e2e_add_queue cred "$cred_uri"
e2e_add_queue sock "socket://127.0.0.1:9"
wire_run --all
wire_check_rc "wire --all" 0
wire_check_conf "cred is wired" cred "printaudit:$cred_uri"
rc=0
sh "$E2E_DIR/preun.sh" 1 >"$E2E_DIR/preun.out" 2>&1 || rc=$?
e2e_check_eq "%preun 1 (upgrade) succeeds" 0 "$rc"
e2e_check_eq "%preun 1 (upgrade) leaves the queues wired" "printaudit:socket://127.0.0.1:9" \
  "$(wire_view_uri sock)"
rc=0
sh "$E2E_DIR/preun.sh" 0 >"$E2E_DIR/preun.out" 2>&1 || rc=$?
sed 's/^/#   preun: /' "$E2E_DIR/preun.out"
e2e_check_eq "%preun 0 (erase) succeeds" 0 "$rc"
wire_check_conf "%preun 0 (erase) unwired cred exactly, password included" cred "$cred_uri"
e2e_check_eq "%preun 0 (erase) unwired sock" "socket://127.0.0.1:9" "$(wire_view_uri sock)"
wire_run --all
rc=0
PRINTAUDIT_SERVERROOT=$E2E_DIR/nonexistent PRINTAUDIT_WIRE_WAIT=1 \
  sh "$E2E_DIR/preun.sh" 0 >"$E2E_DIR/preun.out" 2>&1 || rc=$?
e2e_check_eq "%preun 0 fails (stopping the erase) when it cannot unwire" 1 "$rc"

e2e_done
