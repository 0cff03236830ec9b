#!/usr/bin/python3
"""The JsonLog against rotation and against jobs killed mid-write.

Usage: jsonlog_races.py --shim PATH [--jobs N] [--sweep N] [--keep]

Runs the shim directly, as root, as cupsd does (real backend: a copy of
/bin/true), on a JsonLog in a private directory, and checks:

rotate_held     logrotate renames the JsonLog (and creates a new one, or
                not) while a job waits for the writers' lock (held here,
                and flock on the JsonLog as well, the old lock): the
                record goes to the new file, never to the renamed one.
rotate_loop     N jobs, 4 at a time, while a loop rotates as logrotate
                does (rename, create, a pause, then "compress": read the
                renamed file and remove it): every record is found exactly
                once, whole, and none is lost.
kill_sweep      a job with a ~0.7 MB record is killed with SIGKILL at
                delays around the moment it writes (found by 20 kills
                spread over its life), each kill followed by a normal job: a torn record stays, but on a line of its
                own, and every normal job's record is whole on its own
                line.  The number of kills that tore a record is shown.
term_sweep      the same with SIGTERM, as cupsd cancels a job: no line is
                ever torn (the record is written whole, or not at all).

Exit status 0 when every check passed (TAP-like output).
"""

import argparse
import fcntl
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import tap  # noqa: E402

URI = "printaudit:nop://127.0.0.1:9100/q"
TAP = tap.Tap()
check = TAP.ok


