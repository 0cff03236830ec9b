#!/usr/bin/python3
"""The bad-input matrix: run the shim directly on every row of matrix.tsv.

Usage: matrix.py --shim PATH [--matrix FILE] [--schema FILE] [--keep]
                 [--only REGEX] [--nonexec [--also REGEX]] [--skip REGEX]
                 [--wrap "valgrind ..."]

Each row runs the shim once, as root, in a private directory of its own:

  ROW/sb/backend/      the backend directory (CUPS_SERVERBIN=ROW/sb): "spy"
                       and a "printaudit" decoy, both copies of tests/lib/spy.c
  ROW/sb/, ROW/bin/,   canaries (more copies of spy.c) named like the
  ROW/cwd/, ROW/out/   schemes that a careless shim could run from there;
                       ROW/bin is first on PATH, ROW/cwd the working dir
  ROW/printaudit.conf  the configuration (PRINTAUDIT_CONF)
  ROW/audit.jsonl      the JSON Lines sink of the standard configuration
  ROW/log.sock         a syslog receiver (a thread of this program)

Every copy of the spy that runs leaves a file saying which file ran, as
whom, with which arguments and DEVICE_URI.  Each row then asserts: the
exit status; the ERROR: lines (a regular expression that must match them
all, joined by newlines; "-" for none); that every stderr line is one
CUPS message line with no raw control byte; which file was executed (or
that none was) and that nothing else ran; that the real backend got
argv[1..] unchanged, argv[0] and DEVICE_URI right; the number of records
in the JSON Lines file and in the syslog capture; that both sinks hold
the same record; that every line and message is valid UTF-8, one JSON
object, with no raw control character, no longer than SyslogMaxSize;
the record fields the row names; every record against the JSON Schema.

The columns of matrix.tsv are described at its top.  Exit status 0 when
every row passed.
"""

import argparse
import errno
import fcntl
import grp
import json
import os
import pwd
import re
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import time
import traceback

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import split_form  # noqa: E402  (tests/lib/split_form.py)

HERE = os.path.dirname(os.path.abspath(__file__))
STD_URI = "printaudit:spy://127.0.0.1:9100/q"
STD_ARGS = ["42", "alice", "hostile title", "1",
            "media=A4 sides=two-sided-long-edge", "${ROW}/doc"]
STD_CONF = "Syslog on\nSyslogSocket ${ROW}/log.sock\nJsonLog ${ROW}/audit.jsonl\n"
CANARY_NAMES = ["file", "nosuch", "printaudit", "planted", "spy", "ext", "sh"]
STDERR_LINE = re.compile(rb"^(DEBUG|DEBUG2|INFO|NOTICE|WARNING|ERROR|CRIT|ALERT|EMERG"
                         rb"|ATTR|STATE|PAGE|PPD): [^\x00-\x1f\x7f]*$")
SYSLOG_MSG = re.compile(rb"^<(\d+)>([A-Z][a-z]{2} [ 0-9]\d \d\d:\d\d:\d\d) "
                        rb"printaudit\[(\d+)\]: (.*)$", re.S)
RAW_BAD = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
ROW_TIMEOUT = 10			# A row that takes longer has hung


class RowFailure(Exception):
    pass


class Cleanup:
    """Undo actions (unmount, chattr -i), run whatever happens."""

    def __init__(self):
        self.actions = []

    def add(self, fn, *args):
        self.actions.append((fn, args))

    def run(self):
        while self.actions:
            fn, args = self.actions.pop()
            try:
                fn(*args)
            except Exception as err:  # keep undoing the rest
                print("# cleanup: %s%r failed: %s" % (fn.__name__, args, err))


CLEANUP = Cleanup()


# --- Values --------------------------------------------------------------

def subst(text, ctx):
    for key, value in ctx.items():
        text = text.replace("${%s}" % key, value)
    return text


def value_bytes(spec, ctx):
    """A matrix value: a string, or {"hex"}, {"rep","n"}, {"fmt","n","sep"}, {"cat"}."""
    if isinstance(spec, str):
        return subst(spec, ctx).encode("utf-8", "surrogateescape")
    if isinstance(spec, dict):
        if "hex" in spec:
            return bytes.fromhex(spec["hex"])
        if "rep" in spec:
            return value_bytes(spec["rep"], ctx) * spec["n"]
        if "fmt" in spec:
            sep = value_bytes(spec.get("sep", " "), ctx)
            fmt = value_bytes(spec["fmt"], ctx)
            return sep.join(fmt.replace(b"%d", str(i).encode()) for i in range(spec["n"]))
        if "cat" in spec:
            return b"".join(value_bytes(part, ctx) for part in spec["cat"])
    raise ValueError("bad value %r" % (spec,))


def parse_argv(column, ctx):
    """argv[0..]: "std", a JSON array (argv[0] first) or an object patching std."""
    argv = [STD_URI] + STD_ARGS
    if column != "std":
        spec = json.loads(column)
        if isinstance(spec, list):
            argv = spec
        else:
            for key, value in spec.items():
                index = int(key)
                while len(argv) <= index:
                    argv.append("")
                argv[index] = value
            argv = [a for a in argv if a is not None]
    return [value_bytes(a, ctx) for a in argv]


def parse_env(column, ctx):
    env = {
        "PATH": ctx["BIN"] + ":/usr/sbin:/usr/bin:/sbin:/bin",
        "DEVICE_URI": STD_URI,
        "PRINTER": "hq",
        "CONTENT_TYPE": "text/plain",
        "CUPS_SERVERBIN": ctx["SB"],
        "CUPS_SERVERROOT": ctx["ROW"] + "/root",
        "PRINTAUDIT_CONF": ctx["ROW"] + "/printaudit.conf",
        "LANG": "C",
    }
    for name in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"):
        if name in os.environ:
            env[name] = os.environ[name]
    env = {k.encode(): v.encode() for k, v in env.items()}
    if column != "-":
        for key, value in json.loads(column).items():
            if value is None:
                env.pop(key.encode(), None)
            else:
                env[key.encode()] = value_bytes(value, ctx)
    return env


