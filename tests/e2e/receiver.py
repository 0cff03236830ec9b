#!/usr/bin/python3
"""A socket (AppSocket/JetDirect) print receiver on loopback.

Usage: receiver.py DIR

Listens on 127.0.0.1 on a free port, writes the port to DIR/port once it
is listening, and saves the bytes of each connection to DIR/NNNN.bin
(numbered in order of acceptance).  A file appears under its final name
only after the peer's EOF, when the connection is closed: whoever sees
NNNN.bin sees all of it.  Runs until SIGTERM.
"""

import os
import signal
import socket
import sys
import threading


def serve(conn, path):
    with conn, open(path + ".part", "wb") as out:
        while True:
            data = conn.recv(65536)
            if not data:
                break
            out.write(data)
    os.rename(path + ".part", path)


def main():
    outdir = sys.argv[1]
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    port_file = os.path.join(outdir, "port")
    with open(port_file + ".part", "w") as f:
        f.write("%d\n" % listener.getsockname()[1])
    os.rename(port_file + ".part", port_file)
    count = 0
    while True:
        conn, _ = listener.accept()
        count += 1
        path = os.path.join(outdir, "%04d.bin" % count)
        threading.Thread(target=serve, args=(conn, path), daemon=True).start()


if __name__ == "__main__":
    main()
