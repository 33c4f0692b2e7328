#!/usr/bin/env bash
# The load benchmark (issue 5): the release server on a 100,000 fact-check database, driven
# by wrk over loopback, against nginx serving the same verdict page as a static file. Writes
# BENCHMARKS.md at the repository root. About 6 minutes of load, plus a release build and,
# the first time, ~45 s to generate the database; then, on the server's core, the evidence
# timings of examples/evidence_bench.rs (a few seconds). Run it by hand: it is not part of CI.
# Issue 14's rows (a social card kept and drawn, a featured image from /media/) are measured
# when the binary has them: when the verdict page names a card, and the API lists images.
#
#   bench/run.sh
#
# Settings (environment): BENCH_DURATION (seconds measured per address, default 20; the
# 14 addresses and nginx, 25 s each, make about 6 minutes),
# BENCH_WARMUP (seconds of unrecorded load first, default 5), BENCH_CONNECTIONS (64),
# BENCH_SEARCH_CONNECTIONS (16, for the search rows),
# BENCH_PORT / BENCH_NGINX_PORT (38080 / 38081), BENCH_SERVER_CPU / BENCH_LOAD_CPU (0 / 1),
# FACTDESK_BIN (a server binary to use instead of building one; the evidence timings then
# come from target/release/examples/evidence_bench if it is there, and are left out if
# not), BENCH_DB (the database,
# target/bench/factdesk-100k.db) and BENCH_COUNT (the fact-checks it holds, generated when it
# is missing, 100000), BENCH_OUT (the report, BENCHMARKS.md). A quick trial that leaves
# BENCHMARKS.md alone:
#
#   BENCH_COUNT=3000 BENCH_DB=target/bench/factdesk-3k.db BENCH_DURATION=2 BENCH_WARMUP=1 \
#       BENCH_OUT=target/bench/trial.md bench/run.sh
#
# This script only orchestrates: bench/report.py records each figure as a JSON line in
# target/bench/results.jsonl and writes the report from that file; bench/nginx_conf.py
# writes nginx's configuration with the headers the server sent.
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/.."

if [ $# -gt 0 ]; then
    case $1 in
    -h | --help)
        sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
        exit 0
        ;;
    *)
        printf 'bench: no arguments are taken (see --help); settings come from the environment\n' >&2
        exit 2
        ;;
    esac
fi

OUT=target/bench
COUNT=${BENCH_COUNT:-100000}
DB=${BENCH_DB:-$OUT/factdesk-100k.db}
SEED=1
REPORT=${BENCH_OUT:-BENCHMARKS.md}
RESULTS=$OUT/results.jsonl
DURATION=${BENCH_DURATION:-20}
WARMUP=${BENCH_WARMUP:-5}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
# Searches run on the slow-read threads, with 32 more allowed to wait (README, "Running it in
# public"); at 64 connections the rest are refused with 503 by design, so the search rows
# measure with fewer connections than the queue holds.
SEARCH_CONNECTIONS=${BENCH_SEARCH_CONNECTIONS:-16}
PORT=${BENCH_PORT:-38080}
NGINX_PORT=${BENCH_NGINX_PORT:-38081}
# The server (or nginx) gets one core and wrk the other, so the load generator never
# competes with what it measures.
SERVER_CPU=${BENCH_SERVER_CPU:-0}
LOAD_CPU=${BENCH_LOAD_CPU:-1}
BASE=http://127.0.0.1:$PORT
NGINX_BASE=http://127.0.0.1:$NGINX_PORT

say() { printf '== %s\n' "$*" >&2; }
die() {
    printf 'bench: %s\n' "$*" >&2
    exit 1
}

