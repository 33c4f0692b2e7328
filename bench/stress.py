#!/usr/bin/env python3
"""The stress run of issue 10 ("Stand up to hostile traffic"): every attack found against
the release server, replayed on the 100,000 fact-check database, with the server's health
measured meanwhile. Writes STRESS.md. Started by bench/stress.sh, which builds the binary and
the database first; run by hand, never in CI.

Everything goes to 127.0.0.1 only, every loop is bounded in count and in time, and every
server started here is killed on the way out, whatever happens.

Python standard library only, so it runs wherever the server builds.
"""

import argparse
import hashlib
import asyncio
import datetime
import json
import math
import multiprocessing
import os
import platform
import random
import re
import resource
import shlex
import shutil
import signal
import string
import subprocess
import sys
import time
import urllib.parse

HZ = os.sysconf("SC_CLK_TCK")
PROBE_EVERY = 0.05
PROBE_TIMEOUT = 5.0
# The targets.
PROBE_P99_MS = 50
FLOOD_RSS_MB = 300
DISK_GROWTH_BYTES = 1_000_000
FD_HEALTHZ_S = 1.0
WORST_SEARCH_S = 1.0

EDITOR_EMAIL = "stress@newsroom.example"
EDITOR_PASSWORD = "plum tractor sideways 48 lanterns"
TWELVE_LETTERS = "o* f* s* t* c* d* n* m* r* p* a* i*"

ATTACKS = [
    "search",
    "editor",
    "signin-disk",
    "signin-flood",
    "slowloris",
    "fd-limit",
    "hostile-posts",
]


# --- small helpers -------------------------------------------------------------------------


def say(message):
    print(f"stress: {message}", file=sys.stderr, flush=True)


def q(text):
    return urllib.parse.quote_plus(text, safe="*")


def percentile(sorted_values, p):
    if not sorted_values:
        return None
    return sorted_values[max(0, math.ceil(p / 100 * len(sorted_values)) - 1)]


def ms(seconds):
    return "–" if seconds is None else f"{seconds * 1000:,.1f}"


def mb(kib):
    return "–" if kib is None else f"{kib / 1024:,.1f}"


def nbytes(n):
    if n is None:
        return "–"
    if abs(n) >= 1_000_000:
        return f"{n / 1_000_000:,.1f} MB"
    if abs(n) >= 1_000:
        return f"{n / 1_000:,.1f} kB"
    return f"{n} B"


def met(ok):
    return "met" if ok else "**missed**"


def busy_ticks():
    with open("/proc/stat") as f:
        fields = f.readline().split()
    # user + nice + system, as bench/run.sh counts: loopback traffic is mostly interrupt time.
    return int(fields[1]) + int(fields[2]) + int(fields[3])


