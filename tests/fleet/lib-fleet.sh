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
# Processes started here are tracked by PID and stopped only by PID; a PID
# is signalled only while its command line still names the instance's
# configuration (PIDs are reused quickly on a machine with pid_max 32768).
# Everything else (TAP helpers, waits, ports, the shim's cupsd) is the
# harness's, tests/lib/harness.sh, sourced here.

# shellcheck source=../lib/harness.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/../lib/harness.sh"

FLEET_SNIPPETS=$PRINTAUDIT_SOURCE_DIR/conf/rsyslog
declare -A FLEET_PID=()			# instance name -> PID
declare -A FLEET_SIG=()			# instance name -> text in its command line
declare -A FLEET_DIR=()			# rsyslogd instance name -> directory

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

fleet_spawn() {				# fleet_spawn NAME SIGNATURE LOG COMMAND...
  # COMMAND as e2e_spawn starts it (the harness's E2E_SPAWN_PY), but not a
  # job of this shell (bash would report "Killed" at a random later line):
  # its parent is a passing subshell, so no PR_SET_PDEATHSIG.  NAME is
  # signalled later only while its command line contains SIGNATURE.
  local name=$1 log=$3
  FLEET_SIG[$name]=$2
  shift 3
  FLEET_PID[$name]=$("$E2E_PY" -c "$E2E_SPAWN_PY" - "$@" </dev/null >>"$log" 2>&1 & echo "$!")
}

fleet_ours() {				# fleet_ours NAME: the PID is still our instance
  local pid=${FLEET_PID[$1]:-} cmdline
  [[ -n $pid ]] || return 1
  cmdline=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") || return 1
  [[ $cmdline == *"${FLEET_SIG[$1]}"* ]] || return 1
  [[ $(ps -o stat= -p "$pid" 2>/dev/null) != Z* ]]
}

fleet_start_rsyslogd() {		# fleet_start_rsyslogd NAME DIR: run DIR/rsyslog.conf
  local name=$1 dir=$2
  FLEET_DIR[$name]=$dir
  fleet_spawn "$name" "$dir/rsyslog.conf" "$dir/stdout" rsyslogd -n -f "$dir/rsyslog.conf" -i "$dir/pid"
}

fleet_stop() {				# fleet_stop NAME [TERM|KILL]: stop, wait, forget
  local name=$1 sig=${2:-TERM} pid=${FLEET_PID[$1]:-} i
  [[ -n $pid ]] || return 0
  if fleet_ours "$name"; then
    kill "-$sig" "$pid" 2>/dev/null || true
    for ((i = 0; i < 150; i++)); do
      fleet_ours "$name" || break
      sleep 0.1
    done
    if fleet_ours "$name"; then
      echo "# $name (PID $pid) ignored SIG$sig for 15 s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  unset "FLEET_PID[$name]"
  # A killed rsyslogd leaves its pid file, and a new one refuses to start.
  if [[ -n ${FLEET_DIR[$name]:-} ]]; then
    rm -f "${FLEET_DIR[$name]}/pid"
  fi
}

fleet_stop_all() {
  local name
  for name in "${!FLEET_PID[@]}"; do
    fleet_stop "$name"
  done
}

fleet_lacks() {				# fleet_lacks PATTERN FILE: no line matches (grep -E)
  ! LC_ALL=C grep -q -s -E -- "$1" "$2"
}

fleet_has_no_control() {		# fleet_has_no_control FILE: no C0 or DEL byte in a line
  ! LC_ALL=C grep -q -P -- '[\x00-\x1f\x7f]' "$1"
}

fleet_exit() {				# EXIT: stop ours, then the harness's cleanup
  local status=$?
  trap - ERR				# (exit "$status") below is no error
  set +e
  fleet_stop_all
  (exit "$status")
  e2e_cleanup
}

fleet_start() {				# Private directory; cleanup of ours, then the harness's
  e2e_init
  trap fleet_exit EXIT
}

fleet_init() {				# fleet_start, for a test of the shim through rsyslogd
  fleet_start
  e2e_require_shim
  command -v rsyslogd >/dev/null || e2e_die "rsyslogd is not installed"
}
