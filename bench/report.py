#!/usr/bin/env python3
"""The load benchmark's bookkeeping: records results as JSON lines, then writes BENCHMARKS.md.

bench/run.sh only orchestrates (build, start, pin to cores, stop); every figure it gathers
goes through here, one JSON object a line, so the report is made from one plain file:

  report.py record [--wrk WRK_OUTPUT] FILE key=text key:=number ...
      appends one line: the keys given, plus the BENCH_RESULT object that bench/report.lua
      printed in WRK_OUTPUT under "wrk". `kind=setup` lines describe the run, `kind=size`
      one database size (its server's memory after its rows), `kind=run` the addresses
      measured under load (`kind=nginx` the same pages as static files), `kind=single`
      one page asked for one request at a time (bench/pages.py), `kind=end` the load
      after the run, `kind=evidence` one timing of examples/evidence_bench.rs (its
      BENCH_EVIDENCE object under "figures"). Each line of a size carries `size`.
  report.py write FILE [--notes NOTES.md]
      prints the report (Markdown) made from FILE, with NOTES.md appended.

Standard library only: the benchmark must not install anything.
"""

import argparse
import json
import sys

ERROR_KINDS = ("connect", "read", "write", "timeout", "status")


def parse_pair(pair):
    if ":=" in pair:
        key, value = pair.split(":=", 1)
        return key, json.loads(value)
    if "=" in pair:
        key, value = pair.split("=", 1)
        return key, value
    raise SystemExit(f"report.py: {pair!r} is neither key=text nor key:=number")


def wrk_result(path):
    with open(path, encoding="utf-8") as output:
        for line in output:
            if line.startswith("BENCH_RESULT "):
                return json.loads(line[len("BENCH_RESULT ") :])
    raise SystemExit(f"report.py: wrk printed no BENCH_RESULT in {path}")


def record(args):
    entry = dict(parse_pair(pair) for pair in args.pairs)
    if args.wrk:
        entry["wrk"] = wrk_result(args.wrk)
    with open(args.file, "a", encoding="utf-8") as results:
        results.write(json.dumps(entry, ensure_ascii=False) + "\n")


class Run:
    """One measured address under load, with the figures its table cells show."""

    def __init__(self, entry, setup):
        self.entry = entry
        self.wrk = entry["wrk"]
        hz, duration = setup["hz"], setup["duration"]
        wrk_ticks = int((entry["wrk_user_s"] + entry["wrk_sys_s"]) * hz)
        server_ticks = entry["server_ticks"]
        other = entry["busy_ticks"] - server_ticks - wrk_ticks
        # The other processes' CPU, in cores; a negative difference is rounding, not work.
        self.other_cores = max(other / hz / duration, 0.0)
        self.cpu_us = server_ticks / hz * 1e6 / self.wrk["requests"]
        # wrk counts a refusal (503 from a full slow-read queue) as a request answered;
        # only the pages a reader got count here.
        answered = self.wrk["requests"] - self.wrk["status"]
        self.rps = self.wrk["rps"] * answered / max(self.wrk["requests"], 1)

    def errors(self):
        counts = [(kind, self.wrk[kind]) for kind in ERROR_KINDS]
        total = sum(n for _, n in counts)
        if total == 0:
            return 0, "0"
        detail = " ".join(f"{kind} {n}" for kind, n in counts if n != 0)
        return total, f"{total} ({detail})"

    def bytes_per_response(self):
        return self.wrk["bytes"] / max(self.wrk["requests"], 1)


def ms(us):
    return f"{us / 1000:.2f}"


def percent(part, whole):
    return f"{100 * part / whole:.0f}%"


def verdict(ok):
    return "met" if ok else "**missed**"


