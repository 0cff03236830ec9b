#!/usr/bin/env bash
# The syslog(3) transport (SyslogSocket syslog(3), macOS's default) end to
# end on Linux: a shim built with PRINTAUDIT_SYSLOG_API (the build makes
# one, hostile_printaudit_api) sends through glibc's syslog(3), which
# writes to the fixed path /dev/log.  So the test runs in a private mount
# namespace whose /dev is a tmpfs of its own (null, zero, urandom and
# random made there with mknod), where a private rsyslogd listens at
# /dev/log; the system's /dev is never touched.  It checks:
#   - with no SyslogSocket line the API build sends through syslog(3);
#   - a split record arrives whole: every part at local3.notice, program
#     "printaudit", the shim's PID, at most SyslogMaxSize bytes, and the
#     parts join to the JsonLog record;
#   - SyslogMaxParts caps it: N messages, part 1 says how many were left
#     out, the JsonLog keeps the whole record;
#   - no ERROR line, exit status 0, the real backend ran.
# Skipped (77) without root, unshare or rsyslogd.
set -euo pipefail
# shellcheck source=lib-hostile.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib-hostile.sh"
API_BIN=${PRINTAUDIT_API_BIN:-}

if [[ -z ${SYSLOG_API_INSIDE:-} ]]; then
  [[ $(id -u) == 0 ]] || e2e_skip "needs root"
  command -v rsyslogd >/dev/null || e2e_skip "no rsyslogd"
  command -v unshare >/dev/null || e2e_skip "no unshare"
  [[ -x $API_BIN ]] || e2e_die "no shim built with PRINTAUDIT_SYSLOG_API at '$API_BIN'"
  unshare -m --propagation private true 2>/dev/null ||
    e2e_skip "no private mount namespace here"
  SYSLOG_API_INSIDE=1 exec unshare -m --propagation private bash "${BASH_SOURCE[0]}" "$@"
fi

# --- Inside the private mount namespace ------------------------------------

syslog_api_exit() {			# EXIT: the harness's cleanup, never through a mount
  local status=$?
  trap - EXIT ERR
  set +e				# (exit "$status") below is no error
  # $DIR holds no mount point (checked, to be safe) before it is removed.
  if grep -q " ${DIR}[/ ]" /proc/self/mounts; then
    e2e_note "a mount point is in $DIR: not removing it"
    E2E_KEEP=1
  fi
  (exit "$status")
  e2e_cleanup
}

E2E_NAME=syslog-api
e2e_init
trap syslog_api_exit EXIT
DIR=$E2E_DIR

mkdir -p "$DIR/work" "$DIR/sb/backend"
# A /dev of our own, only in this namespace, with the few nodes a job
# needs made afresh (Linux's fixed numbers).  Never bind the real /dev
# anywhere: a recursive removal through such a bind deletes its nodes.
mount -t tmpfs -o mode=0755,size=64k tmpfs /dev
mknod -m 0666 /dev/null c 1 3
mknod -m 0666 /dev/zero c 1 5
mknod -m 0666 /dev/random c 1 8
mknod -m 0666 /dev/urandom c 1 9
# A #! backend is run through its descriptor: its interpreter opens /dev/fd/N.
ln -s /proc/self/fd /dev/fd

start_rsyslogd() {			# A private rsyslogd listening at /dev/log
  # Not e2e_start_rsyslog: syslog(3) writes to the fixed path /dev/log, and
  # only messages of program "printaudit" are kept, with their PID.
  cat >"$DIR/rsyslog.conf" <<EOF
global(workDirectory="$DIR/work" maxMessageSize="64k"
       parser.escapeControlCharactersOnReceive="off")
module(load="imuxsock" SysSock.Name="/dev/log" SysSock.RateLimit.Interval="0")
template(name="pa" type="string"
         string="%syslogfacility-text%\t%syslogseverity-text%\t%programname%\t%procid%\t%msg%\n")
if \$programname == "printaudit" then action(type="omfile" file="$DIR/syslog.out" template="pa")
EOF
  rsyslogd -N1 -f "$DIR/rsyslog.conf" >"$DIR/rsyslog.check" 2>&1 ||
    e2e_die "rsyslogd rejects its configuration: $(cat "$DIR/rsyslog.check")"
  e2e_spawn rsyslogd "$DIR/rsyslog.log" rsyslogd -n -f "$DIR/rsyslog.conf" -i "$DIR/rsyslog.pid"
  e2e_wait_for "$E2E_WAIT" test -S /dev/log || e2e_die "rsyslogd did not create /dev/log"
}

start_rsyslogd

# The real backend records its PID, which is the shim's (the shim execs it).
printf '#!/bin/sh\necho $$ >"%s/backend.pid"\n' "$DIR" >"$DIR/sb/backend/x"
chmod 0700 "$DIR/sb/backend/x"

