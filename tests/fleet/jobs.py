#!/usr/bin/python3
"""Run the shim for many jobs, as cupsd would run it, at a steady rate.

Usage:
  jobs.py SHIM SERVERBIN FIRST COUNT RATE PARALLEL RESULTS CONF...

Runs COUNT jobs with job ids FIRST, FIRST+1, ... , PARALLEL at a time,
starting one every 1/RATE seconds, each as
  SHIM JOB-ID USER TITLE COPIES OPTIONS
with PRINTAUDIT_CONF set to CONF[job id % number of CONFs],
CUPS_SERVERBIN=SERVERBIN and DEVICE_URI=printaudit:socket://127.0.0.1:9100.
Jobs whose id is 0 or 1 modulo 97 get about 10 KB of options, so that
their syslog message is split into parts and their JSON Lines line is
longer than rsyslog's default message size (8 KB).

RESULTS gets one line per job as it ends, tab-separated:
  JOB-ID CONF-INDEX EXIT-STATUS START END SYSLOG-FAILED STDERR
START and END are time.time() values; SYSLOG-FAILED is 1 when the shim
reported that the syslog receiver did not take the record; STDERR is the
shim's stderr with tabs and newlines as spaces.  The exit status is 0 when
every job exited 0.
"""

import os
import subprocess
import sys
import threading
import time

SYSLOG_FAILURES = ("syslog receiver", "syslog socket")


def options(job):
    base = "media=A4 sides=two-sided-long-edge print-color-mode=monochrome"
    if job % 97 < 2:
        base += " " + " ".join("fleet-opt-%03d=%s" % (i, "v" * 90) for i in range(100))
    return base


def main(argv):
    if len(argv) < 9:
        print(__doc__, file=sys.stderr)
        return 2
    shim, serverbin = argv[1], argv[2]
    first, count, rate, parallel = int(argv[3]), int(argv[4]), float(argv[5]), int(argv[6])
    results, confs = argv[7], argv[8:]

    lock = threading.Lock()
    state = {"next": 0, "failed": 0}
    start = time.time()
    out = open(results, "a", encoding="utf-8")

    def worker():
        while True:
            with lock:
                index = state["next"]
                state["next"] += 1
            if index >= count:
                return
            delay = start + index / rate - time.time()
            if delay > 0:
                time.sleep(delay)
            job = first + index
            conf = job % len(confs)
            env = dict(os.environ,
                       PRINTAUDIT_CONF=confs[conf],
                       CUPS_SERVERBIN=serverbin,
                       DEVICE_URI="printaudit:socket://127.0.0.1:9100")
            began = time.time()
            proc = subprocess.run(
                [shim, str(job), "user%02d" % (job % 23), "fleet document %d" % job,
                 "1", options(job)],
                env=env, stdin=subprocess.DEVNULL, capture_output=True, check=False)
            ended = time.time()
            err = proc.stderr.decode("utf-8", "replace")
            syslog_failed = int(any(s in err.lower() for s in SYSLOG_FAILURES))
            line = "%d\t%d\t%d\t%.6f\t%.6f\t%d\t%s\n" % (
                job, conf, proc.returncode, began, ended, syslog_failed,
                " ".join(err.split()))
            with lock:
                out.write(line)
                out.flush()
                if proc.returncode != 0:
                    state["failed"] += 1

    threads = [threading.Thread(target=worker) for _ in range(parallel)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    out.close()
    return 1 if state["failed"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
