# shellcheck shell=bash
#
# lib-hostile.sh: helpers of the hostile tests (faults and load), on top of
# the harness tests/lib/harness.sh.
#
# Adds: mounts that are always unmounted (a small tmpfs to fill), the spy
# backend built into a directory of the test's choice, a MaxJobs raise for
# the private cupsd, a slow socket receiver, the record checker, timing.
# Everything started is stopped by PID (the harness's e2e_spawn and
# e2e_cleanup), everything mounted is unmounted before the test directory
# is removed.

# shellcheck source=../lib/harness.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/../lib/harness.sh"

HOSTILE_HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
HOSTILE_MOUNTS=()			# What we mounted, in order


hostile_init() {			# e2e_init, plus unmounting at exit
  e2e_init
  trap hostile_exit EXIT
}

hostile_start() {			# hostile_init, rsyslogd, cupsd with the shim (e2e_start)
  hostile_init
  e2e_require_shim
  e2e_start_rsyslog
  e2e_start_cupsd
}

hostile_exit() {			# EXIT trap: unmount, then the harness's cleanup
  local status=$? i
  trap - EXIT ERR
  set +e				# (exit "$status") below is no error
  for ((i = ${#HOSTILE_MOUNTS[@]} - 1; i >= 0; i--)); do
    hostile_umount "${HOSTILE_MOUNTS[i]}"
  done
  (exit "$status")
  e2e_cleanup
}

hostile_umount() {			# hostile_umount DIR: unmount, lazily if busy
  local dir=$1
  mountpoint -q "$dir" 2>/dev/null || return 0
  umount "$dir" 2>/dev/null || umount -l "$dir" ||
    printf '# WARNING: could not unmount %s\n' "$dir"
}

hostile_mount_tmpfs() {			# hostile_mount_tmpfs DIR SIZE: a private tmpfs
  mkdir -p "$1"
  mount -t tmpfs -o "size=$2,mode=0755" tmpfs "$1" || e2e_die "cannot mount a tmpfs on $1"
  HOSTILE_MOUNTS+=("$1")
}

hostile_fill() {			# hostile_fill DIR: fill DIR's file system up
  dd if=/dev/zero of="$1/filler" bs=4096 >/dev/null 2>&1 || true
  (($(stat -f -c %a "$1") == 0)) || e2e_die "could not fill the file system of $1"
}

hostile_build_spy() {			# hostile_build_spy OUT SPYDIR [minimal]: any may write SPYDIR
  e2e_build_spy "$1" "$2" "${3:-run}"
  chmod 1777 "$2"
}

hostile_cupsd_set() {			# hostile_cupsd_set DIRECTIVE VALUE: change and reload
  # The harness starts cupsd with a fixed cupsd.conf; a directive it does
  # not write (MaxJobs) is added here, then cupsd re-reads it on SIGHUP.
  local conf=$E2E_SERVERROOT/cupsd.conf
  sed -i "/^$1 /d" "$conf"
  printf '%s %s\n' "$1" "$2" >>"$conf"
  cupsd -t -c "$conf" -s "$E2E_SERVERROOT/cups-files.conf" >/dev/null 2>&1 ||
    e2e_die "cupsd -t rejects $1 $2"
  e2e_cupsd_reload
}

hostile_start_slow_receiver() {		# hostile_start_slow_receiver NAME BYTES/S
  local dir=$E2E_DIR/recv/$1
  mkdir -p "$dir"
  e2e_spawn "slow receiver $1" "$dir.log" "$E2E_PY" "$HOSTILE_HERE/slow_receiver.py" "$dir" "$2"
  e2e_wait_for "$E2E_WAIT" test -s "$dir/port" || e2e_die "slow receiver $1 did not start"
}

hostile_check_records() {		# hostile_check_records ARG...: check_records.py, counted
  local report
  if report=$("$E2E_PY" "$HOSTILE_HERE/check_records.py" "$@"); then
    printf '%s\n' "$report"
  else
    printf '%s\n' "$report"
    E2E_FAILURES=$((E2E_FAILURES + 1))
  fi
}

hostile_received() {			# hostile_received NAME N: receiver NAME has N connections
  (($(e2e_receiver_count "$1") >= $2))
}

hostile_now() { date +%s.%N; }

hostile_sigterm_bits() {		# hostile_sigterm_bits PID: "SigBlk=B SigIgn=B" for SIGTERM
  local name mask out=()
  while read -r name mask; do
    case $name in
      SigBlk: | SigIgn:) out+=("${name%:}=$(((0x$mask >> 14) & 1))") ;;
    esac
  done <"/proc/$1/status"
  echo "${out[*]}"
}

hostile_elapsed() {			# hostile_elapsed START: seconds since START
  awk -v s="$1" -v e="$(hostile_now)" 'BEGIN { printf "%.1f", e - s }'
}

hostile_require_unsanitized() {		# Skip (77) when the shim is built with ASan
  local symbols
  symbols=$(nm -D "$PRINTAUDIT_BIN" 2>/dev/null; ldd "$PRINTAUDIT_BIN" 2>/dev/null || true)
  if grep -q -e __asan_init -e libasan <<<"$symbols"; then
    e2e_skip "$PRINTAUDIT_BIN is built with AddressSanitizer: $1"
  fi
}