# --- The syslog receiver -------------------------------------------------

class Receiver:
    """A datagram socket at path; read by a thread when live."""

    def __init__(self, path, live=True, sock_type=socket.SOCK_DGRAM, restarts=None):
        self.path = path
        self.sock = socket.socket(socket.AF_UNIX, sock_type)
        self.sock.bind(path)
        os.chmod(path, 0o666)
        self.messages = []
        self.lock = threading.Lock()
        self.thread = None
        self.stop = False
        self.restarts = dict(restarts or {})	# after message K: restart, pausing GAP s
        self.restarted = []			# message counts at which it restarted
        if sock_type == socket.SOCK_STREAM:
            self.sock.listen(1)
        elif live:
            self.start()

    def start(self):
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        self.sock.settimeout(0.1)
        while not self.stop:
            try:
                data = self.sock.recv(1 << 20)
            except socket.timeout:
                continue
            except OSError:
                return
            with self.lock:
                self.messages.append(data)
            if len(self.messages) in self.restarts:
                self.restart(self.restarts.pop(len(self.messages)))

    def restart(self, gap):
        """A receiver restart that loses nothing already queued: refuse more
        (a sender now gets EPIPE), take what is queued, close (ECONNREFUSED),
        remove the socket (ENOENT) for gap seconds, bind it anew."""
        self.sock.shutdown(socket.SHUT_RD)
        self.sock.setblocking(False)
        while True:
            try:
                data = self.sock.recv(1 << 20)
            except BlockingIOError:
                break
            with self.lock:
                self.messages.append(data)
        self.sock.close()
        os.unlink(self.path)
        time.sleep(gap)
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        sock.bind(self.path)
        os.chmod(self.path, 0o666)
        sock.settimeout(0.1)
        self.sock = sock
        self.restarted.append(len(self.messages))

    def fill(self):
        """Queue datagrams until the socket is full: a stalled receiver."""
        client = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        client.connect(self.path)
        client.setblocking(False)
        sent = 0
        while True:
            try:
                client.send(b"<13>filler")
                sent += 1
            except BlockingIOError:
                break
        client.close()
        return sent

    def sync(self, timeout=10):
        """Return the messages received so far (all the shim sent)."""
        if not self.thread:
            return []
        marker = b"hostile-sync-%d" % time.monotonic_ns()
        client = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        client.settimeout(timeout)
        deadline = time.monotonic() + timeout
        while True:			# a restarting receiver may be away for a moment
            try:
                client.connect(self.path)
                client.send(marker)
                break
            except (FileNotFoundError, ConnectionRefusedError, BrokenPipeError):
                if time.monotonic() > deadline:
                    raise RowFailure("the syslog receiver did not come back")
                client.close()
                client = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
                client.settimeout(timeout)
                time.sleep(0.01)
        client.close()
        while time.monotonic() < deadline:
            with self.lock:
                if marker in self.messages:
                    return [m for m in self.messages if m != marker]
            time.sleep(0.01)
        raise RowFailure("the syslog receiver did not see its sync marker")

    def close(self):			# idempotent: also a cleanup action
        self.stop = True
        if self.thread:
            self.thread.join(2)
            self.thread = None
        self.sock.close()
        try:
            os.unlink(self.path)
        except FileNotFoundError:
            pass


# --- Setup verbs ----------------------------------------------------------

def reap(proc):
    """Kill the row's shim (by its PID, ours) if it still runs, and wait."""
    if proc.poll() is None:
        proc.kill()
    proc.communicate()


def mount_tmpfs(path, size):
    os.makedirs(path, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=%s,mode=0755" % size,
                    "tmpfs", path], check=True)
    CLEANUP.add(umount, path)


def umount(path):
    if subprocess.run(["umount", path]).returncode != 0:
        subprocess.run(["umount", "-l", path])


def fill_fs(path, leave):
    """Fill the file system of path until only `leave` bytes are free."""
    filler = os.path.join(path, "filler")
    with open(filler, "wb") as f:
        chunk = b"\0" * 4096
        try:
            while True:
                st = os.statvfs(path)
                free = st.f_bavail * st.f_frsize
                if free <= leave:
                    break
                f.write(chunk[:min(4096, free - leave)])
                f.flush()
        except OSError as err:
            if err.errno != errno.ENOSPC:
                raise
    return filler


def chattr(flag, path):
    subprocess.run(["chattr", flag, path], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def plant_spy(spy, path, mode=0o755):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if os.path.lexists(path):
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path)
        else:
            os.unlink(path)
    shutil.copyfile(spy, path)
    os.chmod(path, mode)


READER = r"""
import fcntl, os, struct, sys
path = sys.argv[1]
fd = os.open(path, os.O_RDONLY)			# read access, as a log shipper has
fcntl.flock(fd, fcntl.LOCK_SH)			# flock works on a read-only fd
fcntl.lockf(fd, fcntl.LOCK_SH)			# so does a POSIX read lock
ofd = os.open(path, os.O_RDONLY)
fcntl.fcntl(ofd, fcntl.F_OFD_SETLK, struct.pack("hhqqi", fcntl.F_RDLCK, 0, 0, 0, 0))
dfd = os.open(os.path.dirname(path), os.O_RDONLY)
fcntl.flock(dfd, fcntl.LOCK_EX)			# and on the directory
try:
    os.open(path + ".lock", os.O_RDONLY)
    sys.exit("the reader could open " + path + ".lock")
except PermissionError:
    pass
except FileNotFoundError:
    pass
sys.stdout.write("ready\n")
sys.stdout.flush()
sys.stdin.read()				# hold the locks until the row ends
"""