run() {					# run NAME NOPTIONS CONF-LINE...: one job
  local name=$1 nopt=$2 opts status=0
  shift 2
  printf '%s\n' "$@" "JsonLog $DIR/$name.jsonl" >"$DIR/$name.conf"
  chmod 0644 "$DIR/$name.conf"
  opts=$("$E2E_PY" -c 'import sys; print(" ".join("option%d=value%d" % (i, i) for i in range(int(sys.argv[1]))))' "$nopt")
  rm -f "$DIR/backend.pid"
  PRINTAUDIT_CONF=$DIR/$name.conf CUPS_SERVERBIN=$DIR/sb DEVICE_URI=printaudit:x://h/q \
    "$API_BIN" 42 alice "$name" 1 "$opts" 2>"$DIR/$name.err" || status=$?
  [[ ! -s $DIR/backend.pid ]] || cp "$DIR/backend.pid" "$DIR/$name.pid"
  if [[ $status == 0 && ! -s $DIR/$name.err && -s $DIR/backend.pid ]]; then
    e2e_pass "$name: the job printed, no ERROR line"
  else
    e2e_fail "$name: the job printed, no ERROR line" \
      "exit $status, backend ran: $([[ -s $DIR/backend.pid ]] && echo yes || echo no), stderr: $(head -c 300 "$DIR/$name.err")"
  fi
}

run default 20 "Syslog on" "SyslogFacility local3"
run split 300 "Syslog on" "SyslogFacility local3" "SyslogMaxSize 900"
run capped 2000 "Syslog on" "SyslogFacility local3" "SyslogMaxSize 900" "SyslogMaxParts 3"

# rsyslogd has written everything once a marker sent after the jobs is in.
logger -u /dev/log -t printaudit -p local3.notice '{"marker":true}'
e2e_wait_for "$E2E_WAIT" grep -q -s '"marker"' "$DIR/syslog.out" ||
  e2e_note "no marker in $DIR/syslog.out after ${E2E_WAIT}s"

what="through syslog(3) and rsyslogd: local3.notice, program printaudit, the shim's PID; split parts join to the JsonLog record; SyslogMaxParts caps the messages"
if report=$("$E2E_PY" - "$DIR" "$E2E_LIB" <<'EOF'
import json, sys
d = sys.argv[1]
sys.path.insert(0, sys.argv[2])
import split_form  # tests/lib/split_form.py
fails = []
msgs = {}
for line in open(d + "/syslog.out", encoding="utf-8"):
    fac, sev, prog, pid, msg = line.rstrip("\n").split("\t", 4)
    obj = json.loads(msg[1:])
    if "marker" in obj:
        continue
    if (fac, sev, prog) != ("local3", "notice", "printaudit"):
        fails.append("message at %s.%s from %s" % (fac, sev, prog))
    msgs.setdefault(obj["event"]["id"], []).append((int(pid), obj, len(msg) - 1))
for name, want, size in (("default", None, 4000), ("split", None, 900), ("capped", 3, 900)):
    whole = json.loads(open("%s/%s.jsonl" % (d, name)).read())
    parts = msgs.get(whole["event"]["id"], [])
    objs = [o for _, o, _ in parts]
    if any(n > size for _, _, n in parts):
        fails.append("%s: a message longer than SyslogMaxSize %d" % (name, size))
    pids = {p for p, _, _ in parts}
    if pids != {int(open("%s/%s.pid" % (d, name)).read())}:
        fails.append("%s: the messages carry PIDs %r, not the shim's" % (name, sorted(pids)))
    if name == "default":
        if objs != [whole]:
            fails.append("default: syslog(3) did not carry the record whole in one message")
        continue
    n = len(objs)
    first = dict(objs[0]) if objs else {}
    event = dict(first.get("event", {}))
    if [o["event"].get("part") for o in objs] != list(range(1, n + 1)) or \
       any(o["event"]["parts"] != n for o in objs):
        fails.append("%s: parts numbered wrong: %r" % (name, [o["event"] for o in objs][:3]))
        continue
    try:
        together = split_form.join(objs)
    except split_form.SplitError as err:
        fails.append("%s: %s" % (name, err))
        continue
    joined = together.slices
    omitted = event.get("parts_omitted")
    if want is None:
        if n < 10 or omitted is not None or together.record != whole:
            fails.append("split: %d parts do not join to the JsonLog record" % n)
    else:
        first = together.record
        first["event"] = {k: v for k, v in first["event"].items() if k != "parts_omitted"}
        text = json.dumps(whole["options"], ensure_ascii=False, separators=(",", ":"))
        rest = {k: v for k, v in whole.items() if k != "options"}
        if n != want or not omitted or omitted < 10 or not text.startswith(joined) or first != rest:
            fails.append("capped: %d messages, parts_omitted %r, part 1 the core: %s"
                         % (n, omitted, first == rest))
        else:
            print("# capped: %d messages, part 1 says %d were left out" % (n, omitted))
print("# %d records, %d messages" % (len(msgs), sum(map(len, msgs.values()))))
if fails:
    print("\n".join(fails))
    sys.exit(1)
EOF
); then
  printf '%s\n' "$report"
  e2e_pass "$what"
else
  e2e_fail "$what" "$report"
fi
e2e_done