def proc_ticks(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except OSError:
        return 0


def proc_status(pid, field):
    """A /proc/PID/status field in KiB (VmHWM, VmRSS), or None once the process is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def file_size(path):
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


# --- HTTP/1.1 over asyncio streams ----------------------------------------------------------


class Response:
    def __init__(self, status, headers, body, size):
        self.status = status
        self.headers = headers
        self.body = body
        self.size = size

    def header(self, name):
        for k, v in self.headers:
            if k == name:
                return v
        return None

    def cookies(self):
        return [v.split(";", 1)[0] for k, v in self.headers if k == "set-cookie"]

    def text(self):
        return (self.body or b"").decode("utf-8", "replace")


class Result:
    """One request: its status (None if it never got one), error kind, seconds taken."""

    def __init__(self, status, error, elapsed, response=None):
        self.status = status
        self.error = error
        self.elapsed = elapsed
        self.response = response


async def read_response(reader, keep_body, head=False):
    line = await reader.readline()
    if not line:
        raise ConnectionError("closed before a status line")
    parts = line.split(None, 2)
    status = int(parts[1])
    headers = []
    while True:
        h = await reader.readline()
        if h in (b"\r\n", b"\n"):
            break
        if not h:
            raise ConnectionError("closed in the headers")
        k, _, v = h.decode("latin-1").partition(":")
        headers.append((k.strip().lower(), v.strip()))
    response = Response(status, headers, None, 0)
    chunks = [] if keep_body else None
    size = 0

    async def take(n):
        nonlocal size
        while n > 0:
            data = await reader.read(min(n, 1 << 20))
            if not data:
                raise asyncio.IncompleteReadError(b"", n)
            size += len(data)
            n -= len(data)
            if chunks is not None:
                chunks.append(data)

    length = response.header("content-length")
    if head or status in (204, 304) or 100 <= status < 200:
        pass
    elif length is not None:
        await take(int(length))
    elif "chunked" in (response.header("transfer-encoding") or "").lower():
        while True:
            n = int((await reader.readline()).split(b";")[0].strip(), 16)
            if n == 0:
                while (await reader.readline()) not in (b"\r\n", b"\n", b""):
                    pass
                break
            await take(n)
            await reader.readline()
    else:
        while True:
            data = await reader.read(1 << 20)
            if not data:
                break
            size += len(data)
            if chunks is not None:
                chunks.append(data)
        response.headers.append(("connection", "close"))
    response.size = size
    if chunks is not None:
        response.body = b"".join(chunks)
    return response


def error_kind(e):
    if isinstance(e, (asyncio.TimeoutError, TimeoutError)):
        return "timeout"
    if isinstance(e, ConnectionRefusedError):
        return "refused"
    if isinstance(e, ConnectionResetError):
        return "reset"
    if isinstance(e, (asyncio.IncompleteReadError, ConnectionError)):
        return "closed"
    return type(e).__name__


class Client:
    """One connection, kept alive across requests and reopened after an error."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.reader = None
        self.writer = None

    def close(self):
        if self.writer is not None:
            self.writer.transport.abort()
        self.reader = self.writer = None

    async def request(self, method, path, headers=(), body=b"", timeout=10.0, keep_body=False,
                      close=False):
        started = time.monotonic()

        async def go():
            if self.writer is None:
                self.reader, self.writer = await asyncio.open_connection(
                    self.ctx.host, self.ctx.port, limit=1 << 20)
            self.writer.write(self.ctx.request_bytes(method, path, headers, body, close))
            await self.writer.drain()
            response = await read_response(self.reader, keep_body, method == "HEAD")
            if close or (response.header("connection") or "").lower() == "close":
                self.close()
            return response

        try:
            response = await asyncio.wait_for(go(), timeout)
            return Result(response.status, None, time.monotonic() - started, response)
        except Exception as e:  # every failure is a figure here, not a crash
            self.close()
            return Result(None, error_kind(e), time.monotonic() - started)


async def fetch(ctx, method, path, headers=(), body=b"", timeout=10.0, keep_body=False):
    """One request on a fresh connection, closed afterwards."""
    client = Client(ctx)
    try:
        return await client.request(method, path, headers, body, timeout, keep_body, close=True)
    finally:
        client.close()


def form_body(fields):
    return urllib.parse.urlencode(fields).encode()


FORM = ("content-type", "application/x-www-form-urlencoded")


def hidden_fields(html):
    fields = {}
    for tag in re.findall(r"<input[^>]*>", html):
        if 'type="hidden"' in tag:
            name = re.search(r'name="([^"]*)"', tag)
            value = re.search(r'value="([^"]*)"', tag)
            if name:
                fields[name.group(1)] = value.group(1) if value else ""
    return fields


async def login_form(ctx, client):
    """What a browser gets before signing in: the form's hidden fields and any cookie, so
    the attacks still reach the password check if the form gains a CSRF token."""
    r = await client.request("GET", "/editor/login", keep_body=True, timeout=30)
    if r.status != 200:
        return {}, []
    return hidden_fields(r.response.text()), r.response.cookies()


async def post_login(ctx, client, email, password, extra_headers=(), timeout=60.0):
    fields, cookies = await login_form(ctx, client)
    fields.update({"email": email, "password": password, "next": "/editor"})
    headers = [FORM] + list(extra_headers)
    if cookies:
        headers.append(("cookie", "; ".join(cookies)))
    return await client.request("POST", "/editor/login", headers, form_body(fields), timeout,
                                keep_body=True)


async def sign_in(ctx):
    """The stress editor's session cookie and CSRF token."""
    client = Client(ctx)
    try:
        r = await post_login(ctx, client, EDITOR_EMAIL, EDITOR_PASSWORD)
        session = [c for c in (r.response.cookies() if r.response else [])
                   if c.startswith("factdesk_session=")]
        if r.status != 303 or not session:
            raise SystemExit(f"stress: signing in as {EDITOR_EMAIL} failed: {r.status} {r.error}")
        cookie = session[0]
        page = await client.request("GET", "/editor/fact-checks/new", [("cookie", cookie)],
                                    keep_body=True, timeout=30)
        csrf = hidden_fields(page.response.text() if page.response else "").get("csrf", "")
        return cookie, csrf
    finally:
        client.close()


# --- statistics ------------------------------------------------------------------------------


class Samples:
    """Results of many requests of one kind: status counts, errors and latencies."""

    def __init__(self, label):
        self.label = label
        self.results = []

    def add(self, result):
        self.results.append(result)

    def statuses(self):
        counts = {}
        for r in self.results:
            key = str(r.status) if r.status is not None else r.error
            counts[key] = counts.get(key, 0) + 1
        return ", ".join(f"{k} ×{v}" if v > 1 else k for k, v in sorted(counts.items()))

    def errors(self, ok=(200,)):
        """Requests that got no answer, or an answer outside `ok`."""
        return sum(1 for r in self.results if r.status not in ok)

    def latencies(self):
        return sorted(r.elapsed for r in self.results)

    def p(self, pct):
        return percentile(self.latencies(), pct)

    def worst(self):
        return max((r.elapsed for r in self.results), default=None)

    def bytes_each(self):
        sizes = [r.response.size for r in self.results if r.response is not None]
        return sum(sizes) // len(sizes) if sizes else None


def probe_process(host, port, paths, stop, out):
    """The probe loops, in a process of their own: run in the attack's event loop, they
    were also timing the attack client (building 250 KB sign-in bodies stalled them by
    tens of milliseconds that the server never spent)."""
    import http.client
    import threading
    results = {path: [] for path in paths}

    def loop(path):
        while not stop.is_set():
            started = time.monotonic()
            try:
                conn = http.client.HTTPConnection(host, port, timeout=PROBE_TIMEOUT)
                conn.request("GET", path, headers={"Connection": "close"})
                response = conn.getresponse()
                response.read()
                conn.close()
                status, error = response.status, None
            except Exception as e:  # every failure is a figure here
                status, error = None, error_kind(e)
            elapsed = time.monotonic() - started
            results[path].append((status, error, elapsed))
            time.sleep(max(0.0, PROBE_EVERY - elapsed))

    threads = [threading.Thread(target=loop, args=(path,)) for path in paths]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    out.put(results)


class Probe:
    """/healthz, / and a cached verdict page, each asked every 50 ms on a fresh connection,
    from a separate process (see `probe_process`): the figures the issue's targets are
    about."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.paths = [("/healthz", "/healthz"), ("/", "/ (home)"),
                      (ctx.verdict_path, "verdict page")]
        self.samples = {path: Samples(label) for path, label in self.paths}
        mp = multiprocessing.get_context("fork")
        self.stop_event = mp.Event()
        self.out = mp.Queue()
        self.process = mp.Process(
            target=probe_process,
            args=(self.ctx.host, self.ctx.port, [p for p, _ in self.paths], self.stop_event,
                  self.out),
            daemon=True)

    def start(self):
        self.process.start()

    async def stop(self):
        self.stop_event.set()
        # A probe stuck on a dead server is still bounded by PROBE_TIMEOUT.
        results = await asyncio.get_running_loop().run_in_executor(
            None, lambda: self.out.get(timeout=PROBE_TIMEOUT + 10))
        await asyncio.get_running_loop().run_in_executor(None, self.process.join)
        for path, rows in results.items():
            for status, error, elapsed in rows:
                self.samples[path].add(Result(status, error, elapsed))


class RssWatch:
    """The server's RSS sampled every 50 ms, since VmHWM cannot be reset between attacks."""

    def __init__(self, pid):
        self.pid = pid
        self.peak = 0
        self.threads = 0
        self.stopping = False
        self.task = None

    async def loop(self):
        while not self.stopping:
            self.peak = max(self.peak, proc_status(self.pid, "VmRSS") or 0)
            self.threads = max(self.threads, proc_status(self.pid, "Threads") or 0)
            await asyncio.sleep(0.05)

    def start(self):
        self.task = asyncio.create_task(self.loop())

    async def stop(self):
        self.stopping = True
        await self.task


# --- the server under attack -------------------------------------------------------------------


class Server:
    live = set()

    def __init__(self, ctx, name, nofile=None):
        self.ctx = ctx
        self.name = name
        self.nofile = nofile
        self.db = ctx.scratch_db
        self.log = os.path.join(ctx.work, f"server-{name}.log")
        self.proc = None

    def command(self):
        serve = [self.ctx.bin, "--db", self.db, "serve", "--no-demo",
                 "--base-url", f"http://{self.ctx.hostport}", "--addr", self.ctx.hostport]
        serve += self.ctx.server_args
        pinned = ["taskset", "-c", str(self.ctx.server_cpu)] + serve
        if self.nofile is None:
            return pinned
        # A subshell's ulimit, as an operator would write it; exec keeps the pid the server's.
        return ["bash", "-c", f"ulimit -n {self.nofile}; exec " + shlex.join(pinned)]

    def start(self):
        say(f"starting the server for {self.name}: {shlex.join(self.command())}")
        log = open(self.log, "w")
        self.proc = subprocess.Popen(self.command(), stdout=log, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL)
        Server.live.add(self)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"stress: the server exited at start (see {self.log})")
            try:
                import urllib.request
                with urllib.request.urlopen(f"http://{self.ctx.hostport}/healthz", timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        raise SystemExit(f"stress: the server did not answer within 30 s (see {self.log})")

    @property
    def pid(self):
        return self.proc.pid

    def hwm(self):
        return proc_status(self.pid, "VmHWM")

    def rss(self):
        return proc_status(self.pid, "VmRSS")

    def db_bytes(self):
        return file_size(self.db) + file_size(self.db + "-wal")

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            # SIGTERM, not Ctrl-C: a graceful shutdown would wait for the attack's connections.
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        Server.live.discard(self)


def remove_db(path):
    for suffix in ("", "-wal", "-shm"):
        try:
            os.remove(path + suffix)
        except FileNotFoundError:
            pass


def make_scratch(ctx):
    """This run's copy of the benchmark database, with the stress editor: what the attacks
    write must not change the database bench/run.sh measures."""
    remove_db(ctx.scratch_db)
    say(f"copying {ctx.source_db} to {ctx.scratch_db}")
    shutil.copyfile(ctx.source_db, ctx.scratch_db)
    added = subprocess.run(
        [ctx.bin, "--db", ctx.scratch_db, "user", "add", "--email", EDITOR_EMAIL,
         "--name", "Stress", "--role", "editor"],
        input=EDITOR_PASSWORD + "\n", text=True, capture_output=True)
    if added.returncode != 0:
        raise SystemExit(f"stress: user add failed: {added.stderr.strip()}")


def stop_all_servers():
    for server in list(Server.live):
        server.stop()


# --- phases: one measured stretch of one attack ---------------------------------------------


class Phase:
    """One attack (or part of one) with the probes running: what was sent, the attack's own
    requests, the probe figures, memory, other CPU load and the checks against the targets."""

    def __init__(self, attack, title, sent):
        self.attack = attack
        self.title = title
        self.sent = sent
        self.rows = []  # Samples of the attack's own requests
        self.tables = []  # (header, rows) free-form tables
        self.notes = []
        self.checks = []  # (target, measured, ok)
        self.expectations = []  # (what the fix should do, observed, as expected)
        self.probe = None
        self.hwm_before = self.hwm_after = self.rss_peak = None
        self.other_cores = None
        self.seconds = None
        self.settled = None
        self.threads = None
        # False when the attack deliberately outlasts the phase (the next one ends it).
        self.wait_quiet = True

    def probe_check(self):
        for path in (self.probe_verdict_path, "/healthz"):
            s = self.probe.samples[path]
            p99 = s.p(99)
            ok = p99 is not None and p99 < PROBE_P99_MS / 1000 and s.errors() == 0
            self.checks.insert(0, (
                f"{s.label}: p99 < {PROBE_P99_MS} ms and no errors during the attack",
                f"p99 {ms(p99)} ms, max {ms(s.worst())} ms, {s.errors()} errors "
                f"of {len(s.results)}", ok))


QUIET_WAIT = 10.0


async def settle(ctx, limit=QUIET_WAIT):
    """Waits until /healthz answers promptly again; returns how long that took, or None if
    it did not within `limit` seconds."""
    started = time.monotonic()
    fast = 0
    while time.monotonic() - started < limit:
        r = await fetch(ctx, "GET", "/healthz", timeout=2)
        fast = fast + 1 if r.status == 200 and r.elapsed < 0.05 else 0
        if fast >= 3:
            return time.monotonic() - started
        await asyncio.sleep(0.1)
    return None


async def run_phase(ctx, server, phase, body, setup=None):
    """Runs `body(phase)` with the probes going. `setup(phase)`, if given, comes first,
    unprobed, so that the probes only see the attack in full."""
    say(f"{phase.attack}: {phase.title}")
    if setup is not None:
        await setup(phase)
    phase.probe_verdict_path = ctx.verdict_path
    probe = Probe(ctx)
    rss = RssWatch(server.pid)
    phase.hwm_before = server.hwm()
    busy0, server0, own0, t0 = busy_ticks(), proc_ticks(server.pid), proc_ticks(os.getpid()), time.monotonic()
    probe.start()
    rss.start()
    await asyncio.sleep(0.5)
    try:
        await body(phase)
    finally:
        await asyncio.sleep(0.5)
        await probe.stop()
        await rss.stop()
    elapsed = time.monotonic() - t0
    other = (busy_ticks() - busy0) - (proc_ticks(server.pid) - server0) - (proc_ticks(os.getpid()) - own0)
    phase.other_cores = max(0.0, other / HZ / elapsed)
    phase.seconds = elapsed
    phase.hwm_after = server.hwm()
    phase.rss_peak = rss.peak
    phase.threads = rss.threads
    phase.probe = probe
    phase.probe_check()
    ctx.phases.append(phase)
    for target, measured, ok in phase.checks:
        say(f"  {met(ok)}: {target}: {measured}")
    if phase.wait_quiet:
        phase.settled = await settle(ctx)
        if phase.settled is None:
            # Searches go on running after their client gives up: what a phase left queued
            # must not be charged to the next, and waiting it out would take minutes.
            phase.notes.append(f"The server was still busy {QUIET_WAIT:.0f} s after the phase, "
                               "so it was restarted before the next.")
            server.stop()
            server.start()
            await ctx.warm_verdict()


async def timed_loop(ctx, samples, path, clients, seconds, max_requests, timeout=20.0,
                     grace=10.0):
    """`clients` keep-alive connections asking for `path` back to back for `seconds` (and
    at most `max_requests` in all); requests still unanswered `grace` seconds after the end
    are abandoned and counted as such."""
    deadline = time.monotonic() + seconds
    sent = 0

    async def one():
        nonlocal sent
        client = Client(ctx)
        try:
            while time.monotonic() < deadline and sent < max_requests:
                sent += 1
                samples.add(await client.request("GET", path, timeout=timeout))
        finally:
            client.close()

    tasks = [asyncio.create_task(one()) for _ in range(clients)]
    done, pending = await asyncio.wait(tasks, timeout=seconds + grace)
    for t in pending:
        t.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    abandoned = len(pending)
    for _ in range(abandoned):
        samples.add(Result(None, "abandoned at the end", seconds + grace))
    return abandoned


# --- 1. expensive searches -------------------------------------------------------------------

SEARCH_TIMEOUT = 20.0
# Refusals are cheap: a loop that is answered at once still stops by count.
LOOP_MAX = 100_000


def worst_cases():
    """Other searches built to be expensive on the generated vocabulary (src/generate.rs:
    its first words are the commonest, in nearly every fact-check)."""
    common = "official figures show that the claim does not match records published by"
    return [
        ("one letter, s*", "/search?q=s*"),
        ("t* twelve times", f"/search?q={q(' '.join(['t*'] * 12))}"),
        ("12 two-letter prefixes",
         f"/search?q={q('of* fi* sh* th* cl* do* no* ma* re* pu* by* ag*')}"),
        ("12 three-letter prefixes",
         f"/search?q={q('off* fig* sho* tha* the* cla* doe* not* mat* rec* pub* age*')}"),
        ("three letters, the*", "/search?q=the*"),
        ("the 12 commonest generated words, in full", f"/search?q={q(common)}"),
        ("t*, page 50", "/search?q=t*&page=50"),
        # The costliest searches the limits still accept: one beginning of 3-4 letters that
        # covers the commonest word, alone or with the commonest words.
        ("off*, the commonest word's beginning", "/search?q=off*"),
        ("offi*", "/search?q=offi*"),
        ("the 11 commonest words and offi*",
         f"/search?q={q('figures show that the claim does not match records published offi*')}"),
        ("offi* offic* (two beginnings)", f"/search?q={q('offi* offic*')}"),
        ("API offi*", "/api/v1/fact-checks?q=offi*"),
        # Pages deep in a listing and the aggregates.
        ("home page 5,000", "/?page=5000"),
        ("API page 5,000", "/api/v1/fact-checks?page=5000"),
        ("tag page 500", "/tags/Health?page=500"),
        ("/tags", "/tags"),
        ("/claimants", "/claimants"),
        ("/sitemaps/pages.xml", "/sitemaps/pages.xml"),
    ]


async def attack_search(ctx):
    server = Server(ctx, "search")
    server.start()
    try:
        await ctx.pick_pages()
        path12 = f"/search?q={q(TWELVE_LETTERS)}"
        api12 = f"/api/v1/fact-checks?q={q(TWELVE_LETTERS)}"
        timeout = f"timeout {SEARCH_TIMEOUT:.0f} s"

        def single(label, path, n=1):
            async def body(phase):
                s = Samples(label)
                for r in await asyncio.gather(*(fetch(ctx, "GET", path, timeout=SEARCH_TIMEOUT)
                                                for _ in range(n))):
                    s.add(r)
                phase.rows.append(s)
                ctx.searches.append((label, path, s))
            return body

        def loop(label, path, clients, seconds):
            async def body(phase):
                s = Samples(label)
                abandoned = await timed_loop(ctx, s, path, clients, seconds, LOOP_MAX)
                phase.rows.append(s)
                if abandoned:
                    phase.notes.append(f"{abandoned} requests were still unanswered 10 s "
                                       "after the loop ended and were abandoned.")
            return body

        await run_phase(ctx, server, Phase(
            "search", "12 one-letter prefixes, one request",
            f"`GET {path12}` once ({timeout})."), single("12 one-letter prefixes", path12))
        await run_phase(ctx, server, Phase(
            "search", "12 one-letter prefixes, two at once",
            f"`GET {path12}` twice at the same moment on two connections ({timeout})."),
            single("12 one-letter prefixes ×2", path12, n=2))
        await run_phase(ctx, server, Phase(
            "search", "t*, one request", f"`GET /search?q=t*` once ({timeout})."),
            single("t*", "/search?q=t*"))
        await run_phase(ctx, server, Phase(
            "search", "32 clients looping t*",
            "32 keep-alive connections asking `GET /search?q=t*` back to back for 10 s "
            f"(at most {LOOP_MAX:,} requests, {timeout} each)."),
            loop("t* ×32 clients", "/search?q=t*", 32, 10))
        await run_phase(ctx, server, Phase(
            "search", "the JSON API: 12 one-letter prefixes, one request",
            f"`GET {api12}` once ({timeout})."), single("API 12 one-letter prefixes", api12))
        await run_phase(ctx, server, Phase(
            "search", "the JSON API: t*", f"`GET /api/v1/fact-checks?q=t*` once ({timeout})."),
            single("API t*", "/api/v1/fact-checks?q=t*"))
        await run_phase(ctx, server, Phase(
            "search", "the JSON API: 32 clients looping t*",
            "32 keep-alive connections asking `GET /api/v1/fact-checks?q=t*` back to back "
            f"for 5 s (at most {LOOP_MAX:,} requests, {timeout} each)."),
            loop("API t* ×32 clients", "/api/v1/fact-checks?q=t*", 32, 5))
        await run_phase(ctx, server, Phase(
            "search", "32 clients looping offi*",
            "32 keep-alive connections asking `GET /search?q=offi*` (the costliest accepted "
            f"search found) back to back for 10 s (at most {LOOP_MAX:,} requests, {timeout} "
            "each)."),
            loop("offi* ×32 clients", "/search?q=offi*", 32, 10))
        await run_phase(ctx, server, Phase(
            "search", "32 clients looping /tags",
            "32 keep-alive connections asking `GET /tags` (an aggregate over every "
            f"fact-check) back to back for 10 s (at most {LOOP_MAX:,} requests)."),
            loop("/tags ×32 clients", "/tags", 32, 10))
        # One phase each, so each has its own latency and nothing one left running is
        # charged to the next.
        for label, path in worst_cases():
            await run_phase(ctx, server, Phase(
                "search", f"worst case: {label}", f"`GET {path}` once ({timeout})."),
                single(label, path))
    finally:
        server.stop()


# --- 2. the editor desk ----------------------------------------------------------------------


async def attack_editor(ctx):
    server = Server(ctx, "editor")
    server.start()
    try:
        await ctx.pick_pages()
        cookie, _ = await sign_in(ctx)
        auth = [("cookie", cookie)]

        async def listing(phase):
            one = Samples("`GET /editor`, alone")
            one.add(await fetch(ctx, "GET", "/editor", auth, timeout=60))
            four = Samples("`GET /editor`, 4 at once")
            for r in await asyncio.gather(*(fetch(ctx, "GET", "/editor", auth, timeout=60)
                                            for _ in range(4))):
                four.add(r)
            phase.rows += [one, four]
        await run_phase(ctx, server, Phase(
            "editor", "the dashboard listing",
            "Signed in as the stress editor: `GET /editor` once, then four at once "
            "(timeout 60 s)."), listing)

        async def searching(phase):
            for label, path in (("`GET /editor?q=t*`", "/editor?q=t*"),
                                (f"`GET /editor?q={q(TWELVE_LETTERS)}`",
                                 f"/editor?q={q(TWELVE_LETTERS)}")):
                s = Samples(label)
                s.add(await fetch(ctx, "GET", path, auth, timeout=30))
                phase.rows.append(s)
                ctx.searches.append(("editor search " + label, path, s))
                await settle(ctx, 30)
        await run_phase(ctx, server, Phase(
            "editor", "the dashboard search",
            "Editors search every fact-check: `t*` and the 12 one-letter prefixes from the "
            "dashboard, once each (timeout 30 s)."), searching)
    finally:
        server.stop()


# --- 3. sign-in disk fill ---------------------------------------------------------------------


async def attack_signin_disk(ctx):
    server = Server(ctx, "signin-disk")
    server.start()
    try:
        await ctx.pick_pages()
        # Made before the phase: drawing 250,000 letters one by one takes the event loop
        # ~100 ms per email, which the probes running on the same loop would count as the
        # server's latency. Each email still differs (its number leads).
        rng = random.Random(10)
        filler = bytes(rng.choices(string.ascii_lowercase.encode(), k=249_977)).decode()

        async def body(phase):
            await asyncio.sleep(1)
            before, log_before = server.db_bytes(), file_size(server.log)
            s = Samples("`POST /editor/login`, 250 KB email")
            queue = list(range(100))

            async def worker():
                client = Client(ctx)
                try:
                    while queue:
                        i = queue.pop()
                        email = f"{i:03d}{filler}@example.com"
                        s.add(await post_login(ctx, client, email, "not the password"))
                finally:
                    client.close()
            await asyncio.gather(*(worker() for _ in range(4)))
            await asyncio.sleep(2)
            after, log_after = server.db_bytes(), file_size(server.log)
            phase.rows.append(s)
            growth = after - before
            phase.checks.append((
                f"database (+ WAL) grows by less than {nbytes(DISK_GROWTH_BYTES)} through 100 "
                "hostile sign-ins", f"{nbytes(before)} → {nbytes(after)}: {nbytes(growth)}",
                growth < DISK_GROWTH_BYTES))
            phase.notes.append(f"The server's log grew by {nbytes(log_after - log_before)} "
                               "meanwhile (it is not in the target, but it fills the same disk).")
            ctx.summary["disk"] = growth
        await run_phase(ctx, server, Phase(
            "signin-disk", "100 sign-ins with a 250 KB email",
            "100 failed sign-ins from 4 connections, each `GET /editor/login` then "
            "`POST /editor/login` with a different 250,000-character email (letters, so about "
            "250 KB url-encoded, under the 256 KiB body limit) and a wrong password. Database "
            "size = the file + its `-wal`, 1 s after start and 2 s after the last answer."),
            body)
    finally:
        server.stop()


# --- 4. sign-in memory flood --------------------------------------------------------------------


async def attack_signin_flood(ctx):
    for n in (100, 200):
        # A fresh server each time: VmHWM only ever grows, so it must start from nothing.
        server = Server(ctx, f"signin-flood-{n}")
        server.start()
        try:
            await ctx.pick_pages()

            async def body(phase, n=n, server=server):
                s = Samples(f"`POST /editor/login` ×{n} at once")
                ready, go = asyncio.Event(), asyncio.Event()
                counted = 0

                async def one(i):
                    nonlocal counted
                    client = Client(ctx)
                    try:
                        fields, cookies = await login_form(ctx, client)
                        fields.update({"email": f"flood-{i}-{random.randrange(1 << 30)}@attack.example",
                                       "password": f"not the password {i}", "next": "/editor"})
                        headers = [FORM] + ([("cookie", "; ".join(cookies))] if cookies else [])
                        counted += 1
                        if counted == n:
                            ready.set()
                        await go.wait()
                        s.add(await client.request("POST", "/editor/login", headers,
                                                   form_body(fields), timeout=60))
                    finally:
                        client.close()
                tasks = [asyncio.create_task(one(i)) for i in range(n)]
                await asyncio.wait_for(ready.wait(), 60)
                go.set()
                await asyncio.gather(*tasks)
                hwm = server.hwm()
                phase.rows.append(s)
                await asyncio.sleep(15)
                rss_later = server.rss()
                phase.notes.append(f"VmHWM right after the flood: {mb(hwm)} MB; VmRSS 15 s "
                                   f"later: {mb(rss_later)} MB.")
                if n == 200:
                    phase.checks.append((f"peak RSS (VmHWM) < {FLOOD_RSS_MB} MB through a "
                                         "200-way sign-in flood", f"{mb(hwm)} MB",
                                         hwm is not None and hwm / 1024 < FLOOD_RSS_MB))
                    ctx.summary["flood"] = hwm
            await run_phase(ctx, server, Phase(
                "signin-flood", f"{n} parallel failed sign-ins",
                f"A freshly started server. {n} connections each `GET /editor/login`, then all "
                f"at the same moment `POST /editor/login` with a different unknown email and a "
                "wrong password (timeout 60 s); then 15 s of nothing but the probes."), body)
        finally:
            server.stop()


# --- 5. slowloris ------------------------------------------------------------------------------


class Held:
    """A connection the attacker holds open; `closed` is when the server let go of it."""

    def __init__(self):
        self.reader = self.writer = None
        self.opened = None
        self.closed = None
        self.reply = None


async def hold_connections(ctx, n, first, trickle=None, every=5.0):
    """Opens `n` connections, sends `first` on each and then, if `trickle` is given, one of
    its bytes every `every` seconds. Returns the connections and the watcher tasks that
    note when the server closes each."""
    held = []

    async def open_one():
        h = Held()
        try:
            h.reader, h.writer = await asyncio.wait_for(
                asyncio.open_connection(ctx.host, ctx.port), 5)
            h.opened = time.monotonic()
            h.writer.write(first)
            await h.writer.drain()
        except Exception as e:
            h.reply = f"not opened: {error_kind(e)}"
            h.writer = None
        held.append(h)

    for start in range(0, n, 100):
        await asyncio.gather(*(open_one() for _ in range(start, min(n, start + 100))))

    async def watch(h):
        try:
            while True:
                data = await h.reader.read(65536)
                if not data:
                    break
                if h.reply is None:
                    h.reply = data.split(b"\r\n", 1)[0].decode("latin-1")[:40]
        except Exception as e:
            h.reply = h.reply or error_kind(e)
        h.closed = time.monotonic()

    async def drip(h):
        i = 0
        while h.closed is None:
            await asyncio.sleep(every)
            if h.closed is not None:
                break
            try:
                h.writer.write(trickle[i % len(trickle)].encode() if isinstance(trickle, str)
                               else trickle[i % len(trickle):i % len(trickle) + 1])
                await h.writer.drain()
            except Exception:
                break
            i += 1

    tasks = []
    for h in held:
        if h.writer is not None:
            tasks.append(asyncio.create_task(watch(h)))
            if trickle is not None:
                tasks.append(asyncio.create_task(drip(h)))
    return held, tasks


def release(held, tasks):
    for t in tasks:
        t.cancel()
    for h in held:
        if h.writer is not None:
            h.writer.transport.abort()


def held_row(label, held, since=None):
    opened = [h for h in held if h.opened is not None]
    closed = sorted(h.closed - (since or {}).get(id(h), h.opened) for h in opened
                    if h.closed is not None)
    replies = {}
    for h in held:
        if h.reply and (h.closed is not None or h.opened is None):
            replies[h.reply] = replies.get(h.reply, 0) + 1
    return [label, str(len(held)), str(len(opened)), str(len(closed)),
            "–" if not closed else f"{closed[0]:.1f}",
            "–" if not closed else f"{percentile(closed, 50):.1f}",
            "–" if not closed else f"{closed[-1]:.1f}",
            str(len(opened) - len(closed)),
            ", ".join(f"`{k}` ×{v}" for k, v in sorted(replies.items())) or "–"]


HELD_HEADER = ["connections", "asked", "opened", "closed by the server", "first close (s)",
               "median close (s)", "last close (s)", "still open at the end",
               "what the server sent / how they ended"]


async def attack_slowloris(ctx):
    server = Server(ctx, "slowloris")
    server.start()
    window = ctx.hold_seconds
    host = ctx.hostport
    try:
        await ctx.pick_pages()

        async def slow_headers(phase):
            held, tasks = await hold_connections(
                ctx, 600, f"GET / HTTP/1.1\r\nHost: {host}\r\n".encode(),
                trickle="X-Slow: a-header-byte-every-five-seconds\r\n")
            await asyncio.sleep(window)
            phase.tables.append((HELD_HEADER, [held_row("slow headers", held)]))
            ctx.held.append(("600 slow headers", held_row("", held)))
            release(held, tasks)
        await run_phase(ctx, server, Phase(
            "slowloris", "600 connections sending a header byte every 5 s",
            f"600 connections each send `GET / HTTP/1.1` and a Host header, then one byte of "
            f"an `X-Slow:` header line every 5 s, never ending the headers; watched for "
            f"{window:.0f} s. Close times are from each connection's opening."), slow_headers)

        async def idle(phase):
            held, tasks = [], []
            clients = []
            answered = {}

            async def one():
                c = Client(ctx)
                r = await c.request("GET", "/healthz", timeout=10)
                clients.append((c, r))
            for start in range(0, 1000, 100):
                await asyncio.gather(*(one() for _ in range(start, min(1000, start + 100))))
            for c, r in clients:
                h = Held()
                if r.status is not None and c.writer is not None:
                    h.reader, h.writer, h.opened = c.reader, c.writer, time.monotonic()
                    answered[id(h)] = h.opened
                else:
                    h.reply = f"not opened: {r.error or r.status}"
                held.append(h)

            async def watch(h):
                try:
                    while await h.reader.read(65536):
                        pass
                except Exception:
                    pass
                h.closed = time.monotonic()
            tasks = [asyncio.create_task(watch(h)) for h in held if h.writer is not None]
            await asyncio.sleep(window)
            phase.tables.append((HELD_HEADER, [held_row("idle keep-alive", held, answered)]))
            ctx.held.append(("1,000 idle keep-alive", held_row("", held, answered)))
            release(held, tasks)
        await run_phase(ctx, server, Phase(
            "slowloris", "1,000 idle keep-alive connections",
            f"1,000 connections each ask `GET /healthz` (keep-alive), read the answer, then "
            f"send nothing more; watched for {window:.0f} s. Close times are from the answer."),
            idle)

        async def slow_body_and_half_header(phase):
            body_head = (f"POST /editor/login HTTP/1.1\r\nHost: {host}\r\n"
                         "Content-Type: application/x-www-form-urlencoded\r\n"
                         "Content-Length: 100000\r\n\r\nemail=").encode()
            slow, slow_tasks = await hold_connections(ctx, 20, body_head, trickle="a",
                                                      every=1.0)
            half, half_tasks = await hold_connections(
                ctx, 100, f"GET / HTTP/1.1\r\nHost: {host}\r\nX-Half".encode())
            await asyncio.sleep(window)
            phase.tables.append((HELD_HEADER, [held_row("slow body", slow),
                                               held_row("half-sent header", half)]))
            ctx.held.append(("20 slow bodies", held_row("", slow)))
            ctx.held.append(("100 half-sent headers", held_row("", half)))
            release(slow, slow_tasks)
            release(half, half_tasks)
        await run_phase(ctx, server, Phase(
            "slowloris", "slow bodies and half-sent headers",
            f"At the same time: 20 connections `POST /editor/login` with `Content-Length: "
            f"100000` and send the body one byte a second; 100 connections send "
            f"`GET / HTTP/1.1`, a Host header and `X-Half` and then nothing. Watched for "
            f"{window:.0f} s."), slow_body_and_half_header)
    finally:
        server.stop()


# --- 6. file descriptors -------------------------------------------------------------------------


async def attack_fd_limit(ctx):
    server = Server(ctx, "fd-limit", nofile=1024)
    server.start()
    try:
        await ctx.pick_pages()
        store = {}

        async def setup(phase):
            started = time.monotonic()
            held, tasks = await hold_connections(ctx, 1100, b"")
            store["held"], store["tasks"] = held, tasks
            opened = sum(1 for h in held if h.opened is not None)
            phase.notes.append(f"{opened} of 1,100 connections opened, in "
                               f"{time.monotonic() - started:.1f} s (the kernel completes a "
                               "connection the server has not accepted yet, up to the "
                               "listen backlog).")

        async def body(phase):
            await asyncio.sleep(20)
            phase.tables.append((HELD_HEADER, [held_row("idle, nothing sent", store["held"])]))
        phase = Phase(
            "fd-limit", "1,100 idle connections to a server under `ulimit -n 1024`",
            "The server started as `bash -c 'ulimit -n 1024; exec taskset …'`. 1,100 "
            "connections opened (100 at a time) and left silent; then 20 s of probes, "
            "which start once the last connection is open.")
        phase.wait_quiet = False
        await run_phase(ctx, server, phase, body, setup)
        healthz = phase.probe.samples["/healthz"]
        worst = healthz.worst()
        ok = worst is not None and worst < FD_HEALTHZ_S and healthz.errors() == 0
        phase.checks.append((f"/healthz answers within {FD_HEALTHZ_S:.0f} s with 1,100 idle "
                             "connections open", f"max {ms(worst)} ms, "
                             f"{healthz.errors()} errors of {len(healthz.results)}", ok))
        say(f"  {met(ok)}: /healthz within 1 s under the fd limit")
        ctx.summary["fd"] = (worst, healthz.errors(), len(healthz.results))

        async def after(phase):
            release(store["held"], store["tasks"])
            started = time.monotonic()
            while time.monotonic() - started < 10:
                r = await fetch(ctx, "GET", "/healthz", timeout=2)
                if r.status == 200:
                    break
            phase.notes.append(f"/healthz answered {time.monotonic() - started:.2f} s after "
                               "the 1,100 connections were closed.")
            await asyncio.sleep(4)
        await run_phase(ctx, server, Phase(
            "fd-limit", "after closing them", "The 1,100 connections closed; 5 s of probes."),
            after)
    finally:
        server.stop()


# --- 7. hostile form posts ------------------------------------------------------------------------


async def attack_hostile_posts(ctx):
    server = Server(ctx, "hostile-posts")
    server.start()
    evil = "http://evil.example"
    try:
        await ctx.pick_pages()

        async def body(phase):
            rows = []

            async def login(label, headers, expected):
                client = Client(ctx)
                try:
                    r = await post_login(ctx, client, f"nobody-{len(rows)}@newsroom.example",
                                         "not the password", headers)
                finally:
                    client.close()
                rows.append((label, r.status or r.error, expected))

            await login(f"sign-in, `Origin: {evil}`", [("origin", evil)], (400, 403))
            await login(f"sign-in, `Origin: {evil}` and `Host: evil.example`",
                        [("origin", evil), ("host", "evil.example")], (400, 403))
            await login("sign-in, `Host: evil.example`, no Origin", [("host", "evil.example")],
                        (400, 403))
            await login("sign-in, `Origin: null`", [("origin", "null")], (400, 403))
            await login(f"control: sign-in with `Origin: http://{ctx.hostport}`",
                        [("origin", f"http://{ctx.hostport}")], (422,))

            async def editor_post(label, path, fields, headers, expected):
                cookie, csrf = await sign_in(ctx)
                fields = dict(fields, csrf=csrf)
                r = await fetch(ctx, "POST", path, [FORM, ("cookie", cookie)] + headers,
                                form_body(fields), timeout=30)
                # Not /editor itself: its listing of every fact-check would stall the probes.
                still = await fetch(ctx, "GET", "/editor/fact-checks/new", [("cookie", cookie)],
                                    timeout=30)
                rows.append((label + (" (session still signed in afterwards)"
                                      if still.status == 200 else " (the session was signed out)"),
                             r.status or r.error, expected))

            foreign = [("origin", evil), ("host", "evil.example")]
            await editor_post(f"sign-out with session and CSRF token, `Origin: {evil}` and "
                              "`Host: evil.example`", "/editor/logout", {}, foreign, (400, 403))
            await editor_post("sign-out with session and CSRF token, `Host: evil.example`, "
                              "no Origin", "/editor/logout", {}, [("host", "evil.example")],
                              (400, 403))
            await editor_post(f"new fact-check with session and CSRF token, `Origin: {evil}` "
                              "and `Host: evil.example`", "/editor/fact-checks",
                              {"headline": "Hostile draft", "claim": "A hostile claim"},
                              foreign, (400, 403))
            table = []
            for label, got, expected in rows:
                ok = got in expected
                table.append([label, str(got), " or ".join(map(str, expected)),
                              "as expected" if ok else "**not yet**"])
                phase.expectations.append((label, got, ok))
            phase.tables.append((["post", "status", "expected after the fix", ""], table))
        await run_phase(ctx, server, Phase(
            "hostile-posts", "cross-site and foreign-host form posts",
            "Form posts a hostile page (or a DNS-rebinding host) could make: sign-ins with "
            "a foreign `Origin`, a foreign `Host`, both, or `Origin: null`, and, with a "
            "signed-in editor's cookie and CSRF token, a sign-out and a new fact-check "
            "carrying a foreign `Origin` and `Host`. A same-origin sign-in is the control."),
            body)
    finally:
        server.stop()


# --- the run --------------------------------------------------------------------------------------


class Context:
    def __init__(self, args):
        self.bin = os.path.abspath(args.bin)
        self.source_db = os.path.abspath(args.db)
        self.work = os.path.abspath(args.work)
        self.host = "127.0.0.1"
        self.port = args.port
        self.hostport = f"{self.host}:{self.port}"
        self.server_cpu = args.server_cpu
        self.load_cpu = args.load_cpu
        self.server_args = shlex.split(args.server_args or "")
        self.hold_seconds = args.hold_seconds
        self.scratch_db = os.path.join(self.work, "scratch.db")
        self.verdict_path = None
        self.phases = []
        self.searches = []
        self.held = []
        self.summary = {}
        self.stopped = None

    def request_bytes(self, method, path, headers, body, close):
        given = {k.lower(): v for k, v in headers}
        lines = [f"{method} {path} HTTP/1.1"]
        if "host" not in given:
            lines.append(f"Host: {self.hostport}")
        lines.append("User-Agent: factdesk-stress")
        for k, v in headers:
            lines.append(f"{k}: {v}")
        if body or method == "POST":
            lines.append(f"Content-Length: {len(body)}")
        if close:
            lines.append("Connection: close")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body

    async def warm_verdict(self):
        for _ in range(2):
            await fetch(self, "GET", self.verdict_path, timeout=30)

    async def pick_pages(self):
        """A verdict page for the probes, asked once so it is in the server's cache."""
        r = await fetch(self, "GET", "/api/v1/fact-checks", keep_body=True, timeout=30)
        slugs = re.findall(r'"slug":"([^"]+)"', r.response.text() if r.response else "")
        if r.status != 200 or not slugs:
            raise SystemExit(f"stress: could not pick a verdict page: {r.status} {r.error}")
        self.verdict_path = f"/fact-checks/{slugs[0]}"
        for _ in range(2):
            await fetch(self, "GET", self.verdict_path, timeout=30)


def raise_fd_limit():
    for n in (65536, 20000, 8192):
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (n, n))
            return n
        except (ValueError, OSError):
            continue
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def git(*args, cwd=None):
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def binary_commit(path):
    """The commit of the checkout a binary was built in (target/release/…), if any."""
    d = os.path.dirname(path)
    while d != "/":
        if os.path.exists(os.path.join(d, ".git")):
            commit = git("rev-parse", "--short", "HEAD", cwd=d)
            dirty = git("status", "--porcelain", "--untracked-files=no", cwd=d)
            return d, commit + (" (with uncommitted changes)" if dirty else "")
        d = os.path.dirname(d)
    return None, None


