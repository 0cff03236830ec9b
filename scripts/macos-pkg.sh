#!/bin/sh
# Build a macOS installer package of printaudit (run on a Mac with the
# Xcode command line tools, CMake and Homebrew's jansson).
#
#   scripts/macos-pkg.sh [--sign IDENTITY [--notarize PROFILE]] [VERSION]
#                                       -> build-macos/printaudit-VERSION.pkg
#
# MDM systems install only signed packages.  --sign IDENTITY signs the
# package with pkgbuild --sign, IDENTITY being a "Developer ID Installer:
# NAME (TEAMID)" certificate in the keychain (security find-identity -v
# lists them); pkgutil --check-signature then verifies it.  --notarize
# PROFILE then submits it to Apple's notary service with
#   xcrun notarytool submit PKG --keychain-profile PROFILE --wait
# (PROFILE stored once with: xcrun notarytool store-credentials PROFILE
# --apple-id ID --team-id TEAMID --password APP-SPECIFIC-PASSWORD), and
# staples the ticket to the package with xcrun stapler staple, so that it
# installs without a network check.  A package signed later by another
# tool: productsign --sign IDENTITY in.pkg out.pkg.
#
# The backend goes to /usr/libexec/cups/backend/printaudit (root, 0700, so
# cupsd runs it as root) with jansson linked statically: cupsd's sandbox
# does not let a backend load libraries from /usr/local or /opt/homebrew.
# The configuration is installed as /etc/cups/printaudit.conf.default and
# copied to printaudit.conf only when there is none, with a JsonLog under
# /Library/Logs, which the sandbox lets backends write.
#
# This recipe cannot be run on the Linux machines printaudit is tested on;
# it follows Apple's pkgbuild(1) and CUPS's macOS layout.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
usage() {
  echo "usage: scripts/macos-pkg.sh [--sign IDENTITY [--notarize PROFILE]] [VERSION]" >&2
  exit 2
}
identity='' profile='' version=''
while [ $# -gt 0 ]; do
  case $1 in
    --sign) [ $# -ge 2 ] || usage; identity=$2; shift 2 ;;
    --notarize) [ $# -ge 2 ] || usage; profile=$2; shift 2 ;;
    -*) usage ;;
    *) [ -z "$version" ] || usage; version=$1; shift ;;
  esac
done
version=${version:-0.1.0}
if [ -n "$profile" ] && [ -z "$identity" ]; then
  echo "macos-pkg.sh: --notarize needs --sign (Apple notarizes only signed packages)" >&2
  exit 2
fi
build=$top/build-macos
root=$build/pkgroot
scripts=$build/pkgscripts

[ "$(uname -s)" = Darwin ] || { echo "macos-pkg.sh: run this on macOS" >&2; exit 1; }
jansson_prefix=$(brew --prefix jansson)
[ -f "$jansson_prefix/lib/libjansson.a" ] ||
  { echo "macos-pkg.sh: $jansson_prefix/lib/libjansson.a missing (brew install jansson)" >&2; exit 1; }

rm -rf "$root" "$scripts"
cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=Release -DPRINTAUDIT_TESTS=OFF \
      -DPRINTAUDIT_STATIC_JANSSON=ON -DCMAKE_PREFIX_PATH="$jansson_prefix" \
      -DCMAKE_OSX_DEPLOYMENT_TARGET=12.0
cmake --build "$build" --target printaudit

# The backend must not depend on anything outside the system.
if otool -L "$build/backend/printaudit" | grep -E '/(usr/local|opt/homebrew)/'; then
  echo "macos-pkg.sh: the backend links a Homebrew library" >&2
  exit 1
fi

mkdir -p "$root/usr/libexec/cups/backend" "$root/private/etc/cups" \
         "$root/Library/Logs/printaudit" "$root/usr/local/share/printaudit" "$scripts"
install -m 0700 "$build/backend/printaudit" "$root/usr/libexec/cups/backend/printaudit"
sed -e 's|^#JsonLog .*|JsonLog /Library/Logs/printaudit/printaudit.jsonl|' \
    "$top/conf/printaudit.conf" > "$root/private/etc/cups/printaudit.conf.default"
install -m 0644 "$top/schema/printaudit-record.schema.json" \
        "$top/schema/printaudit-ecs.schema.json" "$root/usr/local/share/printaudit/"
install -m 0755 "$top/scripts/printaudit-wire" "$root/usr/local/share/printaudit/printaudit-wire"

cat > "$scripts/postinstall" <<'POST'
#!/bin/sh
set -e
chown root:wheel /usr/libexec/cups/backend/printaudit
chmod 0700 /usr/libexec/cups/backend/printaudit
chmod 0750 /Library/Logs/printaudit
if [ ! -e /etc/cups/printaudit.conf ]; then
  cp /etc/cups/printaudit.conf.default /etc/cups/printaudit.conf
  chown root:wheel /etc/cups/printaudit.conf
  chmod 0644 /etc/cups/printaudit.conf
fi
exit 0
POST
chmod 0755 "$scripts/postinstall"

pkg=$build/printaudit-$version.pkg
set -- --root "$root" --scripts "$scripts" --identifier org.printaudit.pkg \
       --version "$version" --ownership recommended
if [ -n "$identity" ]; then
  set -- "$@" --sign "$identity" --timestamp
fi
pkgbuild "$@" "$pkg"
if [ -n "$identity" ]; then
  pkgutil --check-signature "$pkg"
fi
if [ -n "$profile" ]; then
  xcrun notarytool submit "$pkg" --keychain-profile "$profile" --wait
  xcrun stapler staple "$pkg"
  xcrun stapler validate "$pkg"
fi
echo "built $pkg"
