#!/usr/bin/env python3
"""Sign-in flood against a release `factdesk serve`: peak memory and database growth.

Usage: bench/signin-flood.py BINARY [--parallel 200] [--email-bytes 0] [--requests N]

Starts BINARY on a fresh database in a temporary folder (demo data, loopback port), sends
the failed sign-ins all at once from `--parallel` threads (distinct emails, wrong password),
then prints the status counts, VmHWM (peak RSS) and VmRSS right after and 15 s later, and
how much the database files grew. Every request has a 30 s timeout, so a run is bounded.
"""
import argparse, collections, os, re, shutil, subprocess, sys, tempfile, threading, time
import http.client, urllib.parse


def status_of(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    return fields


def db_bytes(folder):
    return sum(os.path.getsize(os.path.join(folder, n)) for n in os.listdir(folder))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--parallel", type=int, default=200)
    parser.add_argument("--requests", type=int, default=None)
    parser.add_argument("--email-bytes", type=int, default=0)
    parser.add_argument("--after", type=float, default=15.0)
    args = parser.parse_args()
    total = args.requests or args.parallel

    folder = tempfile.mkdtemp(prefix="signin-flood-")
    server = subprocess.Popen(
        [args.binary, "--db", os.path.join(folder, "f.db"), "serve", "--addr", "127.0.0.1:0"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        env={k: v for k, v in os.environ.items() if not k.startswith("FACTDESK_")},
    )
    try:
        port = None
        for line in server.stdout:
            m = re.match(r"Factdesk is serving http://127\.0\.0\.1:(\d+)/", line)
            if m:
                port = int(m.group(1))
                break
        assert port, "server did not start"
        time.sleep(0.5)
        before = db_bytes(folder)
        idle = status_of(server.pid)

        statuses = collections.Counter()
        lock = threading.Lock()
        start = threading.Barrier(args.parallel)
        next_index = iter(range(total))

        def worker():
            start.wait()
            while True:
                with lock:
                    i = next(next_index, None)
                if i is None:
                    return
                if args.email_bytes:
                    email = f"{i}-" + "a" * args.email_bytes + "@x.example"
                else:
                    email = f"flood{i}@nowhere.example"
                body = urllib.parse.urlencode({"email": email, "password": "wrong password 123"})
                try:
                    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                    c.request("POST", "/editor/login", body,
                              {"Content-Type": "application/x-www-form-urlencoded"})
                    r = c.getresponse()
                    r.read()
                    key = r.status
                    c.close()
                except Exception as e:  # a refused or reset connection is a result too
                    key = type(e).__name__
                with lock:
                    statuses[key] += 1

        t0 = time.monotonic()
        threads = [threading.Thread(target=worker) for _ in range(args.parallel)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - t0
        right_after = status_of(server.pid)
        time.sleep(args.after)
        later = status_of(server.pid)
        grown = db_bytes(folder) - before
        print(f"requests {total} parallel {args.parallel} email bytes {args.email_bytes}: {elapsed:.1f} s")
        print("statuses", dict(statuses))
        print(f"idle VmRSS {idle['VmRSS']}; VmHWM {right_after['VmHWM']}; "
              f"VmRSS right after {right_after['VmRSS']}, {args.after:.0f} s later {later['VmRSS']}; "
              f"threads {later['Threads']}")
        print(f"database grew {grown / 1e6:.2f} MB")
    finally:
        server.kill()
        server.wait()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