def write_report(ctx, args, out, started, load_before, nofile):
    cpu = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem = int(f.readline().split()[1]) / 1048576
    repo_dir = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    commit = git("rev-parse", "--short", "HEAD", cwd=repo_dir)
    if git("status", "--porcelain", "--untracked-files=no", cwd=repo_dir):
        commit += " (with uncommitted changes)"
    bin_repo, bin_commit = ctx.bin_repo, ctx.bin_commit
    load_after = open("/proc/loadavg").read().split()[:3]
    serve = Server(ctx, "NAME").command()
    L = []
    w = L.append
    w("# Stress\n")
    w(f"Written by `bench/stress.sh` on {started}; run it again to replace this file (see "
      "README.md, \"Stress\"). Every figure below comes from that one run"
      + (f", of the attacks {', '.join(args.attacks)} only" if args.attacks != ATTACKS else "")
      + ".\n")
    if ctx.stopped:
        w(f"**This run stopped early** ({ctx.stopped}): only the phases below were measured.\n")
    w("## Machine\n")
    w("| | |\n| --- | --- |")
    w(f"| CPU | {cpu}, {os.cpu_count()} cores |")
    w(f"| memory | {mem:.1f} GiB |")
    w(f"| kernel | {platform.system()} {platform.release()} |")
    w(f"| Python | {platform.python_version()} |")
    w(f"| script's commit | {commit} |")
    w(f"| server binary | `{ctx.bin_origin}`"
      + (f" (its checkout `{bin_repo}` was at commit {bin_commit} when the run began)"
         if bin_repo else "")
      + f", sha256 {ctx.bin_sha}…, copied to `{os.path.relpath(ctx.bin)}` for the run |")
    w(f"| load average (1, 5, 15 min) | before: {' '.join(load_before)}; after: {' '.join(load_after)} |")
    w(f"| open files | the script {nofile}; the server inherits that, except in fd-limit (1,024) |")
    w("")
    w(f"The server ran on CPU {ctx.server_cpu} (so tokio gave it one worker thread), the "
      f"attacks and probes on CPU {ctx.load_cpu}, over loopback. Other people build and test "
      "on this machine: each phase's *other CPU* is the CPU time (in cores) that processes "
      "other than the server and this script used meanwhile, from /proc/stat; above about "
      "0.05 the figures of that phase were taken on shared cores and latencies are "
      "inflated.\n")
    w("## Commands\n")
    w("```sh")
    w("cargo build --release --locked            # unless FACTDESK_BIN is set")
    w(f"cp {ctx.bin_origin} {os.path.relpath(ctx.bin)}")
    w(f"{ctx.bin_origin} --db {os.path.relpath(ctx.source_db)} generate --count 100000 --seed 1   # once; reused")
    w(f"cp {os.path.relpath(ctx.source_db)} {os.path.relpath(ctx.scratch_db)}   # this run's copy")
    w(f"printf '{EDITOR_PASSWORD}\\n' | {os.path.relpath(ctx.bin)} --db {os.path.relpath(ctx.scratch_db)} "
      f"user add --email {EDITOR_EMAIL} --name Stress --role editor")
    w("# per attack group, a freshly started server:")
    w(shlex.join(serve).replace(ctx.work + "/", os.path.relpath(ctx.work) + "/"))
    w(f"taskset -c {ctx.load_cpu} python3 bench/stress.py {' '.join(args.attacks)}")
    w("```\n")
    w("Each attack group gets a freshly started server, so its peak memory is its own, on "
      "the run's copy of the database (deleted afterwards). During every phase a "
      f"probe loop, in a process of its own, asks `/healthz`, `/` and one verdict page (`{ctx.verdict_path}`, asked "
      f"twice before, so it is in the server's page cache) every {PROBE_EVERY * 1000:.0f} ms "
      f"each, on a fresh connection, with a {PROBE_TIMEOUT:.0f} s timeout: those are the "
      "latencies the issue's targets are about. A probe error is no answer in time, a broken "
      "connection or a status other than 200. The attack's own requests may be refused "
      "(4xx, 503) without that being an error of the run; their status codes are counted. "
      "Latencies in milliseconds. Peak RSS is VmHWM from /proc/PID/status at the end of the "
      "phase (it only grows over a server's life), *peak sampled* the highest VmRSS seen "
      "every 50 ms during the phase. After each phase the script waits up to "
      f"{QUIET_WAIT:.0f} s for /healthz to answer promptly again (*quiet after*: the work a "
      "phase left queued on the server); if it does not, the server is restarted, so the "
      "next phase starts on an idle server.\n")

    w("## Summary\n")
    w("| target | measured | |\n| --- | --- | --- |")
    for p in ctx.phases:
        for target, measured, ok in p.checks:
            w(f"| {p.attack}, {p.title}: {target} | {measured} | {met(ok)} |")
    worst_ok = None
    if ctx.searches:
        label, path, worst = max(ctx.searches, key=lambda x: x[2].worst() or 0)
        t = worst.worst()
        # A refusal counts as an answer; no answer in time does not.
        worst_ok = t is not None and t < WORST_SEARCH_S and all(
            r.status is not None for r in worst.results)
        w(f"| the worst search answers (or is refused) within {WORST_SEARCH_S:.0f} s | "
          f"{ms(t)} ms: {label} (`{path}`), status {worst.statuses()} | {met(worst_ok)} |")
    w("")
    missed = sum(1 for p in ctx.phases for *_, ok in p.checks if not ok) + (worst_ok is False)
    total = sum(len(p.checks) for p in ctx.phases) + (worst_ok is not None)
    w(f"{missed} of {total} targets missed.\n")
    if ctx.searches:
        w("### Every search, by its own latency\n")
        w("| search | path | status | latency (ms) |\n| --- | --- | --- | ---: |")
        for label, path, s in ctx.searches:
            w(f"| {label} | `{path}` | {s.statuses()} | {ms(s.worst())} |")
        w("")
    if ctx.held:
        w("### Held connections\n")
        w("| " + " | ".join(HELD_HEADER) + " |")
        w("| --- " * len(HELD_HEADER) + "|")
        for label, row in ctx.held:
            w("| " + " | ".join([label] + row[1:]) + " |")
        w("")
    expectations = [(p, e) for p in ctx.phases for e in p.expectations]
    if expectations:
        w("### Hostile posts\n")
        w(f"{sum(1 for _, e in expectations if e[2])} of {len(expectations)} answered as "
          "expected after the fix (not one of the issue's numbered targets; see the section).\n")

    current = None
    for p in ctx.phases:
        if p.attack != current:
            current = p.attack
            w(f"## {ATTACK_TITLES[p.attack]}\n")
        w(f"### {p.title}\n")
        w(p.sent + "\n")
        if p.rows:
            w("| attack requests | n | status | p50 | p99 | max | bytes each |")
            w("| --- | ---: | --- | ---: | ---: | ---: | ---: |")
            for s in p.rows:
                w(f"| {s.label} | {len(s.results)} | {s.statuses()} | {ms(s.p(50))} | "
                  f"{ms(s.p(99))} | {ms(s.worst())} | {nbytes(s.bytes_each())} |")
            w("")
        for header, rows in p.tables:
            w("| " + " | ".join(header) + " |")
            w("| --- " * len(header) + "|")
            for row in rows:
                w("| " + " | ".join(row) + " |")
            w("")
        w("| probe | n | p50 | p99 | max | errors |")
        w("| --- | ---: | ---: | ---: | ---: | --- |")
        for path, label in p.probe.paths:
            s = p.probe.samples[path]
            errs = s.errors()
            detail = "" if not errs else " (" + ", ".join(
                f"{k} ×{v}" for k, v in sorted(_error_counts(s).items())) + ")"
            w(f"| {label} | {len(s.results)} | {ms(s.p(50))} | {ms(s.p(99))} | "
              f"{ms(s.worst())} | {errs}{detail} |")
        w("")
        w(f"Phase {p.seconds:.1f} s; peak RSS {mb(p.hwm_after)} MB (VmHWM; {mb(p.hwm_before)} MB "
          f"before), peak sampled {mb(p.rss_peak)} MB, at most {p.threads} threads; other CPU "
          f"{p.other_cores:.2f}"
          + ("" if p.settled is None else f"; quiet after {p.settled:.1f} s") + ".\n")
        for note in p.notes:
            w(note + "\n")
        if p.checks:
            for target, measured, ok in p.checks:
                w(f"- {met(ok)}: {target} — {measured}")
            w("")
    notes = os.path.join(os.path.dirname(os.path.abspath(__file__)), "STRESS-NOTES.md")
    if os.path.exists(notes):
        w(open(notes).read())
    with open(out, "w") as f:
        f.write("\n".join(L).rstrip() + "\n")


