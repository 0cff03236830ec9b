#!/usr/bin/python3
"""A syslog receiver that has stopped reading: a full Unix datagram socket.

Usage: stalled_syslog.py PATH

Binds PATH, fills its receive queue until a sender would block, creates
PATH.ready, then sleeps until SIGTERM without ever reading.
"""

import os
import signal
import socket
import sys
import time


def main():
    path = sys.argv[1]
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    sink = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sink.bind(path)
    os.chmod(path, 0o666)
    filler = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    filler.setblocking(False)
    try:
        while True:
            filler.sendto(b"<13>filler: stalled", path)
    except BlockingIOError:
        pass
    open(path + ".ready", "w").close()
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    main()