class Results:
    """Every line of one results file, grouped by size."""

    def __init__(self, path):
        with open(path, encoding="utf-8") as results:
            entries = [json.loads(line) for line in results if line.strip()]
        kinds = {}
        for entry in entries:
            kinds.setdefault(entry.get("kind"), []).append(entry)
        if not kinds.get("setup") or not kinds.get("end"):
            raise SystemExit(f"report.py: {path} has no setup or no end line: the run did not finish")
        self.setup, self.end = kinds["setup"][-1], kinds["end"][-1]
        self.sizes = kinds.get("size", [])
        if not self.sizes:
            raise SystemExit(f"report.py: {path} measured no size")
        self.runs = [Run(e, self.setup) for e in kinds.get("run", [])]
        self.nginx = [Run(e, self.setup) for e in kinds.get("nginx", [])]
        self.single = kinds.get("single", [])
        self.evidence = [e["figures"] for e in kinds.get("evidence", [])]
        self.counts = [s["size"] for s in self.sizes]
        self.names = {s["size"]: s["name"] for s in self.sizes}

    def labels(self, entries):
        seen = []
        for entry in entries:
            label = entry["label"] if isinstance(entry, dict) else entry.entry["label"]
            if label not in seen:
                seen.append(label)
        return seen

    def run(self, size, label):
        for run in self.runs:
            if run.entry["size"] == size and run.entry["label"] == label:
                return run
        return None

    def nginx_for(self, run):
        """nginx serving this row's page in the same encoding, else uncompressed, else the
        static verdict page; and which of the three it is ("same", "plain", "verdict")."""
        size, file = run.entry["size"], run.entry.get("nginx_file") or ""
        encoding = run.entry.get("encoding", "identity")

        def served(file, encoding):
            return next((n for n in self.nginx if n.entry["size"] == size
                         and n.entry["nginx_file"] == file
                         and n.entry.get("encoding", "identity") == encoding), None)

        if file:
            if served(file, encoding):
                return served(file, encoding), "same"
            if served(file, "identity"):
                return served(file, "identity"), "plain"
        return served("verdict", "identity"), "verdict"

    def single_entry(self, size, label):
        for entry in self.single:
            if entry["size"] == size and entry["label"] == label:
                return entry
        return None


def by_size(results, cell):
    """One cell per size, in the order measured."""
    return [cell(size) for size in results.counts]


def header(first, per_size, results, extra=()):
    cols = [first, *extra]
    for what in per_size:
        cols += [f"{what} {results.names[size]}" for size in results.counts]
    aligns = ["---"] + ["---:"] * (len(cols) - 1)
    return "| " + " | ".join(cols) + " |\n| " + " | ".join(aligns) + " |"


def cpu(value):
    return "–" if value is None else f"{value:.1f}"


def evidence_section(s, evidence):
    """The issue 12 timings, or a line saying why there are none."""
    if not evidence:
        return """
## Evidence

Not measured in this run: there was no `target/release/examples/evidence_bench`."""
    rows = "\n".join(
        f"| {e['measured']} | {e['input']} | {cpu(e['cpu_ms'])} | {e['median_ms']:.1f} | "
        f"{e['min_ms']:.1f} | {e['max_ms']:.1f} | {e['runs']} |"
        for e in evidence
    )
    return f"""
## Evidence

Issue 12's evidence work, timed outside the server in one process on the server's core
after the load runs (`{s['evidence_cmd']}`, built by `cargo build --release --locked
--example evidence_bench`; its inputs are generated, the same every run). Milliseconds per
call: the thread's CPU time a run (mean, from /proc/thread-self/schedstat; like CPU µs/req,
hardly moved by other processes), then wall time.

| measured | input | CPU | median | fastest | slowest | runs |
| --- | --- | ---: | ---: | ---: | ---: | ---: |
{rows}"""


