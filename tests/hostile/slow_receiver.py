#!/usr/bin/python3
"""A socket (JetDirect) receiver that reads slowly, for the cancel test.

Usage: slow_receiver.py DIR BYTES-PER-SECOND

Listens on 127.0.0.1 on a free port (written to DIR/port when listening),
with small socket buffers, and reads each connection at about the given
rate.  For connection N it keeps DIR/NNNN.count (bytes so far, rewritten
as they come) and, once the peer has closed or reset the connection,
DIR/NNNN.end holding "eof BYTES" or "reset BYTES".  Runs until SIGTERM.
"""

import os
import signal
import socket
import sys
import threading
import time


def write(path, text):
    with open(path + ".part", "w") as f:
        f.write(text)
    os.rename(path + ".part", path)


def serve(conn, base, rate):
    got, how = 0, "eof"
    chunk = max(1, rate // 20)
    try:
        while True:
            data = conn.recv(chunk)
            if not data:
                break
            got += len(data)
            write(base + ".count", "%d\n" % got)
            time.sleep(len(data) / rate)
    except OSError:
        how = "reset"
    conn.close()
    write(base + ".end", "%s %d\n" % (how, got))


def main():
    outdir, rate = sys.argv[1], int(sys.argv[2])
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    write(os.path.join(outdir, "port"), "%d\n" % listener.getsockname()[1])
    count = 0
    while True:
        conn, _ = listener.accept()
        count += 1
        threading.Thread(target=serve, args=(conn, os.path.join(outdir, "%04d" % count), rate),
                         daemon=True).start()


if __name__ == "__main__":
    main()