# --- tools -------------------------------------------------------------------------------
nginx_binary() { command -v nginx || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; } || true; }
missing=()
command -v wrk >/dev/null || missing+=(wrk)
[ -n "$(nginx_binary)" ] || missing+=(nginx)
command -v curl >/dev/null || missing+=(curl)
command -v taskset >/dev/null || missing+=(util-linux)
command -v python3 >/dev/null || missing+=(python3)
# Installing is the user's decision (and needs root), never a side effect of a benchmark.
[ ${#missing[@]} -eq 0 ] || die "missing ${missing[*]}; on Debian: sudo apt-get install --no-install-recommends ${missing[*]}"
NGINX=$(nginx_binary)
[ "$(nproc)" -gt "$LOAD_CPU" ] || die "this needs at least two cores (server on CPU $SERVER_CPU, wrk on CPU $LOAD_CPU)"

# --- build and data ----------------------------------------------------------------------
if [ -n "${FACTDESK_BIN:-}" ]; then
    BIN=$FACTDESK_BIN
    [ -x "$BIN" ] || die "FACTDESK_BIN=$BIN is not an executable"
    say "using $BIN"
else
    BIN=target/release/factdesk
    say "cargo build --release --locked"
    cargo build --release --locked
    say "cargo build --release --locked --example evidence_bench"
    cargo build --release --locked --example evidence_bench
fi
EVIDENCE_BIN=target/release/examples/evidence_bench

mkdir -p "$OUT"
if [ -f "$DB" ]; then
    say "reusing $DB"
else
    # Generated under another name and renamed, so an interrupted run is never reused.
    say "generating $DB ($COUNT fact-checks, seed $SEED)"
    rm -f "$OUT"/generating.db "$OUT"/generating.db-wal "$OUT"/generating.db-shm
    "$BIN" --db "$OUT/generating.db" generate --count "$COUNT" --seed "$SEED"
    mv "$OUT/generating.db" "$DB"
fi
# The generated fact-checks cite made-up pages on example.com, and a server with the
# capture job (issue 12) would fetch all 600,000 during the run, each kept snapshot a commit
# that empties the verdict cache. The schema is brought up to date first (its migration
# queues every cited address), then the queue is emptied: the run measures a newsroom whose
# cited pages are all copied. A binary from before the queue leaves the file alone.
"$BIN" --db "$DB" migrate >/dev/null
python3 - "$DB" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'capture_queue'").fetchone():
    db.execute("DELETE FROM capture_queue")
    db.commit()
EOF

# --- processes, stopped whatever happens --------------------------------------------------
SERVER_PID=
NGINX_PID=
cleanup() {
    for pid in $NGINX_PID $SERVER_PID; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in $NGINX_PID $SERVER_PID; do
        wait "$pid" 2>/dev/null || true
    done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_taken() { curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$1/" && return 0 || return 1; }
wait_for() { # url pid
    for _ in $(seq 100); do
        kill -0 "$2" 2>/dev/null || return 1
        curl -s -o /dev/null --max-time 1 "$1" && return 0
        sleep 0.1
    done
    return 1
}

port_taken "$PORT" && die "something already answers on port $PORT (set BENCH_PORT)"
port_taken "$NGINX_PORT" && die "something already answers on port $NGINX_PORT (set BENCH_NGINX_PORT)"

SERVER_CMD="taskset -c $SERVER_CPU $BIN --db $DB serve --no-demo --addr 127.0.0.1:$PORT"
say "starting: $SERVER_CMD"
# taskset execs the server, so $! is the server itself.
$SERVER_CMD >"$OUT/server.log" 2>&1 &
SERVER_PID=$!
wait_for "$BASE/healthz" "$SERVER_PID" || die "the server did not start (see $OUT/server.log)"

# --- what to request ---------------------------------------------------------------------
# A fact-check from the middle of the archive, and one of its topics.
sample=$(curl -sf "$BASE/api/v1/fact-checks?page=$((COUNT / 40))")
SLUG=$(printf '%s' "$sample" | grep -o '"slug":"check-[^"]*"' | head -1 | cut -d'"' -f4)
TAG=$(printf '%s' "$sample" | grep -o '"tags":\["[^"]*"' | head -1 | cut -d'"' -f4)
[ -n "$SLUG" ] && [ -n "$TAG" ] || die "could not pick a fact-check from $BASE/api/v1/fact-checks"

# Searches (see src/generate/): a reader's topic ("food prices": a claim subject, about
# 1 in 30 fact-checks), the worst case (two of the skewed vocabulary's commonest words, in
# nearly every fact-check, so the full 1,000-match ranking window is scored), and that
# worst case narrowed by a topic (the filter runs on every match of the window).
Q_TOPIC="food+prices"
Q_COMMON="official+figures"
# 40,000 verdict pages from the first fact-check sitemap, for bench/rotate.lua.
curl -sf "$BASE/sitemaps/fact-checks-1.xml" | grep -o '/fact-checks/[^<]*' |
    awk 'BEGIN { print "return {" } { printf "\"%s\",\n", $0 } END { print "}" }' \
        >"$OUT/verdict-paths.lua"
VERDICT_PATHS=$(grep -c '^"' "$OUT/verdict-paths.lua")
[ "$VERDICT_PATHS" -gt 1000 ] || die "the sitemap listed only $VERDICT_PATHS fact-checks"

# Issue 14. A binary whose verdict page names a social card must draw it: the card rows are
# then measured (and checked to answer 200 below), and left out for an older binary.
# Cards are kept in memory by what they show, so the row of cards drawn asks for each
# verdict's card in turn (bench/rotate-cards.lua), from where the warm-up stopped.
CARD_ROWS=()
if curl -sf "$BASE/fact-checks/$SLUG" | grep -q "/fact-checks/$SLUG/card.png"; then
    sed 's|^"\(/fact-checks/[^"]*\)",$|"\1/card.png",|' "$OUT/verdict-paths.lua" >"$OUT/card-paths.lua"
    rm -f "$OUT/card-paths.next"
    CARD_ROWS=(
        "Social card (kept)|/fact-checks/$SLUG/card.png|$CONNECTIONS"
        "Social cards drawn, $VERDICT_PATHS different in turn (1 connection)|/fact-checks/…/card.png|1|bench/rotate-cards.lua"
    )
fi
# An API that has an `image` field lists featured images; the newest page then holds some
# (`factdesk generate` gives every fifth fact-check one), and the row asks for the largest
# JPEG the field names (the 960 px one of a generated picture), as a reader's browser does.
MEDIA_ROWS=()
newest=$(curl -sf "$BASE/api/v1/fact-checks")
if printf '%s' "$newest" | grep -q '"image":'; then
    MEDIA=$(printf '%s' "$newest" | grep -o '"image":{"url":"[^"]*"' | head -1 | cut -d'"' -f6 |
        sed 's|^https\{0,1\}://[^/]*||')
    [ -n "$MEDIA" ] || die "no fact-check on the API's first page has an image (is the database generated by this binary?)"
    MEDIA_ROWS=("Media (a featured image, 960 px JPEG)|$MEDIA|$CONNECTIONS")
fi

# label|path|connections|wrk script
RUNS=(
    "Verdict page|/fact-checks/$SLUG|$CONNECTIONS"
    "Verdict pages, $VERDICT_PATHS different in turn|/fact-checks/…|$CONNECTIONS|bench/rotate.lua"
    "Home page|/|$CONNECTIONS"
    "Tag page|/tags/$TAG|$CONNECTIONS"
    "Search, topic|/search?q=$Q_TOPIC|$SEARCH_CONNECTIONS"
    "Search, common words|/search?q=$Q_COMMON|$SEARCH_CONNECTIONS"
    "Search, common words + tag|/search?q=official&tag=$TAG|$SEARCH_CONNECTIONS"
    "API list|/api/v1/fact-checks|$CONNECTIONS"
    "Search, topic (1 connection)|/search?q=$Q_TOPIC|1"
    "Search, common words (1 connection)|/search?q=$Q_COMMON|1"
    "Search, common words + tag (1 connection)|/search?q=official&tag=$TAG|1"
    "${CARD_ROWS[@]}"
    "${MEDIA_ROWS[@]}"
)

for run in "${RUNS[@]}"; do
    IFS='|' read -r _ path _ <<<"$run"
    # The last card of the list: the one the drawn row would ask for first is left undrawn.
    [[ $path == /fact-checks/…/card.png ]] && path=$(tail -2 "$OUT/card-paths.lua" | head -1 | cut -d'"' -f2)
    [[ $path == *…* ]] && path=$(sed -n 2p "$OUT/verdict-paths.lua" | cut -d'"' -f2)
    code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE$path")
    [ "$code" = 200 ] || die "$BASE$path answered $code, not 200"
done

# --- measuring ---------------------------------------------------------------------------
HZ=$(getconf CLK_TCK)
# user + nice + system: interrupt time is left out, as loopback traffic is mostly handled
# there and would be counted against other processes.
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 }' /proc/stat; }
proc_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
status_field() { awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"; } # pid field (kB for sizes)
record() { python3 bench/report.py record "$@"; } # [--wrk OUTPUT] FILE key=text key:=number...

# Runs wrk on `url` after a warm-up and records what it measured, with the CPU ticks the
# measured process and the whole machine used meanwhile, as one line of $RESULTS.
measure() { # url connections pid script [key=value...]
    local url=$1 connections=$2 pid=$3 script=$4 before_busy before_server after_busy after_server out wrk_user wrk_sys
    shift 4
    taskset -c "$LOAD_CPU" wrk -t1 -c"$connections" -d"${WARMUP}s" --timeout 5s -s "$script" "$url" >/dev/null
    before_busy=$(busy_ticks)
    before_server=$(proc_ticks "$pid")
    out=$(mktemp)
    local TIMEFORMAT='%U %S'
    { time taskset -c "$LOAD_CPU" wrk -t1 -c"$connections" -d"${DURATION}s" --timeout 5s \
        -s "$script" "$url" >"$out.wrk"; } 2>"$out.time"
    after_busy=$(busy_ticks)
    after_server=$(proc_ticks "$pid")
    read -r wrk_user wrk_sys <"$out.time"
    record --wrk "$out.wrk" "$RESULTS" connections:="$connections" \
        server_ticks:=$((after_server - before_server)) busy_ticks:=$((after_busy - before_busy)) \
        wrk_user_s:="$wrk_user" wrk_sys_s:="$wrk_sys" "$@" ||
        die "wrk printed no result for $url: $(cat "$out.wrk")"
    rm -f "$out" "$out.wrk" "$out.time"
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
STARTED=$(date -u '+%Y-%m-%d %H:%M UTC')
: >"$RESULTS"
for run in "${RUNS[@]}"; do
    IFS='|' read -r label path connections script <<<"$run"
    say "$label: $path, $connections connection(s), ${WARMUP}s warm-up + ${DURATION}s"
    url=$BASE$path
    [[ $path == *…* ]] && url=$BASE/
    measure "$url" "$connections" "$SERVER_PID" "${script:-bench/report.lua}" kind=run \
        label="$label" path="$path" hwm_kib:="$(status_field "$SERVER_PID" VmHWM)"
    say "  $(tail -1 "$RESULTS")"
done
SERVER_HWM=$(status_field "$SERVER_PID" VmHWM)
SERVER_RSS=$(status_field "$SERVER_PID" VmRSS)
SERVER_THREADS=$(status_field "$SERVER_PID" Threads)

# --- nginx, the upper bound --------------------------------------------------------------
NGX=$OUT/nginx
rm -rf "$NGX"
mkdir -p "$NGX/html/fact-checks" "$NGX/temp" "$NGX/logs"
curl -sf -D "$NGX/headers.txt" -o "$NGX/html/fact-checks/$SLUG" "$BASE/fact-checks/$SLUG"
PAGE_BYTES=$(wc -c <"$NGX/html/fact-checks/$SLUG")
python3 bench/nginx_conf.py "$NGINX_PORT" "$NGX/headers.txt" >"$NGX/nginx.conf"
NGINX_CMD="taskset -c $SERVER_CPU $NGINX -p $NGX/ -c nginx.conf -e logs/error.log -g 'daemon off;'"
say "starting: $NGINX_CMD"
taskset -c "$SERVER_CPU" "$NGINX" -p "$NGX/" -c nginx.conf -e logs/error.log -g 'daemon off;' &
NGINX_PID=$!
wait_for "$NGINX_BASE/fact-checks/$SLUG" "$NGINX_PID" || die "nginx did not start (see $NGX/logs/error.log)"
curl -sf "$NGINX_BASE/fact-checks/$SLUG" | cmp -s - "$NGX/html/fact-checks/$SLUG" ||
    die "nginx does not serve the same bytes as the server"
# nginx's master only forks; the worker is the process doing the work.
NGINX_WORKER=$(pgrep -P "$NGINX_PID" | head -1)
say "nginx, static verdict page: /fact-checks/$SLUG"
measure "$NGINX_BASE/fact-checks/$SLUG" "$CONNECTIONS" "$NGINX_WORKER" bench/report.lua kind=nginx \
    label=nginx path="/fact-checks/$SLUG"
say "  $(tail -1 "$RESULTS")"

# --- evidence (issue 12): extraction and grouping, on the server's core ------------------
if [ -x "$EVIDENCE_BIN" ]; then
    say "evidence: taskset -c $SERVER_CPU $EVIDENCE_BIN"
    taskset -c "$SERVER_CPU" "$EVIDENCE_BIN" >"$OUT/evidence.txt"
    grep '^BENCH_EVIDENCE ' "$OUT/evidence.txt" | while read -r _ figures; do
        record "$RESULTS" kind=evidence figures:="$figures"
    done
    grep -v '^BENCH_EVIDENCE ' "$OUT/evidence.txt" | sed 's/^/  /' >&2
else
    say "evidence: no $EVIDENCE_BIN, so no evidence table"
fi

# --- BENCHMARKS.md -----------------------------------------------------------------------
# What the report says about the machine and the run, as the tools themselves print it.
record "$RESULTS" kind=setup started="$STARTED" hz:="$HZ" duration:="$DURATION" warmup:="$WARMUP" \
    connections:="$CONNECTIONS" server_cpu:="$SERVER_CPU" load_cpu:="$LOAD_CPU" \
    cores:="$(nproc)" cpu_model="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)" \
    mem_kib:="$(awk '/^MemTotal/ { print $2 }' /proc/meminfo)" kernel="$(uname -sr)" \
    rustc="$(rustc --version 2>/dev/null || echo "not installed")" wrk_version="$(wrk --version 2>&1 | head -1)" \
    nginx_version="$("$NGINX" -v 2>&1)" load_before="$LOAD_BEFORE" \
    bin="$BIN" db="$DB" count:="$COUNT" seed:="$SEED" out="$OUT" db_size="$(du -h "$DB" | cut -f1)" \
    server_cmd="$SERVER_CMD" nginx_cmd="$NGINX_CMD" nginx_dir="$NGX" \
    slug="$SLUG" tag="$TAG" page_bytes:="$PAGE_BYTES" evidence_cmd="taskset -c $SERVER_CPU $EVIDENCE_BIN"
record "$RESULTS" kind=end load_after="$(cut -d' ' -f1-3 /proc/loadavg)" hwm_kib:="$SERVER_HWM" \
    rss_kib:="$SERVER_RSS" threads:="$SERVER_THREADS"
python3 bench/report.py write "$RESULTS" --notes bench/NOTES.md >"$REPORT.tmp"
mv "$REPORT.tmp" "$REPORT"
say "wrote $REPORT (from $RESULTS)"