def load_tables(r):
    out = []
    add = out.append
    add(header("page", ["req/s", "CPU µs/req", "% of nginx"], r, extra=["connections"]))
    for label in r.labels(r.runs):
        runs = by_size(r, lambda size: r.run(size, label))
        first = next(x for x in runs if x)
        cells = [f"{label} `{first.entry['path']}`", str(first.entry["connections"])]
        cells += [f"{x.rps:.0f}" if x else "–" for x in runs]
        cells += [f"{x.cpu_us:.1f}" if x else "–" for x in runs]
        for x in runs:
            nginx, which = r.nginx_for(x) if x else (None, "")
            mark = {"same": "", "plain": " ‡", "verdict": " †"}[which] if x else ""
            cells.append(percent(x.rps, nginx.rps) + mark if nginx else "–")
        add("| " + " | ".join(cells) + " |")
    def served(n):
        encoding = n.entry.get("encoding", "identity")
        return n.entry["nginx_file"] + ("" if encoding == "identity" else f", {encoding}")

    for file in r.labels([{"label": served(n)} for n in r.nginx]):
        runs = by_size(r, lambda size: next((n for n in r.nginx if n.entry["size"] == size
                                            and served(n) == file), None))
        first = next(x for x in runs if x)
        cells = [f"**nginx**, static {file} `{first.entry['path']}`", str(first.entry["connections"])]
        cells += [f"{x.rps:.0f}" if x else "–" for x in runs]
        cells += [f"{x.cpu_us:.1f}" if x else "–" for x in runs]
        cells += ["100%" if x else "–" for x in runs]
        add("| " + " | ".join(cells) + " |")
    add("""
† against nginx serving the verdict page (no static copy of this address is served).
‡ against nginx serving the same page uncompressed (the server did not compress it, or
brotli: Debian's nginx has no `brotli_static`). A gzip row the server compressed is
against nginx sending the same gzipped bytes (`gzip_static`).

Latency (milliseconds), errors, bytes per response as received (wrk, headers included),
the server's peak RSS after that row (MB), and the other processes' CPU during it (cores):
""")
    add(header("page", ["p50", "p99", "errors", "bytes/resp", "peak RSS", "other CPU"], r))
    for label in r.labels(r.runs):
        runs = by_size(r, lambda size: r.run(size, label))
        cells = [label]
        cells += [ms(x.wrk["p50_us"]) if x else "–" for x in runs]
        cells += [ms(x.wrk["p99_us"]) if x else "–" for x in runs]
        cells += [x.errors()[1] if x else "–" for x in runs]
        cells += [f"{x.bytes_per_response():.0f}" if x else "–" for x in runs]
        cells += [f"{x.entry['hwm_kib'] / 1024:.1f}" if x else "–" for x in runs]
        cells += [f"{x.other_cores:.2f}" if x else "–" for x in runs]
        add("| " + " | ".join(cells) + " |")
    return "\n".join(out)


def single_cell(entry):
    if entry is None or entry.get("status") is None:
        return "–", "–"
    if entry["status"] != 200:
        return str(entry["status"]), str(entry["status"])
    typical = entry["p95_ms"] if entry["search"] else entry["best_ms"]
    return f"{entry['first_ms']:.1f}", f"{typical:.1f}" + ("" if entry["n"] >= 5 else f" ({entry['n']})")


def compression(entry, encoding):
    if entry is None or entry.get("status") != 200:
        return "–"
    if not entry.get(f"{encoding}_encoding"):
        return "not compressed"
    sent = entry[f"{encoding}_bytes"]
    return f"{sent} ({100 * (1 - sent / entry['bytes']):.0f}% saved)"


def single_tables(r):
    out = []
    add = out.append
    add(header("page", ["first", "best of 5 / p95 of 20"], r))
    for label in r.labels(r.single):
        entries = by_size(r, lambda size: r.single_entry(size, label))
        first = next(e for e in entries if e)
        shown = first["path"] and first["path"] != label
        cells = [f"{label} `{first['path']}`" if shown else label]
        pairs = [single_cell(e) for e in entries]
        cells += [p[0] for p in pairs] + [p[1] for p in pairs]
        add("| " + " | ".join(cells) + " |")
    add("""
Bytes of each answer plain, and as sent to a client that accepts gzip or brotli (with the
share saved), from the same one-at-a-time requests:
""")
    add(header("page", ["bytes", "gzip", "br"], r))
    for label in r.labels(r.single):
        entries = by_size(r, lambda size: r.single_entry(size, label))
        cells = [label]
        cells += [str(e["bytes"]) if e and e.get("status") == 200 else "–" for e in entries]
        cells += [compression(e, "gzip") for e in entries]
        cells += [compression(e, "br") for e in entries]
        add("| " + " | ".join(cells) + " |")
    return "\n".join(out)


