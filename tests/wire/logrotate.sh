#!/usr/bin/env bash
# The shipped logrotate configuration (packaging/logrotate/printaudit),
# run by the real logrotate, forced (-f) over and over while 1,000 direct
# runs of the built shim, 4 at a time, append to the JsonLog: nothing is
# lost, nothing torn, every line of every file (rotated, compressed or
# current) is one whole record, each job's record is there exactly once,
# and every file, the current one included, keeps mode 0640, owner root,
# group adm, as the package creates it (its postinst) and logrotate's
# "create 0640 root adm" re-creates it.
#
# The configuration is the shipped one with only two changes: the path (a
# private directory) and "rotate" raised so that no rotated file is deleted
# during the test (retention is not what is tested).  logrotate runs with a
# private state file.  The log directory is under /run, root-owned 0755,
# every ancestor root-owned and not writable by group or others, as the
# JsonLog's own checks may require.
set -euo pipefail
# shellcheck source=../hostile/lib-hostile.sh
. "$(dirname "${BASH_SOURCE[0]}")/../hostile/lib-hostile.sh"

JOBS=${LOGROTATE_JOBS:-1000}
PARALLEL=4

command -v logrotate >/dev/null || e2e_skip "logrotate is not installed"
getent group adm >/dev/null || e2e_skip "no group adm"

LOGDIR=""
logrotate_exit() {			# EXIT: our /run directory, then lib's cleanup
  local status=$?
  trap - ERR				# (exit "$status") below is no error
  set +e
  if [[ -n $LOGDIR && -d $LOGDIR ]]; then
    if ((status == 0 && E2E_FAILURES == 0)); then
      rm -rf -- "$LOGDIR"
    else
      printf '# kept %s\n' "$LOGDIR"
    fi
  fi
  (exit "$status")
  hostile_exit
}

hostile_init
trap logrotate_exit EXIT
e2e_require_shim
dir=$E2E_DIR
LOGDIR=$(mktemp -d /run/printaudit-logrotate.XXXXXX)
chmod 0755 "$LOGDIR"
log=$LOGDIR/printaudit.jsonl
e2e_note "log directory: $LOGDIR"
d=$LOGDIR
while [[ $d != / ]]; do
  [[ $(stat -c '%u' "$d") == 0 && $(( 0$(stat -c '%a' "$d") & 022 )) == 0 ]] ||
    e2e_die "$d is not root-owned or is writable by group or others"
  d=$(dirname "$d")
done

mkdir -p "$dir/sb/backend" "$dir/ran"
hostile_build_spy "$dir/sb/backend/nop" "$dir/ran" minimal
printf 'Syslog off\nJsonLog %s\n' "$log" >"$LOGDIR/printaudit.conf"
chmod 0644 "$LOGDIR/printaudit.conf"
printf 'rotated document\n' >"$dir/doc"

# The JsonLog as the package's postinst creates it.
install -m 0640 -o root -g adm /dev/null "$log"

# The shipped configuration, pointed at the private log.
shipped=${LOGROTATE_SHIPPED:-$PRINTAUDIT_SOURCE_DIR/packaging/logrotate/printaudit}
grep -q -x '/var/log/cups/printaudit.jsonl {' "$shipped" || e2e_die "$shipped names another file"
e2e_check "the shipped configuration rotates by create 0640 root adm" \
  grep -q -x $'\tcreate 0640 root adm' "$shipped"
no_copytruncate() { ! grep -q -E '^[^#]*copytruncate' "$1"; }
e2e_check "the shipped configuration does not copytruncate (it loses records)" \
  no_copytruncate "$shipped"
sed -e "s|^/var/log/cups/printaudit.jsonl {|$log {|" -e $'s|^\trotate .*|\trotate 100000|' \
  "$shipped" >"$LOGDIR/logrotate.conf"
chmod 0644 "$LOGDIR/logrotate.conf"
logrotate -d -s "$LOGDIR/state" "$LOGDIR/logrotate.conf" >"$dir/logrotate-d.log" 2>&1 ||
  e2e_die "logrotate -d rejects the configuration: $(tail -n 5 "$dir/logrotate-d.log")"

# The postrotate step alone, deterministically: a record that a job wrote
# into a file logrotate then moved aside as .backup (a race seen about once
# in 10 runs of this test) is put back into the new file.
printf '{"schema":"printaudit/1","aside":1}\n' >"$log-2026010100.backup"
printf '{"schema":"printaudit/1","before":1}\n' >>"$log"
logrotate -f -s "$LOGDIR/state" "$LOGDIR/logrotate.conf" >"$dir/logrotate-1.log" 2>&1 ||
  e2e_fail "logrotate -f (one rotation)" "$(cat "$dir/logrotate-1.log")"
e2e_check_eq "postrotate: the .backup's record is in the new file" '{"schema":"printaudit/1","aside":1}' \
  "$(cat "$log")"
e2e_check_eq "postrotate: the .backup is gone" "" "$(find "$LOGDIR" -name '*.backup')"
e2e_check_eq "postrotate: the new file is 0640 root:adm" "640 root adm" "$(stat -c '%a %U %G' "$log")"
rm -f -- "$log".* && : >"$log" && rm -f "$LOGDIR/state"

