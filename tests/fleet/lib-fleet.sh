# shellcheck shell=bash
#
# lib-fleet.sh: helpers for the fleet tests, which run the shipped rsyslog
# snippets (conf/rsyslog/) in private rsyslogd instances.
#
# Each instance gets a main configuration that stands for Debian's
# /etc/rsyslog.conf: a private work directory, imuxsock on a private socket
# (never /dev/log), the snippets included where Debian includes
# /etc/rsyslog.d/*.conf, and then a catch-all omfile that stands for
# /var/log/syslog.  The snippets themselves are used as shipped, with only
# their site-specific values (paths, collector address, port) replaced.
#
# Everything else (TAP helpers, waits, ports, the shim's cupsd, starting
# and stopping daemons by PID: e2e_spawn, e2e_pid NAME, e2e_stop NAME) is
# the harness's, tests/lib/harness.sh, sourced here.

# shellcheck source=../lib/harness.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/../lib/harness.sh"

FLEET_SNIPPETS=$PRINTAUDIT_SOURCE_DIR/conf/rsyslog
# An rsyslogd with RELP queues to save may take longer than the harness's
# 5 s to stop on SIGTERM.
E2E_STOP_WAIT=15

fleet_now() { "$E2E_PY" -c 'import time; print("%.6f" % time.time())'; }

fleet_instantiate() {			# fleet_instantiate SNIPPET OUT [FROM=>TO...]
  # Copy a shipped snippet (a name in conf/rsyslog/, or a path) with its
  # site values replaced; every FROM must occur, and no /var/ path or
  # example address may remain outside comments.
  local snippet=$1 src=$1 out=$2 pair from to text
  [[ $src == /* ]] || src=$FLEET_SNIPPETS/$src
  shift 2
  text=$(<"$src")
  for pair in "$@"; do
    from=${pair%%"=>"*}
    to=${pair#*"=>"}
    [[ $text == *"$from"* ]] || { echo "fleet: $snippet has no '$from'" >&2; return 1; }
    text=${text//"$from"/"$to"}
  done
  if grep -n -E '/var/|example\.(net|org|com)' <<<"$text" | grep -v -E '^[0-9]+:[[:space:]]*#' >&2; then
    echo "fleet: $snippet still names a system path or example host (above)" >&2
    return 1
  fi
  printf '%s\n' "$text" >"$out"
}

fleet_main_conf() {			# fleet_main_conf DIR HOSTNAME SNIPPET...: DIR/rsyslog.conf
  local dir=$1 host=$2 snippet
  shift 2
  mkdir -p "$dir/work"
  {
    printf '# Stands for /etc/rsyslog.conf (Debian 12), made private.\n'
    printf 'global(workDirectory="%s/work" localHostname="%s"\n' "$dir" "$host"
    printf '       parser.escapeControlCharactersOnReceive="off")\n'
    printf 'module(load="imuxsock" SysSock.Name="%s/log.sock")\n' "$dir"
    for snippet in "$@"; do
      printf 'include(file="%s")\n' "$snippet"
    done
    printf '# Stands for "*.*;auth,authpriv.none -/var/log/syslog".\n'
    printf 'action(type="omfile" file="%s/syslog.out")\n' "$dir"
  } >"$dir/rsyslog.conf"
}

fleet_check_conf() {			# fleet_check_conf CONF: rsyslogd -N1, clean
  # Besides a non-zero exit, any error or warning line is a failure.
  local out
  if ! out=$(rsyslogd -N1 -f "$1" 2>&1) || grep -q -i -E 'error|warning|could not|invalid' <<<"$out"; then
    printf '%s\n' "$out" >&2
    return 1
  fi
}

fleet_start_rsyslogd() {		# fleet_start_rsyslogd NAME DIR: run DIR/rsyslog.conf
  # Started and stopped as every daemon of the tests is, by the harness
  # (e2e_spawn, e2e_stop NAME).  A killed rsyslogd leaves its pid file, and
  # a new one would refuse to start.
  rm -f "$2/pid"
  e2e_spawn "$1" "$2/stdout" rsyslogd -n -f "$2/rsyslog.conf" -i "$2/pid"
}

fleet_lacks() {				# fleet_lacks PATTERN FILE: no line matches (grep -E)
  ! LC_ALL=C grep -q -s -E -- "$1" "$2"
}

fleet_has_no_control() {		# fleet_has_no_control FILE: no C0 or DEL byte in a line
  ! LC_ALL=C grep -q -P -- '[\x00-\x1f\x7f]' "$1"
}

fleet_init() {				# e2e_init, for a test of the shim through rsyslogd
  e2e_init
  e2e_require_shim
  command -v rsyslogd >/dev/null || e2e_die "rsyslogd is not installed"
}