def targets(r):
    largest = max(r.counts)
    rows = []

    def ratio_row(text, label, share, size):
        run = r.run(size, label)
        if run is None:
            return
        nginx, _ = r.nginx_for(run)
        if nginx is None:
            return
        got = run.rps / nginx.rps
        rows.append((f"{text} at {r.names[size]}", f"{100 * got:.0f}%", verdict(got >= share)))

    for size in r.counts:
        ratio_row("verdict page (kept) ≥ 80% of nginx", "Verdict page", 0.8, size)
        for label in ("Home page", "Tag page", "Rating page", "Claimant page", "API list"):
            ratio_row(f"{label} ≥ 50% of nginx (same bytes)", label, 0.5, size)
        different = next((x.entry["label"] for x in r.runs if x.entry["label"].endswith("different in turn")), None)
        if different:
            ratio_row("different verdicts in turn ≥ 25% of nginx", different, 0.25, size)
    pages = [e for e in r.single if e["size"] == largest and not e["search"] and e.get("status")]
    # A deep page number refused with 400 or 404 (page numbers kept only near the top) is
    # an answer in bounded time, not a slow page; the deep page is then the cursor's row.
    slow = [f"{e['label']} {e['best_ms']:.1f} ms" if e["status"] == 200 else f"{e['label']} answered {e['status']}"
            for e in pages if (e["status"] == 200 and e["best_ms"] >= 5)
            or e["status"] not in (200, 400, 404)]
    rows.append((f"every reader page under 5 ms one at a time at {r.names[largest]} (best of 5)",
                 "; ".join(slow) if slow else f"all {len(pages)} under 5 ms", verdict(not slow)))
    searches = [e for e in r.single if e["size"] == largest and e["search"] and e["label"].startswith("Search")]
    slow = [f"{e['label']} {e['p95_ms']:.1f} ms" if e["status"] == 200 else f"{e['label']} answered {e['status']}"
            for e in searches if e["status"] != 200 or e["p95_ms"] >= 15]
    rows.append((f"search p95 under 15 ms one at a time at {r.names[largest]}",
                 "; ".join(slow) if slow else ", ".join(f"{e['p95_ms']:.1f}" for e in searches) + " ms",
                 verdict(not slow)))
    errors = sum(x.errors()[0] for x in r.runs)
    rows.append(("zero errors", str(errors), verdict(errors == 0)))
    hwm = next(s["hwm_kib"] for s in r.sizes if s["size"] == largest) / 1024
    rows.append((f"peak RSS under 200 MB at {r.names[largest]}", f"{hwm:.1f} MB", verdict(hwm < 200)))
    compressed = [e for e in r.single if e.get("status") == 200 and e.get("gzip_encoding") and e.get("br_encoding")]
    plain = [e for e in r.single if e.get("status") == 200]
    rows.append(("compressed answers where accepted (gzip and br)",
                 f"{len(compressed)} of {len(plain)} answers", verdict(compressed and len(compressed) == len(plain))))
    return "| target | measured | |\n| --- | --- | --- |\n" + "\n".join(
        f"| {a} | {b} | {c} |" for a, b, c in rows)