"$E2E_PY" - "$JOBS" "$dir" <<'PY'
import sys
jobs, d = int(sys.argv[1]), sys.argv[2]
with open(d + "/args", "wb") as args, open(d + "/jobs.tsv", "w") as tsv:
    for i in range(1, jobs + 1):
        args.write(("%d\0user%d\0rotated %d\0001\0seq=%d media=A4\0%s/doc\0"
                    % (i, i % 7, i, i, d)).encode())
        tsv.write("rotated\t%d\trotated %d\n" % (i, i))
PY

# The jobs, in the background; logrotate -f in a loop until they are done.
e2e_note "$JOBS invocations, $PARALLEL at a time, logrotate -f in a loop"
start=$(hostile_now)
(
  env -i PATH=/usr/bin:/bin DEVICE_URI=printaudit:nop://127.0.0.1:9100/ PRINTER=rotated \
    CONTENT_TYPE=text/plain CUPS_SERVERBIN="$dir/sb" CUPS_SERVERROOT="$dir" \
    PRINTAUDIT_CONF="$LOGDIR/printaudit.conf" \
    xargs -0 -n 6 -P "$PARALLEL" "$PRINTAUDIT_BIN" <"$dir/args" >"$dir/stdout" 2>"$dir/stderr"
  echo $? >"$dir/jobs.rc"
) &
jobs_pid=$!
rotations=0 lr_failures=0
while [[ ! -e $dir/jobs.rc ]]; do
  if logrotate -f -s "$LOGDIR/state" "$LOGDIR/logrotate.conf" >>"$dir/logrotate.log" 2>&1; then
    rotations=$((rotations + 1))
  else
    lr_failures=$((lr_failures + 1))
  fi
  sleep 0.05
done
wait "$jobs_pid" || true
elapsed=$(hostile_elapsed "$start")
e2e_note "elapsed: ${elapsed}s, logrotate -f ran $rotations times"

e2e_check_eq "every invocation exited 0 (xargs status)" 0 "$(cat "$dir/jobs.rc")"
e2e_check_eq "nothing on the shim's stderr" "" "$(head -c 600 "$dir/stderr")"
e2e_check_eq "logrotate never failed" 0 "$lr_failures"
# The one thing it may say: a job made the new file between its rename and
# its create (see packaging/logrotate/printaudit); postrotate recovers it.
races=$(grep -c 'already exists, renaming to' "$dir/logrotate.log" || true)
e2e_note "a job created the file between rename and create $races times"
e2e_check_eq "logrotate said nothing else" "" \
  "$({ grep -v -E '^error: destination .* already exists, renaming to .*\.backup$' "$dir/logrotate.log" ||
       true; } | head -c 600)"
e2e_check_eq "no .backup file is left" "" "$(find "$LOGDIR" -name '*.backup')"
e2e_check_eq "the real backend ran once per job" "$JOBS" "$(find "$dir/ran" -type f | wc -l)"

# Every file: oldest first, then .1, then the current one.
mapfile -t files < <(find "$LOGDIR" -name 'printaudit.jsonl.*.gz' -printf '%f\n' | sort -t . -k 3,3nr)
[[ -e $log.1 ]] && files+=(printaudit.jsonl.1)
files+=(printaudit.jsonl)
e2e_note "${#files[@]} files: ${files[*]:0:3} ... ${files[*]: -2}"
e2e_check "the jobs' records were spread over at least 5 files (rotation happened under load)" \
  test "${#files[@]}" -ge 5
: >"$dir/all.jsonl"
bad_end="" bad_mode=""
for f in "${files[@]}"; do
  if [[ $f == *.gz ]]; then
    gzip -dc "$LOGDIR/$f" >"$dir/part" || e2e_fail "gzip -d $f"
  else
    cat "$LOGDIR/$f" >"$dir/part"
  fi
  if [[ -s $dir/part && $(tail -c 1 "$dir/part" | od -An -c | tr -d ' ') != '\n' ]]; then
    bad_end+=" $f"
  fi
  cat "$dir/part" >>"$dir/all.jsonl"
  m=$(stat -c '%a %U %G' "$LOGDIR/$f")
  [[ $m == "640 root adm" ]] || bad_mode+=" $f: $m;"
done
e2e_check_eq "every file ends with a whole line" "" "$bad_end"
e2e_check_eq "every file, rotated or current, is 0640 root:adm" "" "$bad_mode"
e2e_check_eq "the current JsonLog is 0640 root:adm" "640 root adm" "$(stat -c '%a %U %G' "$log")"
e2e_check_eq "$JOBS lines in all the files together" "$JOBS" "$(wc -l <"$dir/all.jsonl")"
hostile_check_records --jsonl "$dir/all.jsonl" --jobs "$dir/jobs.tsv" --options
printf '# FIGURES: jobs=%s parallel=%s rotations=%s files=%s create_races=%s seconds=%s\n' \
  "$JOBS" "$PARALLEL" "$rotations" "${#files[@]}" "$races" "$elapsed"
e2e_done
