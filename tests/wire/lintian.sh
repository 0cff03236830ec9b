#!/usr/bin/env bash
# The Debian package under lintian: built with cpack from a fresh tree
# (default options), then `lintian --pedantic -I` must report nothing at
# all but overridden tags: no error, no warning, no info, no pedantic tag,
# and every override in packaging/deb/lintian-overrides must still be used
# (an unused one is a "mismatched-override" or "unused-override").  Also
# checked directly: the man pages are gzip'd, the copyright file is
# machine-readable, the changelog's version is the package's, the
# Maintainer is not root@localhost, the backend is root 0744 (the mode of
# Debian's own root backends; see CMakeLists.txt), the logrotate file and
# printaudit.conf are conffiles, and the postinst creates the JsonLog 0640
# root:adm.  Nothing is installed.
set -euo pipefail
# shellcheck source=lib-wire.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib-wire.sh"

for tool in lintian cpack dpkg-deb dpkg-shlibdeps dpkg-parsechangelog; do
  command -v "$tool" >/dev/null || e2e_skip "$tool is not installed"
done

e2e_init
wire_build_deb "$E2E_DIR/build"
deb=$WIRE_DEB

# --- lintian ---
rc=0
lintian --pedantic -I -E --show-overrides --tag-display-limit 0 "$deb" \
  >"$E2E_DIR/lintian.out" 2>"$E2E_DIR/lintian.err" || rc=$?
sed 's/^/#   lintian: /' "$E2E_DIR/lintian.out"
e2e_check_eq "lintian ran (exit status; 1 would mean an error tag)" 0 "$rc"
e2e_check_eq "lintian: no error, warning, info, pedantic or experimental tag" "" \
  "$(grep -E '^[EWIPX]: ' "$E2E_DIR/lintian.out" || true)"
overrides=$(grep -c -E '^printaudit: ' "$PRINTAUDIT_SOURCE_DIR/packaging/deb/lintian-overrides")
used=$(grep -E '^O: ' "$E2E_DIR/lintian.out" | sed -E 's/ \[[^]]*\]$//; s/^O: printaudit: ([^ ]+).*/\1/' |
       sort -u | wc -l)
e2e_note "$overrides overrides, $(grep -c -E '^O: ' "$E2E_DIR/lintian.out" || true) tags overridden"
e2e_check "every override has a comment above it" awk '
  /^#/ { c = 1; next } /^$/ { next }
  /^printaudit: / { if (!c) exit 1; next } { c = 0 }' \
  "$PRINTAUDIT_SOURCE_DIR/packaging/deb/lintian-overrides"
e2e_check "overrides are in use (some tag overridden)" test "$used" -gt 0

# --- What lintian checks only in part ---
contents=$(dpkg-deb -c "$deb")
e2e_check "no man page is uncompressed" wire_lacks '/usr/share/man/man[0-9]/[^/]*\.[0-9]$' "$contents"
for page in man8/printaudit.8.gz man8/printaudit-wire.8.gz man5/printaudit.conf.5.gz; do
  e2e_check "$page is in the package" grep -q -F "./usr/share/man/$page" <<<"$contents"
done
e2e_check "the backend is root 0744" \
  grep -q -E '^-rwxr--r-- root/root .* \./usr/lib/cups/backend/printaudit$' <<<"$contents"
e2e_check "/etc/logrotate.d/printaudit is in the package" \
  grep -q -E '^-rw-r--r-- root/root .* \./etc/logrotate\.d/printaudit$' <<<"$contents"
e2e_check "the AppArmor profile is shipped, not installed" \
  grep -q -F './usr/share/printaudit/usr.lib.cups.backend.printaudit' <<<"$contents"
e2e_check "nothing in /etc/apparmor.d" wire_lacks '\./etc/apparmor\.d/' "$contents"
maintainer=$(dpkg-deb -f "$deb" Maintainer)
e2e_note "Maintainer: $maintainer"
e2e_check "the Maintainer is not root@localhost" wire_lacks 'root@|localhost' "$maintainer"

mkdir -p "$E2E_DIR/x" "$E2E_DIR/control"
dpkg-deb -x "$deb" "$E2E_DIR/x"
dpkg-deb -e "$deb" "$E2E_DIR/control"
doc=$E2E_DIR/x/usr/share/doc/printaudit
e2e_check "the copyright file is machine-readable (DEP-5)" \
  grep -q -x 'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/' "$doc/copyright"
gzip -dc "$doc/changelog.gz" >"$E2E_DIR/changelog"
e2e_check_eq "the changelog's version is the package's" "$(dpkg-deb -f "$deb" Version)" \
  "$(dpkg-parsechangelog -l "$E2E_DIR/changelog" -S Version)"
e2e_check_eq "the conffiles" "/etc/cups/printaudit.conf
/etc/logrotate.d/printaudit" "$(cat "$E2E_DIR/control/conffiles")"

# The postinst, run against a private log path: creates it 0640 root:adm,
# leaves an existing one alone.  Its other paths are made private too: the
# LogTitles key (else it would create /etc/cups/printaudit.key) and
# printaudit-wire (else an installed one would --subscribe the real cupsd).
sed -e "s|^log=.*|log=$E2E_DIR/log/printaudit.jsonl|" -e "s|^key=.*|key=$E2E_DIR/printaudit.key|" \
  -e "s|^wire=.*|wire=$E2E_DIR/no-printaudit-wire|" "$E2E_DIR/control/postinst" >"$E2E_DIR/postinst"
[[ $(grep -c -E "^(log|key|wire)=$E2E_DIR/" "$E2E_DIR/postinst") == 3 ]] ||
  e2e_die "the postinst's log=, key= and wire= lines were not all made private"
mkdir -p "$E2E_DIR/log"
sh "$E2E_DIR/postinst" configure || e2e_fail "postinst configure"
e2e_check_eq "postinst creates the JsonLog empty, 0640 root:adm" "0 640 root adm" \
  "$(stat -c '%s %a %U %G' "$E2E_DIR/log/printaudit.jsonl" 2>&1)"
chmod 0600 "$E2E_DIR/log/printaudit.jsonl"
echo '{}' >>"$E2E_DIR/log/printaudit.jsonl"
sh "$E2E_DIR/postinst" configure || e2e_fail "postinst configure again"
e2e_check_eq "postinst leaves an existing JsonLog alone" "3 600" \
  "$(stat -c '%s %a' "$E2E_DIR/log/printaudit.jsonl")"
e2e_check "the postinst's JsonLog is conf/printaudit.conf's" \
  grep -q -x "#JsonLog $(sed -n 's/^log=//p' "$E2E_DIR/control/postinst")" \
  "$PRINTAUDIT_SOURCE_DIR/conf/printaudit.conf"

e2e_done
