#!/usr/bin/env python3
"""The load benchmark's bookkeeping: records results as JSON lines, then writes BENCHMARKS.md.

bench/run.sh only orchestrates (build, start, pin to cores, stop); every figure it gathers
goes through here, one JSON object a line, so the report is made from one plain file:

  report.py record [--wrk WRK_OUTPUT] FILE key=text key:=number ...
      appends one line: the keys given, plus the BENCH_RESULT object that bench/report.lua
      printed in WRK_OUTPUT under "wrk". `kind=setup` lines describe the run, `kind=run`
      lines are the measured addresses (`kind=nginx` the static upper bound), `kind=end`
      the server's memory after all runs, `kind=evidence` one timing of
      examples/evidence_bench.rs (its BENCH_EVIDENCE object under "figures").
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
    """One measured address, with the figures its table row shows."""

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
        self.rps = self.wrk["rps"]

    def errors(self):
        counts = [(kind, self.wrk[kind]) for kind in ERROR_KINDS]
        total = sum(n for _, n in counts)
        if total == 0:
            return 0, "0"
        detail = " ".join(f"{kind} {n}" for kind, n in counts if n != 0)
        return total, f"{total} ({detail})"

    def row(self, page, hwm, nginx_rps):
        cells = [
            page,
            str(self.entry["connections"]),
            f"{self.rps:.0f}",
            ms(self.wrk["p50_us"]),
            ms(self.wrk["p95_us"]),
            ms(self.wrk["p99_us"]),
            self.errors()[1],
            f"{self.cpu_us:.1f}",
            hwm,
            percent(self.rps, nginx_rps),
            f"{self.other_cores:.2f}",
        ]
        return "| " + " | ".join(cells) + " |"


def ms(us):
    return f"{us / 1000:.2f}"


def percent(part, whole):
    return f"{100 * part / whole:.0f}%"


def verdict(ok):
    return "met" if ok else "**missed**"


def read_results(path):
    setup, runs, nginx, end, evidence = None, [], None, None, []
    with open(path, encoding="utf-8") as results:
        entries = [json.loads(line) for line in results if line.strip()]
    for entry in entries:
        kind = entry.get("kind")
        if kind == "setup":
            setup = entry
        elif kind == "end":
            end = entry
    if setup is None or end is None:
        raise SystemExit(f"report.py: {path} has no setup or no end line: the run did not finish")
    for entry in entries:
        if entry.get("kind") == "run":
            runs.append(Run(entry, setup))
        elif entry.get("kind") == "nginx":
            nginx = Run(entry, setup)
        elif entry.get("kind") == "evidence":
            evidence.append(entry["figures"])
    if nginx is None:
        raise SystemExit(f"report.py: {path} has no nginx line")
    return setup, runs, nginx, end, evidence


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


def run_labelled(runs, label):
    for run in runs:
        if run.entry["label"] == label:
            return run
    raise SystemExit(f"report.py: no run labelled {label!r}")


def write(args):
    s, runs, nginx, end, evidence = read_results(args.file)
    out = []
    add = out.append
    wrk_cmd = (
        f"taskset -c {s['load_cpu']} wrk -t1 -c{s['connections']} -d{s['duration']}s "
        f"--timeout 5s -s bench/report.lua URL"
    )
    add(f"""# Benchmarks

Written by `bench/run.sh` on {s['started']}; run it again to replace this file (see README.md,
"Benchmark"). Every figure below comes from that one run.

## Machine

| | |
| --- | --- |
| CPU | {s['cpu_model']}, {s['cores']} cores |
| memory | {s['mem_kib'] / 1048576:.1f} GiB |
| kernel | {s['kernel']} |
| rustc | {s['rustc']} |
| wrk | {' '.join(s['wrk_version'].split(' ')[:2])} |
| nginx | {s['nginx_version'].removeprefix('nginx version: ')} |
| load average (1, 5, 15 min) | before: {s['load_before']}; after: {end['load_after']} |