def write(args):
    r = Results(args.file)
    s = r.setup
    out = []
    add = out.append
    wrk_cmd = (
        f"taskset -c {s['load_cpu']} wrk -t1 -c{s['connections']} -d{s['duration']}s "
        f"--timeout 5s -s bench/report.lua URL"
    )
    sizes = "\n".join(
        f"| {z['name']} | {z['size']:,} | {z['db_size']}B | {z['startup_ms']} | "
        f"{z['hwm_kib'] / 1024:.1f} | {z['rss_kib'] / 1024:.1f} | {z['threads']} | {z['load']} |"
        for z in r.sizes)
    servers = "\n".join(z["server_cmd"] for z in r.sizes)
    add(f"""# Benchmarks

Written by `bench/run.sh` on {s['started']} ({s['minutes']} minutes); run it again to replace
this file (see README.md, "Benchmark"). Every figure below comes from that one run.

## Machine

| | |
| --- | --- |
| CPU | {s['cpu_model']}, {s['cores']} cores |
| memory | {s['mem_kib'] / 1048576:.1f} GiB |
| kernel | {s['kernel']} |
| rustc | {s['rustc']} |
| wrk | {' '.join(s['wrk_version'].split(' ')[:2])} |
| nginx | {s['nginx_version'].removeprefix('nginx version: ')} |
| load average (1, 5, 15 min) | before: {s['load_before']}; after: {r.end['load_after']} |

The server (and nginx after it) ran on CPU {s['server_cpu']}, wrk on CPU {s['load_cpu']}. tokio sizes its
worker pool to the CPUs it may use, so the server ran one worker thread, like nginx's one
worker process. The *other CPU* column is the CPU time (in cores) that processes other than
the one measured and wrk used during that row, from /proc/stat: other people build and test
on this machine, and anything above about 0.05 there means the row shared its cores.

## Commands

```sh
cargo build --release --locked
{s['bin']} --db DB generate --count SIZE --seed {s['seed']}    # once per size; reused afterwards
{servers}
{s['nginx_cmd']}
# each address: a {s['warmup']} s warm-up run, then
{wrk_cmd}
# the gzip and br rows add -H 'Accept-Encoding: gzip' (or br); the search rows -c{s['search_connections']};
# the "different in turn" row: -s bench/rotate.lua, which asks for each path of
# {s['out']}/verdict-paths.lua (from /sitemaps/fact-checks-1.xml) in turn;
# "Social cards drawn": -c1 -s bench/rotate-cards.lua, the same verdicts' card.png in turn
```

## Databases

| size | fact-checks | file | start-up (ms) | peak RSS (MB) | RSS at the end (MB) | threads | load after |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |
{sizes}

Each size's server answers every page below in turn; the addresses are found from the
server's own links by `bench/pages.py` (a verdict from the middle of the first fact-check
sitemap, its first tag and claimant, a rating from the search form, the deep page by the
home page's rel="next" link pointed at the middle of the archive), so they are the same
kind of page at each size, not the same page.

## One request at a time

Milliseconds, over one keep-alive connection with the server otherwise idle, before any
load: the first answer (a fresh render, unless discovering the address already read it),
then the best of 5 for pages, the p95 of 20 for searches (fewer, in brackets, when a page
took more than 8 s in all). "–": the address does not exist in this binary (main's
listings had no cursor).

{single_tables(r)}

## Under load

{s['duration']} s a row after {s['warmup']} s of warm-up, {s['connections']} connections ({s['search_connections']} for
searches). *CPU µs/req* is the CPU time the server (or nginx's worker) used during the row,
from /proc/PID/stat, divided by the requests answered (refusals included); *req/s* counts
only answers under 400 (a slow read refused with 503 is an error, not a page): unlike req/s it hardly moves when
other processes share the core, so it is the fairer figure on a busy machine. *% of nginx*
is req/s against nginx serving the same bytes of the same page as a static file
(`sendfile`, `open_file_cache`, keep-alive, no access log, `worker_processes 1`, the
verdict page's extra headers; the pages were saved from the server with curl). Errors are
wrk's: connect, read, write and timeout errors plus answers of 400 or above (every
address was checked to answer 200 first).

{load_tables(r)}

## Targets (issue 15)

{targets(r)}""")
    add(evidence_section(s, r.evidence))
    if args.notes:
        try:
            with open(args.notes, encoding="utf-8") as notes:
                add("")
                add(notes.read().rstrip("\n"))
        except FileNotFoundError:
            pass
    sys.stdout.write("\n".join(out) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    rec = commands.add_parser("record", help="append one result line")
    rec.add_argument("file")
    rec.add_argument("--wrk", help="wrk's output, holding report.lua's BENCH_RESULT line")
    rec.add_argument("pairs", nargs="*", metavar="key=text|key:=number")
    rec.set_defaults(run=record)
    wri = commands.add_parser("write", help="print the report made from a results file")
    wri.add_argument("file")
    wri.add_argument("--notes", help="Markdown appended after the targets")
    wri.set_defaults(run=write)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
