#!/bin/sh
# Install what printaudit needs to build and to run its tests (Debian 12,
# as root): compilers and libraries, and the real components the tests
# start (cupsd, ippeveprinter, cups-lpd, socat, rsyslogd, and headless
# chromium, which renders printaudit-report --html with no network).
set -eu
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
  build-essential cmake pkg-config libcups2-dev libjansson-dev check \
  cups cups-daemon cups-client cups-bsd cups-ipp-utils cups-filters cups-core-drivers \
  rsyslog rsyslog-relp socat dbus python3 python3-jsonschema shellcheck valgrind clang strace \
  chromium fonts-dejavu-core \
  lintian rpm cpio apparmor logrotate \
  >/dev/null
