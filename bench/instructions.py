#!/usr/bin/env python3
"""Server-side instructions per verdict-page request, counted by callgrind.

Timing is no use on a machine others build on; instruction counts hardly move. The release
server runs under `valgrind --tool=callgrind` twice, answering a short and a long list of
requests over one keep-alive connection; the difference of the two totals divided by the
difference in requests is what one request costs, start-up and shutdown cancelled out.

  instructions.py BINARY DB same PATH [N1 N2]      one page again and again (200, 1200)
  instructions.py BINARY DB walk PATHS [N1 N2]     the first N1, then N2, paths of the file
                                                   PATHS (one a line) in turn (200, 1200)

Give it a copy of the database: a newer binary migrates what it opens. The two servers
listen on ports INSTRUCTIONS_PORT and the one after it (39111). Standard library and
valgrind only.
"""

import glob
import http.client
import os
import signal
import subprocess
import sys
import time


def totals(out):
    total = 0
    for name in glob.glob(out + "*"):
        with open(name, encoding="utf-8") as counts:
            for line in counts:
                if line.startswith(("totals:", "summary:")):
                    total += int(line.split()[1])
                    break
    return total


def served(binary, db, paths, port):
    out = f"/tmp/callgrind.instructions.{port}.out"
    for name in glob.glob(out + "*"):
        os.remove(name)
    server = subprocess.Popen(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", binary, "--db", db,
         "serve", "--no-demo", "--addr", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(600):
        try:
            probe = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            probe.request("GET", "/healthz")
            probe.getresponse().read()
            break
        except OSError:
            time.sleep(0.2)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    for path in paths:
        conn.request("GET", path)
        answer = conn.getresponse()
        answer.read()
        if answer.status != 200:
            raise SystemExit(f"{path} answered {answer.status}")
    conn.close()
    server.send_signal(signal.SIGINT)
    server.wait(timeout=600)
    return totals(out)


def main():
    if len(sys.argv) not in (5, 7) or sys.argv[3] not in ("same", "walk"):
        raise SystemExit(__doc__)
    binary, db, mode, what = sys.argv[1:5]
    n1, n2 = (int(n) for n in sys.argv[5:7]) if len(sys.argv) == 7 else (200, 1200)
    if mode == "same":
        paths = [what] * n2
    else:
        with open(what, encoding="utf-8") as listed:
            paths = [line.strip() for line in listed if line.strip()]
        if len(paths) < n2:
            raise SystemExit(f"{what} lists {len(paths)} paths, fewer than {n2}")
    port = int(os.environ.get("INSTRUCTIONS_PORT", "39111"))
    short = served(binary, db, paths[:n1], port)
    long = served(binary, db, paths[:n2], port + 1)
    per = (long - short) / (n2 - n1)
    print(f"{binary} {mode}: {per:,.0f} instructions per request (totals {short:,}, {long:,})")


if __name__ == "__main__":
    main()