def _error_counts(s):
    counts = {}
    for r in s.results:
        if r.status != 200:
            key = str(r.status) if r.status is not None else r.error
            counts[key] = counts.get(key, 0) + 1
    return counts


ATTACK_TITLES = {
    "search": "1. Expensive searches",
    "editor": "2. The editor desk",
    "signin-disk": "3. Sign-in disk fill",
    "signin-flood": "4. Sign-in memory flood",
    "slowloris": "5. Slowloris",
    "fd-limit": "6. File descriptors",
    "hostile-posts": "7. Hostile form posts",
}

RUNNERS = {
    "search": attack_search,
    "editor": attack_editor,
    "signin-disk": attack_signin_disk,
    "signin-flood": attack_signin_flood,
    "slowloris": attack_slowloris,
    "fd-limit": attack_fd_limit,
    "hostile-posts": attack_hostile_posts,
}


async def main_async(ctx, attacks):
    for name in attacks:
        await RUNNERS[name](ctx)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("attacks", nargs="*", help=f"any of {', '.join(ATTACKS)} (default all)")
    # Also from the environment, so that this process's command line does not name the
    # server (see `server-under-stress` below).
    parser.add_argument("--bin", default=os.environ.get("STRESS_BIN"))
    parser.add_argument("--db", default=os.environ.get("STRESS_DB"),
                        help="the 100,000 fact-check database (copied)")
    parser.add_argument("--work", default="target/bench/stress")
    parser.add_argument("--out", default="STRESS.md")
    parser.add_argument("--port", type=int, default=38090)
    parser.add_argument("--server-cpu", type=int, default=0)
    parser.add_argument("--load-cpu", type=int, default=1)
    parser.add_argument("--server-args", default="")
    parser.add_argument("--hold-seconds", type=float, default=40.0,
                        help="how long slowloris connections are watched")
    args = parser.parse_args()
    if not args.bin or not args.db:
        parser.error("--bin and --db (or STRESS_BIN and STRESS_DB) are required")
    for name in args.attacks:
        if name not in ATTACKS:
            parser.error(f"unknown attack {name!r}; choose from {', '.join(ATTACKS)}")
    # In the order of the issue, whatever order they were asked in.
    args.attacks = [a for a in ATTACKS if a in args.attacks] or list(ATTACKS)

    os.makedirs(args.work, exist_ok=True)
    try:
        os.sched_setaffinity(0, {args.load_cpu})
    except OSError as e:
        say(f"could not pin to CPU {args.load_cpu}: {e}")
    nofile = raise_fd_limit()
    ctx = Context(args)
    # The binary may be rebuilt in place while the run goes on (by someone else's build);
    # a copy keeps every attack on the same server.
    ctx.bin_origin = ctx.bin
    ctx.bin_repo, ctx.bin_commit = binary_commit(ctx.bin)
    # Not named factdesk: a broad `pkill -f factdesk` by someone else on a shared machine
    # ended a run once.
    ctx.bin = os.path.join(ctx.work, "server-under-stress")
    shutil.copy2(ctx.bin_origin, ctx.bin)
    with open(ctx.bin, "rb") as f:
        ctx.bin_sha = hashlib.sha256(f.read()).hexdigest()[:16]
    try:
        import urllib.request
        urllib.request.urlopen(f"http://{ctx.hostport}/", timeout=1)
        raise SystemExit(f"stress: something already answers on {ctx.hostport} (set STRESS_PORT)")
    except OSError:
        pass

    def on_signal(signum, _frame):
        raise SystemExit(128 + signum)
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, on_signal)

    started = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    load_before = open("/proc/loadavg").read().split()[:3]
    t0 = time.monotonic()
    stopped = None
    try:
        make_scratch(ctx)
        asyncio.run(main_async(ctx, args.attacks))
    except SystemExit as e:
        stopped = e
    finally:
        stop_all_servers()
        remove_db(ctx.scratch_db)
    if stopped is not None and not ctx.phases:
        raise stopped
    # What was measured before a signal or a failure is still worth a report.
    ctx.stopped = None if stopped is None else (
        f"signal {stopped.code - 128}" if isinstance(stopped.code, int) else str(stopped.code))
    write_report(ctx, args, args.out, started, load_before, nofile)
    say(f"wrote {args.out} after {time.monotonic() - t0:.0f} s")
    if stopped is not None:
        raise stopped


if __name__ == "__main__":
    main()