class Rig:
    """A private backend directory, configuration and JsonLog."""

    def __init__(self, shim, base, name):
        self.shim = shim
        self.dir = os.path.join(base, name)
        os.makedirs(os.path.join(self.dir, "sb", "backend"))
        nop = os.path.join(self.dir, "sb", "backend", "nop")
        shutil.copyfile("/bin/true", nop)
        os.chmod(nop, 0o755)
        self.log = os.path.join(self.dir, "audit.jsonl")
        self.conf = os.path.join(self.dir, "printaudit.conf")
        with open(self.conf, "w") as f:
            f.write("Syslog off\nJsonLog %s\n" % self.log)
        os.chmod(self.conf, 0o644)
        self.env = {"PATH": "/usr/bin:/bin", "DEVICE_URI": URI, "PRINTER": "races",
                    "CONTENT_TYPE": "text/plain", "CUPS_SERVERBIN": self.dir + "/sb",
                    "CUPS_SERVERROOT": self.dir, "PRINTAUDIT_CONF": self.conf}
        for name in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"):
            if name in os.environ:
                self.env[name] = os.environ[name]

    def start(self, job, options="media=A4"):
        return subprocess.Popen([URI, str(job), "alice", "races %d" % job, "1", options],
                                executable=self.shim, env=self.env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def records(data, where):
    """The job ids of the lines of data; every line must be a whole record."""
    ids = []
    if data and not data.endswith(b"\n"):
        raise ValueError("%s: the last line has no newline" % where)
    for n, line in enumerate(data.split(b"\n")[:-1], 1):
        try:
            ids.append(json.loads(line)["job"]["id"])
        except (ValueError, KeyError, TypeError):
            raise ValueError("%s line %d is not a whole record: %r" % (where, n, line[:80]))
    return ids


def has_open(pid, path):
    try:
        for fd in os.listdir("/proc/%d/fd" % pid):
            try:
                if os.readlink("/proc/%d/fd/%s" % (pid, fd)) == path:
                    return True
            except OSError:
                pass
    except OSError:
        pass
    return False


def rotate_held(rig, create):
    what = "rotate_held (%s): a rename while the job waits for the lock" % \
        ("create" if create else "nocreate")
    prefill = b'{"prefilled":0}\n'
    with open(rig.log, "wb") as f:
        f.write(prefill)
    os.chmod(rig.log, 0o640)
    lock = os.open(rig.log + ".lock", os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(lock, fcntl.LOCK_EX)
    old = os.open(rig.log, os.O_RDONLY)		# the lock of the JsonLog before
    fcntl.flock(old, fcntl.LOCK_EX)
    proc = rig.start(1)
    deadline = time.monotonic() + 5
    while not has_open(proc.pid, rig.log) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.001)
    opened = has_open(proc.pid, rig.log)
    time.sleep(0.1)				# it waits for a lock now
    os.rename(rig.log, rig.log + ".1")
    if create:
        os.close(os.open(rig.log, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640))
    os.close(old)
    os.close(lock)
    try:
        out, err = proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
    if not check(opened, what + ": the job had the JsonLog open", "it never opened it"):
        return
    with open(rig.log + ".1", "rb") as f:
        rotated = f.read()
    try:
        with open(rig.log, "rb") as f:
            current = records(f.read(), rig.log)
    except (OSError, ValueError) as err_:
        current = str(err_)
    check(proc.returncode == 0 and not err, what + ": exit 0, nothing on stderr",
          "exit %s, stderr %r" % (proc.returncode, err[-300:]))
    check(rotated == prefill, what + ": nothing went to the renamed file",
          "it holds %r" % rotated[len(prefill):][:100])
    check(current == [1], what + ": the record is in the new file", "it holds %r" % (current,))


def rotate_loop(rig, jobs):
    what = "rotate_loop: %d jobs, 4 at a time, while the JsonLog rotates" % jobs
    done = threading.Event()
    kept = []					# what the "compressor" read
    rotations = [0]

    def rotator():
        while not done.is_set():
            time.sleep(random.uniform(0.01, 0.05))
            k = rotations[0] = rotations[0] + 1
            name = "%s.%d" % (rig.log, k)
            try:
                os.rename(rig.log, name)
            except FileNotFoundError:
                continue
            try:				# create (a job may have been first)
                os.close(os.open(rig.log, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640))
            except FileExistsError:
                pass
            time.sleep(0.2)			# postrotate, then compress
            with open(name, "rb") as f:
                kept.append((name, f.read()))
            os.unlink(name)

    thread = threading.Thread(target=rotator)
    thread.start()
    bad = []
    running = []
    try:
        for job in range(1, jobs + 1):
            while len(running) >= 4:
                for proc in running:
                    if proc.poll() is not None:
                        running.remove(proc)
                        out, err = proc.communicate()
                        if proc.returncode != 0 or err:
                            bad.append((proc.returncode, err[-200:]))
                        break
                else:
                    time.sleep(0.0005)
            running.append(rig.start(job))
        for proc in running:
            out, err = proc.communicate(timeout=30)
            if proc.returncode != 0 or err:
                bad.append((proc.returncode, err[-200:]))
    finally:
        done.set()
        thread.join()
    try:
        ids = []
        for name, data in kept:
            ids += records(data, name)
        with open(rig.log, "rb") as f:
            ids += records(f.read(), rig.log)
    except ValueError as err:
        check(False, what + ": every line whole", str(err))
        return
    check(not bad, what + ": every job exited 0 with nothing on stderr", repr(bad[:3]))
    missing = sorted(set(range(1, jobs + 1)) - set(ids))
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    check(not missing and not dupes and len(ids) == jobs,
          what + ": every record found exactly once (%d rotations)" % rotations[0],
          "%d lost %r, %d twice %r" % (len(missing), missing[:10], len(dupes), dupes[:10]))


def big_options():
    # 31 options of 4000 control bytes: each is 24 KB of JSON (\u0001).
    return " ".join("k%d=%s" % (i, "\x01" * 4000) for i in range(31))


def kill_once(rig, sig, job, delay, options):
    """Start a big job, signal it after delay seconds, then run a normal
    job.  Returns what the big job left: "none", "whole" or "torn"."""
    before = os.path.getsize(rig.log) if os.path.exists(rig.log) else 0
    proc = rig.start(job, options)
    start = time.perf_counter()
    if delay > 0.002:				# leave the CPU to the job
        time.sleep(delay - 0.002)
    while time.perf_counter() - start < delay:
        pass
    proc.send_signal(sig)
    proc.communicate()
    new = b""
    if os.path.exists(rig.log):
        with open(rig.log, "rb") as f:
            f.seek(before)
            new = f.read()
    return "none" if not new else "whole" if new.endswith(b"\n") else "torn"


def sweep(rig, sig, runs, life):
    """Kill big jobs at delays around the moment they write, each kill
    followed by a normal job.  First 20 kills spread over the job's life
    find where records begin to appear; the rest are spread over that
    stretch.  Returns (torn lines, whole big records, error)."""
    name = signal.Signals(sig).name
    if os.path.exists(rig.log):
        os.unlink(rig.log)
    options = big_options()
    normal = []
    job = 0

    def run(delay):
        nonlocal job
        job += 1
        outcome = kill_once(rig, sig, 100000 + job, delay, options)
        nxt = rig.start(job)
        out, err = nxt.communicate(timeout=30)
        if nxt.returncode != 0 or err:
            raise RuntimeError("%s: the job after kill %d: exit %s, %r"
                               % (name, job, nxt.returncode, err[-200:]))
        normal.append(job)
        return outcome

    try:
        step = life * 1.3 / 20
        seen = [(step * n, run(step * n)) for n in range(20)]
        first = min((d for d, o in seen if o != "none"), default=None)
        if first is None:
            lo, hi = 0.0, life * 1.3
        else:
            lo = max([d for d, o in seen if o == "none" and d < first], default=0.0)
            hi = min([d for d, o in seen if o == "whole" and d >= first], default=first) + step
        for n in range(runs - 20):
            run(lo + (hi - lo) * n / max(1, runs - 21))
    except RuntimeError as err:
        return None, None, str(err)

    with open(rig.log, "rb") as f:
        data = f.read()
    torn = whole = 0
    ids = []
    for line in data.split(b"\n")[:-1]:
        try:
            job_id = json.loads(line)["job"]["id"]
        except ValueError:
            if not line.startswith(b'{"schema":'):
                return None, None, "%s: a line that is not a record's start: %r" % (name, line[:80])
            torn += 1
            continue
        if job_id >= 100000:
            whole += 1
        else:
            ids.append(job_id)
    if not data.endswith(b"\n"):
        return None, None, "%s: the file does not end with a newline" % name
    if ids != normal:
        return None, None, "%s: the normal jobs' records are not each whole on a line of " \
            "their own (%d of %d found)" % (name, len(ids), len(normal))
    return torn, whole, None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--shim", required=True)
    parser.add_argument("--jobs", type=int, default=200)
    parser.add_argument("--sweep", type=int, default=100)
    parser.add_argument("--keep", action="store_true")
    opts = parser.parse_args()
    if os.geteuid() != 0:
        TAP.bail("the shim runs as root, as cupsd runs it")
        return 1
    opts.shim = os.path.abspath(opts.shim)
    base = tempfile.mkdtemp(prefix="printaudit-races.")
    os.chmod(base, 0o755)
    print("# run directory: %s" % base)

    rotate_held(Rig(opts.shim, base, "held-create"), True)
    rotate_held(Rig(opts.shim, base, "held-nocreate"), False)
    rotate_loop(Rig(opts.shim, base, "loop"), opts.jobs)

    # How long a big job lives, from start to exit, unkilled.
    rig = Rig(opts.shim, base, "kill")
    times = []
    for n in range(5):
        start = time.perf_counter()
        proc = rig.start(200000 + n, big_options())
        proc.communicate()
        times.append(time.perf_counter() - start)
    life = sorted(times)[2]
    print("# a job with a %d KB record lives %.1f ms" % (os.path.getsize(rig.log) / 5 / 1024, life * 1000))

    torn, whole, err = sweep(rig, signal.SIGKILL, opts.sweep, life)
    if check(err is None, "kill_sweep: after each of %d SIGKILLs the next record is whole on its own line"
             % opts.sweep, err or ""):
        print("# SIGKILL: %d records torn mid-write (each left on a line of its own), %d whole"
              % (torn, whole))
    rig = Rig(opts.shim, base, "term")
    torn, whole, err = sweep(rig, signal.SIGTERM, opts.sweep, life)
    if check(err is None, "term_sweep: after each of %d SIGTERMs the next record is whole on its own line"
             % opts.sweep, err or ""):
        check(torn == 0, "term_sweep: no SIGTERM tore a record (%d whole)" % whole,
              "%d records torn by SIGTERM" % torn)
        if whole == 0:
            print("# WARNING: no SIGTERM came after the write began: the sweep proved little")

    print("# %d failed" % len(TAP.failed))
    if TAP.failed or opts.keep:
        print("# kept %s" % base)
    else:
        shutil.rmtree(base, ignore_errors=True)
    return TAP.status()


if __name__ == "__main__":
    sys.exit(main())