The server (and nginx after it) ran on CPU {s['server_cpu']}, wrk on CPU {s['load_cpu']}. tokio sizes its
worker pool to the CPUs it may use, so the server ran one worker thread, like nginx's one
worker process. The last column of each table, *other CPU*, is the CPU time (in cores) that
processes other than the one measured and wrk used during that run, from /proc/stat: other
people build and test on this machine, and anything above about 0.05 there means the run
shared its cores.

## Commands

```sh
cargo build --release --locked
{s['bin']} --db {s['db']} generate --count {s['count']} --seed {s['seed']}    # once; reused afterwards
{s['server_cmd']}
{s['nginx_cmd']}
# each address: a {s['warmup']} s warm-up run, then
{wrk_cmd}
# the "1 connection" rows: -c1; the "different in turn" row: -s bench/rotate.lua, which
# asks for each path of {s['out']}/verdict-paths.lua (from /sitemaps/fact-checks-1.xml) in turn;
# "Social cards drawn": -c1 -s bench/rotate-cards.lua, the same verdicts' card.png in turn,
# the measured run starting where its warm-up stopped (a drawn card is kept in memory)
```

The database: {s['count']} published fact-checks (`src/generate/`), {s['db_size']}B.
The verdict page is `/fact-checks/{s['slug']}` ({s['page_bytes']} bytes of HTML); the tag is
`{s['tag']}`. nginx {s['nginx_version'].removeprefix('nginx version: nginx/')} serves that page's HTML, saved from our server with curl
(same bytes, same extra headers), from its own prefix `{s['nginx_dir']}` with
`worker_processes 1`, `sendfile`, `tcp_nodelay`, keep-alive, `open_file_cache` and no
access log (the configuration is written there by the script).

*CPU µs/req* is the CPU time the server (or nginx's worker) used during the run, from
/proc/PID/stat, divided by the requests answered: unlike req/s it hardly moves when other
processes share the core, so it is the fairer figure to compare on a busy machine.

Errors are wrk's: connect, read, write and timeout errors plus responses with status 400 or
above (every address was checked to answer 200 first). Peak RSS is the server's `VmHWM`
from /proc after that run (it only grows). Latencies in milliseconds; the ratio is req/s
against nginx's req/s for the static verdict page.

## Results

| page | connections | req/s | p50 | p95 | p99 | errors | CPU µs/req | peak RSS (MB) | vs nginx | other CPU |
| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |""")
    for run in runs:
        page = f"{run.entry['label']} `{run.entry['path']}`"
        add(run.row(page, f"{run.entry['hwm_kib'] / 1024:.1f}", nginx.rps))
    add(nginx.row("**nginx**, static verdict page", "–", nginx.rps))

    page = run_labelled(runs, "Verdict page")
    search = run_labelled(runs, "Search, common words (1 connection)")
    total_errors = sum(run.errors()[0] for run in runs)
    hwm = end["hwm_kib"] / 1024
    add(f"""
After all runs the server's peak RSS (VmHWM) was {hwm:.1f} MB (RSS now {end['rss_kib'] / 1024:.1f} MB,
{end['threads']} threads).

## Targets

| target | measured | |
| --- | --- | --- |
| verdict page ≥ 70% of nginx's static throughput | {percent(page.rps, nginx.rps)} | {verdict(page.rps >= 0.7 * nginx.rps)} |
| verdict page p99 < 5 ms at {s['connections']} connections | {ms(page.wrk['p99_us'])} ms | {verdict(page.wrk['p99_us'] < 5000)} |
| zero errors | {total_errors} | {verdict(total_errors == 0)} |
| search p95 < 20 ms (common words, one reader at a time) | {ms(search.wrk['p95_us'])} ms | {verdict(search.wrk['p95_us'] < 20000)} |
| server memory < 150 MB | {hwm:.1f} MB | {verdict(hwm < 150)} |""")
    add(evidence_section(s, evidence))
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