def reader_lock(path):
    """An lp process that can read path holds every lock it can on it."""
    lp = pwd.getpwnam("lp")

    def become_lp():
        os.setgroups([])
        os.setgid(lp.pw_gid)
        os.setuid(lp.pw_uid)
    proc = subprocess.Popen([sys.executable, "-c", READER, path], preexec_fn=become_lp,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    CLEANUP.add(reap, proc)
    line = proc.stdout.readline()
    if line != b"ready\n":
        raise RowFailure("the lp reader did not take its locks: %r" % line)


def uid_of(user):
    return int(user) if user.isdigit() else pwd.getpwnam(user).pw_uid


def cupsd_argv0(uri):
    """The URI as cupsd gives it to a backend as argv[0]: userinfo removed
    up to the first '@' before the next '/' (scheduler/printers.c)."""
    colon = uri.find(b":")
    if colon < 0:
        return uri
    start = colon + 1
    while uri[start:start + 1] == b"/":
        start += 1
    slash = uri.find(b"/", start)
    slash = len(uri) if slash < 0 else slash
    at = uri.find(b"@", start)
    if 0 <= at < slash:
        return uri[:start] + uri[at + 1:]
    return uri


def do_setup(row, verb, ctx, state):
    """Apply one setup action; register post-checks in state["post"]."""
    name, _, arg = verb.partition("=")
    arg = subst(arg, ctx)
    sb_backend = os.path.join(ctx["SB"], "backend")
    if name == "syslog":
        state["syslog"] = arg			# live|missing|stalled|gone|notsock|stream|restart:K/GAP,...
    elif name == "conf_at":
        state["conf_at"] = arg
    elif name == "conf_owner":
        state["conf_owner"] = tuple(int(x) for x in arg.split(":"))
    elif name == "conf_mode":
        state["conf_mode"] = int(arg, 8)
    elif name == "backend":
        # backend=NAME:spy:MODE | NAME:dir | NAME:link=TARGET | NAME:text | NAME:rm
        bname, _, kind = arg.partition(":")
        path = os.path.join(sb_backend, bname)
        if os.path.lexists(path):
            os.unlink(path)
        if kind.startswith("spy"):
            # spy:MODE[:OWNER]
            _, mode, owner = (kind.split(":") + ["", ""])[:3]
            plant_spy(ctx["SPYBIN"], path, int(mode or "755", 8))
            if owner:
                os.chown(path, uid_of(owner), -1)
                os.chmod(path, int(mode or "755", 8))	# chown clears setuid
        elif kind == "dir":
            os.mkdir(path)
        elif kind.startswith("link="):
            os.symlink(kind[5:], path)
        elif kind.startswith("script="):
            # A root-owned 0755 "#!/bin/sh" backend that execs TARGET.
            with open(path, "w") as f:
                f.write('#!/bin/sh\nexec %s "$@"\n' % kind[7:])
            os.chmod(path, 0o755)
        elif kind != "rm":
            raise ValueError("bad backend kind %r" % kind)
    elif name == "chmod":
        path, _, mode = arg.rpartition(":")
        os.chmod(path, int(mode, 8))
    elif name == "chown":
        path, owner = arg.split(":", 1)
        owner, _, group = owner.partition(":")
        os.chown(path, uid_of(owner), grp.getgrnam(group).gr_gid if group else -1)
    elif name == "plant":
        plant_spy(ctx["SPYBIN"], arg)
    elif name == "outside":
        plant_spy(ctx["SPYBIN"], os.path.join(ctx["OUT"], arg))
    elif name == "jsonl_prefill":
        path, _, count = arg.rpartition(":")
        lines = b"".join(b'{"prefilled":%d}\n' % i for i in range(int(count)))
        with open(path, "wb") as f:
            f.write(lines)
        os.chmod(path, 0o640)
        state["prefill"][path] = lines
        state["post"].append(("unchanged_prefix", path, lines))
    elif name == "jsonl_symlink":
        # ROW/audit.jsonl -> ROW/victim; the victim must not change.
        path, victim = arg.split("->")
        with open(victim, "wb") as f:
            f.write(b"victim\n")
        os.symlink(victim, path)
        state["post"].append(("unchanged", victim, b"victim\n"))
    elif name == "jsonl_dir":
        os.mkdir(arg)
    elif name == "jsonl_partial":
        # What a writer killed mid-write leaves: a last line with no newline.
        content = b'{"prefilled":0}\n{"prefilled":1,"torn":"abc'
        with open(arg, "wb") as f:
            f.write(content)
        os.chmod(arg, 0o640)
        state["prefill"][arg] = content
        state["post"].append(("unchanged_prefix", arg, content))
    elif name == "dir_symlink":
        # LINK -> TARGET, a directory where no file may appear.
        link, target = arg.split("->")
        os.makedirs(target, exist_ok=True)
        os.symlink(target, link)
        state["post"].append(("no_files", target, None))
    elif name == "touch":
        open(arg, "ab").close()
    elif name == "reader_lock":
        reader_lock(arg)
    elif name == "lock_held":
        # A root writer stuck with the lock: flock on PATH (the lock file).
        fd = os.open(arg, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(fd, fcntl.LOCK_EX)
        CLEANUP.add(os.close, fd)
    elif name == "fifo":
        os.mkfifo(arg, 0o600)
    elif name == "jsonl_immutable":
        with open(arg, "wb") as f:
            f.write(b'{"prefilled":0}\n')
        chattr("+i", arg)
        CLEANUP.add(chattr, "-i", arg)
        state["prefill"][arg] = b'{"prefilled":0}\n'
        state["post"].append(("unchanged", arg, b'{"prefilled":0}\n'))
    elif name == "tmpfs_full":
        # tmpfs_full=DIR:LEAVE: a 64 KiB tmpfs at DIR holding a one-line
        # audit.jsonl, filled until LEAVE bytes are free.
        path, _, leave = arg.rpartition(":")
        # The line fills its page exactly: no slack for a record to hide in.
        mount_tmpfs(path, "64k")
        jsonl = os.path.join(path, "audit.jsonl")
        line = b'{"prefilled":0,"pad":"%s"}\n' % (b"x" * (4096 - 25))
        with open(jsonl, "wb") as f:
            f.write(line)
        os.chmod(jsonl, 0o640)
        state["prefill"][jsonl] = line
        fill_fs(path, int(leave))
        state["post"].append(("unchanged", jsonl, line))
    elif name == "mkdir":
        os.makedirs(arg, exist_ok=True)
    elif name == "cupsfiles":
        # cupsfiles=LINE|LINE...: CUPS_SERVERROOT/cups-files.conf
        with open(os.path.join(ctx["ROW"], "root", "cups-files.conf"), "w") as f:
            f.write("".join(line + "\n" for line in arg.split("|")))
    elif name == "midrun":
        # midrun=rename:SRC->DST | cmdline: done while the shim runs, once its
        # JSON Lines record is written (the checks are behind it, the exec
        # ahead: with syslog=stalled it then waits 2 s on the receiver).
        state["midrun"].append(arg)
    else:
        raise ValueError("unknown setup verb %r" % verb)


def midrun(proc, state, jsonl_path, ctx):
    """Wait until the shim has written its JSON Lines record, then act."""
    prefill = state["prefill"].get(jsonl_path, b"")
    deadline = time.monotonic() + 5
    while True:
        try:
            with open(jsonl_path, "rb") as f:
                if len(f.read()) > len(prefill):
                    break
        except FileNotFoundError:
            pass
        if proc.poll() is not None:
            raise RowFailure("the shim ended before its mid-run actions")
        if time.monotonic() > deadline:
            raise RowFailure("no JSON Lines record within 5 s: mid-run actions not done")
        time.sleep(0.005)
    for action in state["midrun"]:
        verb, _, arg = action.partition(":")
        if verb == "rename":
            src, dst = arg.split("->")
            os.rename(src, dst)
        elif verb == "cmdline":
            with open("/proc/%d/cmdline" % proc.pid, "rb") as f:
                state["cmdline"] = f.read()
        else:
            raise ValueError("bad midrun action %r" % action)
    if proc.poll() is not None:
        raise RowFailure("the shim ended during its mid-run actions: they proved nothing")


# --- Reading what happened ------------------------------------------------

def spy_runs(spydir):
    runs = []
    for entry in sorted(os.listdir(spydir)):
        if not entry.startswith("run."):
            continue
        with open(os.path.join(spydir, entry), "rb") as f:
            items = f.read().split(b"\0")
        argc = int(items[4])
        runs.append({
            "exe": items[0].decode("utf-8", "surrogateescape"),
            "uid": int(items[1]), "gid": int(items[2]),
            "device_uri": items[3][1:] if items[3].startswith(b"=") else None,
            "argv": items[5:5 + argc],
        })
    return runs


def check_text(data, where):
    """One JSON object, valid UTF-8, no raw control byte: the parsed object."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise RowFailure("%s: invalid UTF-8: %s" % (where, err))
    bad = RAW_BAD.search(text)
    if bad:
        raise RowFailure("%s: raw control character U+%04X at %d"
                         % (where, ord(bad.group()), bad.start()))
    try:
        value = json.loads(text)
    except ValueError as err:
        raise RowFailure("%s: not JSON (%s): %r" % (where, err, text[:120]))
    if not isinstance(value, dict):
        raise RowFailure("%s: not a JSON object" % where)
    return value


def read_jsonl(path, prefill):
    """The records appended to path (after the prefilled lines)."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return []
    if not stat.S_ISREG(st.st_mode):
        return []
    with open(path, "rb") as f:
        data = f.read()
    if not data.startswith(prefill):
        raise RowFailure("%s: the lines that were there before changed" % path)
    data = data[len(prefill):]
    if prefill and not prefill.endswith(b"\n") and data:
        # A partial last line was there: the first record starts a new one.
        if not data.startswith(b"\n"):
            raise RowFailure("%s: the record was glued to the partial last line: %r"
                             % (path, (prefill + data)[len(prefill) - 40:len(prefill) + 40]))
        data = data[1:]
    if data and not data.endswith(b"\n"):
        raise RowFailure("%s: the last line is incomplete (torn): %r" % (path, data[-80:]))
    if prefill == b"" and data:
        mode = stat.S_IMODE(st.st_mode)
        if mode not in (0o600, 0o640) or st.st_uid != 0:
            raise RowFailure("%s: created with mode %o owner %d, expected 0600/0640 root"
                             % (path, mode, st.st_uid))
    return [check_text(line, "%s line %d" % (path, n))
            for n, line in enumerate(data.split(b"\n")[:-1], 1)]


def syslog_records(messages, pid, max_size, pri):
    """Complete records reassembled from the datagrams, the parts count, and
    the records cut short by SyslogMaxParts: (part 1, joined slices, kind)."""
    objs = []
    for n, msg in enumerate(messages, 1):
        where = "syslog message %d" % n
        m = SYSLOG_MSG.match(msg)
        if not m:
            raise RowFailure("%s is not '<PRI>TIMESTAMP printaudit[PID]: JSON': %r"
                             % (where, msg[:120]))
        if int(m.group(3)) != pid:
            raise RowFailure("%s: PID %s, not the shim's %d" % (where, m.group(3).decode(), pid))
        if int(m.group(1)) != pri:
            raise RowFailure("%s: priority <%s>, expected <%d>" % (where, m.group(1).decode(), pri))
        if len(msg) > max_size:
            raise RowFailure("%s: %d bytes, longer than SyslogMaxSize %d" % (where, len(msg), max_size))
        objs.append(check_text(m.group(4), where))
    records, groups, order = split_form.group(objs, as_sent=True)
    capped = []
    for eid in order:
        parts = groups[eid]
        try:
            if not split_form.in_order(parts):
                continue			# incomplete: not a record
        except split_form.SplitError as err:
            raise RowFailure("syslog parts of %s: %s" % (eid, err))
        first, rest = parts[0], parts[1:]
        if first["event"].get("action") != "job.start":
            raise RowFailure("syslog part 1 of %s is not job.start" % eid)
        for p in rest:
            if p["event"].get("action") != "job.continued" or \
               set(p) not in ({"schema", "event", "options_slice"}, {"schema", "event", "record_slice"}) or \
               set(p["event"]) != {"action", "id", "part", "parts"}:
                raise RowFailure("syslog part %d of %s is not a continuation: %r"
                                 % (p["event"]["part"], eid, json.dumps(p)[:200]))
        omitted = first["event"].get("parts_omitted")
        if omitted is not None and (type(omitted) is not int or omitted < 1):
            raise RowFailure("syslog part 1 of %s: bad event.parts_omitted %r" % (eid, omitted))
        try:
            joined = split_form.join(parts)
        except split_form.SplitError as err:
            raise RowFailure("syslog parts of %s: %s" % (eid, err))
        if joined.omitted:
            # Cut short by SyslogMaxParts: the slices join to a prefix only.
            capped.append((first, joined.slices, joined.kind))
            continue
        record = joined.record
        if joined.kind == split_form.CORE:
            raise RowFailure("syslog parts of %s lack slices" % eid)
        if joined.kind == split_form.OPTIONS_SLICE:
            # Part 1 is the whole record but its options.
            if "options" in first or "abbreviated" in first["event"]:
                raise RowFailure("syslog part 1 of %s is not the record without options" % eid)
        else:
            # Part 1 is the record abbreviated; the slices join to all of it.
            if first["event"].get("abbreviated") is not True:
                raise RowFailure("syslog part 1 of %s lacks event.abbreviated" % eid)
            if record.get("event", {}).get("id") != eid:
                raise RowFailure("the record_slices of %s join to another event" % eid)
            prefix_view(first, record, eid)
        records.append(record)
    return records, len(objs), capped


def check_capped(capped, want, jsonl_path):
    """The one record cut short by SyslogMaxParts: want messages, part 1
    says how many were left out, and all it carries is the JSON Lines
    record's (part 1 its core or a prefix view, the slices a prefix of its
    text), which is whole there."""
    if want is None:
        if capped:
            raise RowFailure("%d syslog record(s) cut short by SyslogMaxParts" % len(capped))
        return
    if len(capped) != 1:
        raise RowFailure("%d syslog records cut short by SyslogMaxParts, expected 1" % len(capped))
    first, joined, kind = capped[0]
    event = first["event"]
    if event["parts"] != want:
        raise RowFailure("the capped record came in %d messages, expected %d" % (event["parts"], want))
    with open(jsonl_path, "rb") as f:
        lines = f.read().decode("utf-8").split("\n")[:-1]
    if len(lines) != 1:
        raise RowFailure("the capped record: %d JSON Lines records, expected 1" % len(lines))
    line = lines[0]
    whole = json.loads(line)
    if whole["event"]["id"] != event["id"]:
        raise RowFailure("the capped record's event.id is not the JSON Lines record's")
    if kind == "options_slice":
        text = json.dumps(whole["options"], ensure_ascii=False, separators=(",", ":"))
        if not line.partition('"options":')[2].startswith(joined):
            raise RowFailure("the capped record's options_slices are not a prefix of the options")
        if len(joined) >= len(text):
            raise RowFailure("the capped record's options_slices are not cut short")
        core = dict(first)
        core["event"] = {k: v for k, v in event.items()
                         if k not in ("part", "parts", "parts_omitted")}
        rest = {k: v for k, v in whole.items() if k != "options"}
        if not same(core, rest):
            raise RowFailure("the capped record's part 1 is not the record without options")
    else:
        if not line.startswith(joined) or len(joined) >= len(line):
            raise RowFailure("the capped record's record_slices are not a prefix of the record")
        prefix_view(first, whole, event["id"])


def prefix_view(part, record, eid, path=""):
    """Part 1 of an abbreviated record: every value there is the record's,
    strings possibly cut short (never longer, never different)."""
    for key, value in part.items():
        where = path + "." + key if path else key
        if where == "event":
            continue
        if key not in record:
            raise RowFailure("syslog part 1 of %s has %s, the record has not" % (eid, where))
        full = record[key]
        if isinstance(value, dict) and isinstance(full, dict):
            prefix_view(value, full, eid, where)
        elif isinstance(value, str) and isinstance(full, str):
            if not full.startswith(value):
                raise RowFailure("syslog part 1 of %s: %s %r is not a prefix of %r"
                                 % (eid, where, value[:60], full[:60]))
        elif not same(value, full):
            raise RowFailure("syslog part 1 of %s: %s differs from the record" % (eid, where))


def field(record, path):
    section, sep, key = path.partition(".")
    if section not in record:
        raise KeyError(path)
    value = record[section]
    if sep:
        if not isinstance(value, dict) or key not in value:
            raise KeyError(path)
        value = value[key]
    return value


def same(a, b):
    """JSON equality that tells 1 from 1.0 from true."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b


def check_field(record, path, want, argv):
    """One field expectation: a JSON value, or {"$op": ...}."""
    try:
        got = field(record, path)
        present = True
    except KeyError:
        got, present = None, False
    if not (isinstance(want, dict) and want and all(k.startswith("$") for k in want)):
        want = {"$eq": want}
    for op, arg in want.items():
        if op == "$absent":
            if present == arg:
                raise RowFailure("record %s is %s" % (path, "present" if present else "absent"))
            continue
        if not present:
            raise RowFailure("record has no %s" % path)
        if op == "$eq":
            ok = same(got, arg)
        elif op == "$arg":			# the argument as given, decoded
            ok = got == argv[arg].decode("utf-8")
        elif op == "$bytes":
            ok = isinstance(got, str) and len(got.encode("utf-8")) == arg
        elif op == "$re":
            ok = isinstance(got, str) and re.fullmatch(arg, got, re.S) is not None
        elif op == "$has":
            ok = isinstance(got, list) and arg in got
        elif op == "$set":			# the same elements, each once, any order
            ok = isinstance(got, list) and sorted(map(json.dumps, got)) == sorted(map(json.dumps, arg))
        elif op == "$keys":
            ok = isinstance(got, dict) and len(got) == arg
        elif op == "$len":
            ok = isinstance(got, (list, str)) and len(got) == arg
        else:
            raise ValueError("unknown check %s" % op)
        if not ok:
            shown = json.dumps(got, ensure_ascii=False)
            raise RowFailure("record %s: %s %s failed; got %s"
                             % (path, op, json.dumps(arg, ensure_ascii=False)[:80],
                                shown[:160] + ("..." if len(shown) > 160 else "")))


# --- One row ---------------------------------------------------------------

def conf_value(conf, directive, default):
    value = default
    for line in conf.splitlines():
        words = line.strip().split(None, 1)
        if len(words) == 2 and words[0].lower() == directive.lower():
            value = words[1].strip()
    return value


def run_row(row, run_dir, opts, all_records):
    name = row["name"]
    rdir = os.path.join(run_dir, "rows", name)
    os.makedirs(rdir)
    os.chmod(rdir, 0o755)
    ctx = {"ROW": rdir, "SB": rdir + "/sb", "OUT": rdir + "/out", "BIN": rdir + "/bin",
           "SPYBIN": opts.spybin, "S63": "s" + "x" * 61 + "9", "S64": "s" + "x" * 61 + "94"}
    spydir = opts.spydir
    for entry in os.listdir(spydir):
        os.unlink(os.path.join(spydir, entry))
    for d in ("sb/backend", "out", "bin", "cwd", "root"):
        os.makedirs(os.path.join(rdir, d))
    with open(rdir + "/doc", "wb") as f:
        f.write(b"hostile document\n")
    plant_spy(opts.spybin, ctx["SB"] + "/backend/spy")
    plant_spy(opts.spybin, ctx["SB"] + "/backend/printaudit")	# a decoy: never run
    for cname in CANARY_NAMES:
        for d in (ctx["SB"], ctx["BIN"], rdir + "/cwd", ctx["OUT"]):
            plant_spy(opts.spybin, os.path.join(d, cname))
    state = {"syslog": "live", "conf_at": rdir + "/printaudit.conf", "post": [],
             "prefill": {}, "conf_owner": (0, 0), "conf_mode": 0o644, "midrun": [],
             "cmdline": None}
    for verb in filter(None, (v.strip() for v in row["setup"].split(";"))):
        if verb != "-":
            do_setup(row, verb, ctx, state)

    conf = ""
    if row["conf"] != "none":
        spec = STD_CONF if row["conf"] == "std" else json.loads(row["conf"])
        conf = value_bytes(spec, ctx).decode("utf-8", "surrogateescape")
        with open(state["conf_at"], "wb") as f:
            f.write(conf.encode("utf-8", "surrogateescape"))
        os.chown(state["conf_at"], *state["conf_owner"])
        os.chmod(state["conf_at"], state["conf_mode"])

    sock_path = conf_value(conf, "SyslogSocket", "/dev/log")
    receiver = None
    mode, _, spec = state["syslog"].partition(":")
    restarts = {}
    if mode == "restart":
        # restart:K/GAP,...: after message K the receiver restarts, its
        # socket gone for GAP seconds; otherwise it is a live receiver.
        for item in spec.split(","):
            k, _, gap = item.partition("/")
            restarts[int(k)] = float(gap or 0)
        mode = "live"
    if sock_path.startswith(rdir):
        if mode in ("live", "stalled", "gone"):
            receiver = Receiver(sock_path, live=(mode == "live"), restarts=restarts)
            if mode == "stalled":
                receiver.fill()
        elif mode == "notsock":
            open(sock_path, "w").close()
        elif mode == "stream":
            receiver = Receiver(sock_path, sock_type=socket.SOCK_STREAM)
        if receiver:
            CLEANUP.add(receiver.close)

    argv = parse_argv(row["argv"], ctx)
    env = parse_env(row["env"], ctx)
    cmd = list(argv)
    executable = opts.shim
    if opts.wrap:
        executable = None
        cmd = opts.wrap + ["--log-file=%s/valgrind.log" % rdir, opts.shim] + argv[1:]

    start = time.monotonic()
    try:
        proc = subprocess.Popen(cmd, executable=executable, env=env, cwd=rdir + "/cwd",
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
    except OSError as err:
        proc = None
        status = errno.errorcode.get(err.errno, str(err.errno))
        out = err_out = b""
    if proc:
        CLEANUP.add(reap, proc)			# never leave it running past the row
        if state["midrun"]:
            midrun(proc, state, conf_value(conf, "JsonLog", "none"), ctx)
        if mode == "gone":
            # Mid-stream: let the shim fill the queue, take a few parts, go away.
            time.sleep(0.3)
            receiver.sock.settimeout(5 * (opts.slow or 1))
            for _ in range(3):
                receiver.messages.append(receiver.sock.recv(1 << 20))
            receiver.sock.close()
            os.unlink(sock_path)
        hang = max(ROW_TIMEOUT, 2 * float(row["time"].partition("-")[2] or 0)) * (opts.slow or 1)
        try:
            out, err_out = proc.communicate(timeout=hang)
        except subprocess.TimeoutExpired:
            reap(proc)
            raise RowFailure("the shim hung: killed after %gs" % hang)
        status = str(proc.returncode)
    elapsed = time.monotonic() - start

    messages = []
    if receiver and mode == "live":
        messages = receiver.sync()
        if len(receiver.restarted) != len(restarts):
            raise RowFailure("the receiver restarted after messages %r, expected after %r"
                             % (receiver.restarted, sorted(restarts)))
    elif receiver and mode == "gone":
        messages = list(receiver.messages)
    if receiver:
        receiver.close()
    for action in state["post"]:
        kind, path, content = action
        if kind == "no_files":
            files = [os.path.join(d, f) for d, _, fs in os.walk(path) for f in fs]
            if files:
                raise RowFailure("files were created through a symlink: %r" % files)
            continue
        with open(path, "rb") as f:
            data = f.read()
        if (kind == "unchanged" and data != content) or \
           (kind == "unchanged_prefix" and not data.startswith(content)):
            raise RowFailure("%s changed: %r" % (path, data[:120]))
    CLEANUP.run()

    # Exit status and stderr.
    want_status = row["exit"]
    if status != want_status:
        raise RowFailure("exit status %s, expected %s; stderr: %r" % (status, want_status, err_out[-600:]))
    if err_out and not err_out.endswith(b"\n"):
        raise RowFailure("stderr does not end with a newline: %r" % err_out[-200:])
    lines = err_out.split(b"\n")[:-1] if err_out else []
    for line in lines:
        if not STDERR_LINE.match(line):
            raise RowFailure("stderr line is not one clean CUPS message line: %r" % line[:300])
    errors = b"\n".join(l for l in lines if l.startswith(b"ERROR:")).decode("utf-8", "replace")
    want_error = subst(row["error"], {k: re.escape(v) for k, v in ctx.items()})
    if want_error == "-":
        if errors:
            raise RowFailure("unexpected ERROR line(s): %s" % errors[:600])
    elif not re.fullmatch(want_error, errors):
        raise RowFailure("ERROR lines %r do not match %r" % (errors[:600], want_error))
    if out:
        raise RowFailure("unexpected output on stdout: %r" % out[:200])

    # Timing.
    lo, _, hi = row["time"].partition("-")
    if row["time"] == "-":
        lo, hi = "0", "5"
    factor = opts.slow or 1
    if elapsed < float(lo) or elapsed > float(hi) * factor:
        raise RowFailure("took %.2fs, expected %s..%ss" % (elapsed, lo, float(hi) * factor))

    # What ran.
    runs = spy_runs(spydir)
    checks = json.loads(subst(row["checks"], ctx)) if row["checks"] != "-" else {}
    if row["ran"] == "-":
        if runs:
            raise RowFailure("executed, but nothing may run: %s" % ", ".join(r["exe"] for r in runs))
    else:
        want_exe = os.path.realpath(subst(row["ran"], ctx))
        if len(runs) != 1 or runs[0]["exe"] != want_exe:
            raise RowFailure("expected one run of %s, got: %s"
                             % (want_exe, ", ".join(r["exe"] for r in runs) or "none"))
        run = runs[0]
        if run["argv"][1:] != argv[1:]:
            raise RowFailure("the real backend's argv[1..] differ: %r" % run["argv"][1:])
        wrapped = env.get(b"DEVICE_URI") or argv[0]
        wrapped = wrapped[len(b"printaudit:"):]
        if run["device_uri"] != wrapped:
            raise RowFailure("the real backend's DEVICE_URI is %r, expected %r" % (run["device_uri"], wrapped))
        want0 = checks.pop("$spy.argv0", None)
        want0 = want0.encode() if want0 is not None else cupsd_argv0(wrapped)
        if not opts.wrap and run["argv"][0] != want0:
            raise RowFailure("the real backend's argv[0] is %r, expected %r" % (run["argv"][0], want0))
        want_uid = checks.pop("$spy.uid", None)
        if want_uid is not None:
            uid = pwd.getpwnam(want_uid).pw_uid if isinstance(want_uid, str) else want_uid
            if run["uid"] != uid:
                raise RowFailure("the real backend ran as uid %d, expected %d" % (run["uid"], uid))
    checks.pop("$spy.argv0", None)
    checks.pop("$spy.uid", None)
    cmdline_absent = checks.pop("$cmdline_absent", [])
    cmdline_argv0 = checks.pop("$cmdline_argv0", None)
    if cmdline_absent or cmdline_argv0 is not None:
        if state["cmdline"] is None:
            raise RowFailure("cmdline checks given but no midrun=cmdline")
        for secret in cmdline_absent:
            if secret.encode() in state["cmdline"]:
                raise RowFailure("%r is in /proc/PID/cmdline of the running shim: %r"
                                 % (secret, state["cmdline"][:200]))
        if cmdline_argv0 is not None and \
           state["cmdline"].split(b"\0")[0] != cmdline_argv0.encode():
            raise RowFailure("argv[0] in /proc/PID/cmdline is %r, expected %r"
                             % (state["cmdline"].split(b"\0")[0], cmdline_argv0))

    # Records.
    jsonl_path = conf_value(conf, "JsonLog", "none")
    jsonl = [] if jsonl_path == "none" else read_jsonl(jsonl_path, state["prefill"].get(jsonl_path, b""))
    facility = {"lpr": 6, "user": 1, "daemon": 3, "auth": 4}
    facility.update({"local%d" % i: 16 + i for i in range(8)})
    pri = facility.get(conf_value(conf, "SyslogFacility", "lpr").lower(), 6) * 8 + 5
    max_size = conf_value(conf, "SyslogMaxSize", "4000")
    max_size = int(max_size) if max_size.isdigit() else 4000
    pid = proc.pid if proc else -1
    syslog, nparts, capped = syslog_records(messages, pid, max_size, pri)
    check_capped(capped, checks.pop("$syslog_capped", None), jsonl_path)
    want_min = checks.pop("$syslog_messages_min", 0)
    if len(messages) < want_min:
        raise RowFailure("%d syslog messages, expected at least %d" % (len(messages), want_min))
    if len(jsonl) != int(row["jsonl"]):
        raise RowFailure("%d records in the JSON Lines file, expected %s" % (len(jsonl), row["jsonl"]))
    if len(syslog) != int(row["syslog"]):
        raise RowFailure("%d complete records in syslog (%d messages), expected %s"
                         % (len(syslog), nparts, row["syslog"]))
    if jsonl and syslog and not same(jsonl[0], syslog[0]):
        raise RowFailure("the syslog record differs from the JSON Lines record:\n%s\n%s"
                         % (json.dumps(syslog[0])[:400], json.dumps(jsonl[0])[:400]))
    if messages and jsonl:
        ids = {json.loads(SYSLOG_MSG.match(m).group(4))["event"]["id"] for m in messages}
        if ids != {jsonl[0]["event"]["id"]}:
            raise RowFailure("syslog messages carry event ids %r, not the record's" % ids)
    record = (jsonl or syslog or [None])[0]
    raw_absent = checks.pop("$raw_absent", [])
    for secret in raw_absent:
        for blob in [json.dumps(r, ensure_ascii=False) for r in jsonl] + \
                [m.decode("utf-8", "replace") for m in messages] + [errors]:
            if secret in blob:
                raise RowFailure("%r appears in what was logged" % secret)
    if checks and record is None:
        raise RowFailure("field checks given but there is no record")
    for path, want in checks.items():
        check_field(record, path, want, argv)
    # The schema covers JSON Lines records and each syslog message.
    all_records.extend(jsonl)
    all_records.extend(json.loads(SYSLOG_MSG.match(m).group(4)) for m in messages)

    if opts.wrap:
        with open(rdir + "/valgrind.log", "r", errors="replace") as f:
            vlog = f.read()
        bad = re.findall(r"==\d+== (Invalid .*|Conditional jump .*|Use of uninitialised .*|"
                         r"Syscall param .*|Mismatched .*|Source and destination overlap.*|"
                         r"\d+ bytes in \d+ blocks are (?:definitely|possibly) lost.*)", vlog)
        if bad:
            raise RowFailure("valgrind: " + "; ".join(bad[:5]))
    return elapsed


def load_matrix(path):
    rows = []
    header = None
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            if len(cells) != len(header):
                raise SystemExit("%s:%d: %d columns, expected %d" % (path, n, len(cells), len(header)))
            row = dict(zip(header, cells))
            row["line"] = n
            rows.append(row)
    names = [r["name"] for r in rows]
    dupes = {n for n in names if names.count(n) > 1}
    if dupes:
        raise SystemExit("duplicate row names: %s" % ", ".join(sorted(dupes)))
    return rows


def validate(schema_path, records):
    import jsonschema
    with open(schema_path) as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
    errors = []
    for record in records:
        for err in validator.iter_errors(record):
            errors.append("%s at /%s (event %s)" % (err.message[:200], "/".join(map(str, err.path)),
                                                   (record.get("event") or {}).get("id")))
    return errors


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--shim", required=True)
    parser.add_argument("--matrix", default=os.path.join(HERE, "matrix.tsv"))
    parser.add_argument("--schema")
    parser.add_argument("--only", help="run only the rows whose name matches")
    parser.add_argument("--nonexec", action="store_true",
                        help="run only the rows where the shim exits without exec (plus --also)")
    parser.add_argument("--also", help="with --nonexec: also the rows whose name matches")
    parser.add_argument("--skip", help="skip the rows whose name matches")
    parser.add_argument("--wrap", help="run the shim under this wrapper (valgrind)")
    parser.add_argument("--keep", action="store_true")
    opts = parser.parse_args()
    if os.geteuid() != 0:
        print("Bail out! the matrix runs the shim as root, as cupsd does")
        return 1
    opts.wrap = opts.wrap.split() if opts.wrap else None
    if opts.wrap:
        opts.wrap[0] = shutil.which(opts.wrap[0]) or opts.wrap[0]
    opts.slow = 10 if opts.wrap else None

    rows = load_matrix(opts.matrix)
    if opts.only:
        rows = [r for r in rows if re.search(opts.only, r["name"])]
    if opts.nonexec:
        rows = [r for r in rows if r["ran"] == "-" or (opts.also and re.search(opts.also, r["name"]))]
    if opts.skip:
        rows = [r for r in rows if not re.search(opts.skip, r["name"])]
    run_dir = tempfile.mkdtemp(prefix="printaudit-hostile.")
    os.chmod(run_dir, 0o755)
    opts.spydir = os.path.join(run_dir, "spy")
    os.mkdir(opts.spydir)
    os.chmod(opts.spydir, 0o1777)
    opts.spybin = os.path.join(run_dir, "spy-bin")
    subprocess.run([os.environ.get("CC", "cc"), "-std=c11", "-D_GNU_SOURCE", "-O2", "-Wall",
                    "-Wextra", "-Werror", "-DSPY_RUN_FILE", '-DSPY_DIR="%s"' % opts.spydir,
                    "-o", opts.spybin, os.path.join(HERE, "..", "lib", "spy.c")], check=True)
    print("# run directory: %s" % run_dir)
    print("# shim: %s%s" % (opts.shim, " under " + " ".join(opts.wrap) if opts.wrap else ""))

    def on_term(signum, frame):
        raise SystemExit(128 + signum)
    signal.signal(signal.SIGTERM, on_term)

    failed = skipped = 0
    all_records = []
    started = time.monotonic()
    try:
        for n, row in enumerate(rows, 1):
            if opts.wrap and ("wrap:skip" in row["note"]):
                print("ok %d - %s # SKIP under a wrapper (%s)" % (n, row["name"], row["note"]))
                skipped += 1
                continue
            try:
                elapsed = run_row(row, run_dir, opts, all_records)
                print("ok %d - %s (%.2fs)" % (n, row["name"], elapsed))
            except Exception as err:		# a row that breaks the runner fails too
                failed += 1
                print("not ok %d - %s (matrix.tsv line %d: %s)" % (n, row["name"], row["line"], row["note"]))
                text = str(err) if isinstance(err, RowFailure) else traceback.format_exc()
                for line in text.splitlines():
                    print("#   " + line)
            finally:
                CLEANUP.run()
        if opts.schema and os.path.exists(opts.schema):
            errors = validate(opts.schema, all_records)
            if errors:
                failed += 1
                print("not ok - every record and message is valid against the schema")
                for e in errors[:20]:
                    print("#   " + e)
            else:
                print("ok - %d records and messages are valid against the schema" % len(all_records))
        elif opts.schema:
            print("# WARNING: no schema at %s: records not validated" % opts.schema)
    finally:
        CLEANUP.run()
    total = time.monotonic() - started
    print("# %d rows, %d failed, %d skipped, %.1fs" % (len(rows), failed, skipped, total))
    if failed == 0 and not opts.keep:
        shutil.rmtree(run_dir, ignore_errors=True)
    else:
        print("# kept %s" % run_dir)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
