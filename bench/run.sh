#!/usr/bin/env bash
# The load benchmark (issues 5 and 15): the release server on generated databases of one or
# more sizes, driven by wrk over loopback, against nginx serving the same bytes of every
# page it is compared with (the verdict and each listing page) as static files. Writes
# BENCHMARKS.md at the repository root with the sizes side by side. Per size: every reader
# page and four searches one request at a time (bench/pages.py), then 19 addresses and 6
# nginx pages under load, 7 s each: about 4 minutes at 100,000 and 5 at 1,000,000, plus a
# release build and, the first time, generating each database (~1.5 min at 100,000, ~5-20 at
# 1,000,000, 14.6 GB); then, on the server's core, the evidence timings of
# examples/evidence_bench.rs (a few seconds). Run it by hand: it is not part of CI.
# Issue 14's rows (a social card kept and drawn, a featured image from /media/) are measured
# when the binary has them: when the verdict page names a card, and the API lists images.
# The rows marked gzip and br send that Accept-Encoding (no other row does).
#
#   bench/run.sh                                  # 100,000 fact-checks
#   bench/run.sh --size 100000 --size 1000000     # both, side by side (under 15 minutes)
#
# Settings (environment): BENCH_DURATION (seconds measured per address, default 5),
# BENCH_WARMUP (seconds of unrecorded load first, default 2), BENCH_CONNECTIONS (64),
# BENCH_SEARCH_CONNECTIONS (16, for the search rows),
# BENCH_PORT / BENCH_NGINX_PORT (38080 / 38081), BENCH_SERVER_CPU / BENCH_LOAD_CPU (0 / 1),
# FACTDESK_BIN (a server binary to use instead of building one; the evidence timings then
# come from target/release/examples/evidence_bench if it is there, and are left out if
# not), BENCH_DB_DIR (where each size's database is, factdesk-100k.db, factdesk-1m.db, ...;
# target/bench; generated when missing), BENCH_DB (one database, for one size only),
# BENCH_COUNT (the size without --size, 100000), BENCH_OUT (the report, BENCHMARKS.md).
# A binary newer than a database migrates it when it opens it. A quick trial that leaves
# BENCHMARKS.md alone:
#
#   BENCH_DB_DIR=target/bench/trial BENCH_DURATION=2 BENCH_WARMUP=1 \
#       BENCH_OUT=target/bench/trial.md bench/run.sh --size 3000
#
# This script only orchestrates: bench/report.py records each figure as a JSON line in
# target/bench/results.jsonl and writes the report from that file; bench/pages.py finds
# the addresses from the server's own links and times them one at a time;
# bench/nginx_conf.py writes nginx's configuration with the headers the server sent.
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/.."

# --size N (repeatable): the fact-checks of each database measured, one after the other,
# into one report with the sizes side by side. Without it, BENCH_COUNT (100000).
SIZES=()
while [ $# -gt 0 ]; do
    case $1 in
    -h | --help)
        sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
        exit 0
        ;;
    --size)
        [ $# -ge 2 ] && [[ $2 =~ ^[1-9][0-9]*$ ]] || { printf 'bench: --size takes a number of fact-checks\n' >&2; exit 2; }
        SIZES+=("$2")
        shift 2
        ;;
    --size=*)
        [[ ${1#--size=} =~ ^[1-9][0-9]*$ ]] || { printf 'bench: --size takes a number of fact-checks\n' >&2; exit 2; }
        SIZES+=("${1#--size=}")
        shift
        ;;
    *)
        printf 'bench: unknown argument %s (see --help); other settings come from the environment\n' "$1" >&2
        exit 2
        ;;
    esac
done

OUT=target/bench
[ ${#SIZES[@]} -gt 0 ] || SIZES=("${BENCH_COUNT:-100000}")
[ ${#SIZES[@]} -eq 1 ] || [ -z "${BENCH_DB:-}" ] || {
    printf 'bench: BENCH_DB names one database; with several --size give BENCH_DB_DIR\n' >&2
    exit 2
}
DB_DIR=${BENCH_DB_DIR:-$OUT}
SEED=1
REPORT=${BENCH_OUT:-BENCHMARKS.md}
RESULTS=$OUT/results.jsonl
DURATION=${BENCH_DURATION:-5}
WARMUP=${BENCH_WARMUP:-2}
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
# shellcheck source=bench/generated-db.sh
. bench/generated-db.sh
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

# --- build -------------------------------------------------------------------------------
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

# 100000 -> 100k, 1000000 -> 1m: the database's file name and the report's column.
size_name() {
    if (($1 % 1000000 == 0)); then
        echo "$(($1 / 1000000))m"
    elif (($1 % 1000 == 0)); then
        echo "$(($1 / 1000))k"
    else
        echo "$1"
    fi
}
db_for() { # count
    if [ -n "${BENCH_DB:-}" ]; then echo "$BENCH_DB"; else echo "$DB_DIR/factdesk-$(size_name "$1").db"; fi
}

prepare_db() { # count db
    local count=$1 db=$2
    ensure_generated "$BIN" "$db" "$count" "$SEED"
    # The generated fact-checks cite made-up pages on example.com, and a server with the
    # capture job (issue 12) would fetch all of them during the run, each kept snapshot a
    # commit that empties the kept pages. The schema is brought up to date first (its
    # migration queues every cited address), then the queue is emptied: the run measures a
    # newsroom whose cited pages are all copied. A binary from before the queue leaves the
    # file alone.
    "$BIN" --db "$db" migrate >/dev/null
    python3 - "$db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'capture_queue'").fetchone():
    # Reads first: a queue already empty leaves the file (and its readers) untouched.
    if db.execute("SELECT 1 FROM capture_queue LIMIT 1").fetchone():
        db.execute("DELETE FROM capture_queue")
        db.commit()
PY
}

# --- processes, stopped whatever happens --------------------------------------------------
SERVER_PID=
NGINX_PID=
stop() { # pid...
    for pid in "$@"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "$@"; do
        wait "$pid" 2>/dev/null || true
    done
}
cleanup() { stop $NGINX_PID $SERVER_PID; }
trap cleanup EXIT
trap 'exit 130' INT TERM

port_taken() { curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$1/" && return 0 || return 1; }
wait_for() { # url pid
    for _ in $(seq 600); do
        kill -0 "$2" 2>/dev/null || return 1
        curl -s -o /dev/null --max-time 1 "$1" && return 0
        sleep 0.1
    done
    return 1
}

port_taken "$PORT" && die "something already answers on port $PORT (set BENCH_PORT)"
port_taken "$NGINX_PORT" && die "something already answers on port $NGINX_PORT (set BENCH_NGINX_PORT)"

# --- measuring ---------------------------------------------------------------------------
HZ=$(getconf CLK_TCK)
# user + nice + system: interrupt time is left out, as loopback traffic is mostly handled
# there and would be counted against other processes.
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 }' /proc/stat; }
proc_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
status_field() { awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"; } # pid field (kB for sizes)
record() { python3 bench/report.py record "$@"; } # [--wrk OUTPUT] FILE key=text key:=number...

# Runs wrk on `url` after a warm-up and records what it measured, with the CPU ticks the
# measured process and the whole machine used meanwhile, as one line of $RESULTS. An
# encoding other than "identity" is sent as Accept-Encoding (the compressed rows only).
measure() { # url connections pid script encoding [key=value...]
    local url=$1 connections=$2 pid=$3 script=$4 encoding=$5 before_busy before_server after_busy after_server out wrk_user wrk_sys
    shift 5
    local headers=()
    [ "$encoding" = identity ] || headers=(-H "Accept-Encoding: $encoding")
    taskset -c "$LOAD_CPU" wrk -t1 -c"$connections" -d"${WARMUP}s" --timeout 5s "${headers[@]}" -s "$script" "$url" >/dev/null
    before_busy=$(busy_ticks)
    before_server=$(proc_ticks "$pid")
    out=$(mktemp)
    local TIMEFORMAT='%U %S'
    { time taskset -c "$LOAD_CPU" wrk -t1 -c"$connections" -d"${DURATION}s" --timeout 5s \
        "${headers[@]}" -s "$script" "$url" >"$out.wrk"; } 2>"$out.time"
    after_busy=$(busy_ticks)
    after_server=$(proc_ticks "$pid")
    read -r wrk_user wrk_sys <"$out.time"
    record --wrk "$out.wrk" "$RESULTS" connections:="$connections" encoding="$encoding" \
        server_ticks:=$((after_server - before_server)) busy_ticks:=$((after_busy - before_busy)) \
        wrk_user_s:="$wrk_user" wrk_sys_s:="$wrk_sys" "$@" ||
        die "wrk printed no result for $url: $(cat "$out.wrk")"
    rm -f "$out" "$out.wrk" "$out.time"
}

# --- one size: the server, then nginx with the same pages --------------------------------
bench_size() { # count
    local count=$1 db name
    db=$(db_for "$count")
    name=$(size_name "$count")
    prepare_db "$count" "$db"
    local server_cmd="taskset -c $SERVER_CPU $BIN --db $db serve --no-demo --addr 127.0.0.1:$PORT"
    say "[$name] starting: $server_cmd"
    local started_at
    started_at=$(date +%s.%N)
    # taskset execs the server, so $! is the server itself.
    $server_cmd >"$OUT/server-$name.log" 2>&1 &
    SERVER_PID=$!
    wait_for "$BASE/healthz" "$SERVER_PID" || die "the server did not start (see $OUT/server-$name.log)"
    local startup_ms
    startup_ms=$(python3 -c "import sys, time; print(round((time.time() - float(sys.argv[1])) * 1000))" "$started_at")

    # What to request, found by following the server's own links (bench/pages.py).
    local pages=$OUT/pages-$name.json
    eval "$(python3 bench/pages.py discover "$BASE" "$pages")"
    # 40,000 verdict pages from the first fact-check sitemap, for bench/rotate.lua.
    python3 -c "import json, sys; print('return {'); [print(json.dumps(p) + ',') for p in json.load(open(sys.argv[1]))['verdict_paths']]; print('}')" \
        "$pages" >"$OUT/verdict-paths.lua"
    local verdict_paths
    verdict_paths=$(grep -c '^"' "$OUT/verdict-paths.lua")

    # Issue 14. A binary whose verdict page names a social card must draw it: the card
    # rows are then measured (and checked to answer 200 below), and left out for an older
    # binary. Cards are kept in memory by what they show, so the row of cards drawn asks
    # for each verdict's card in turn (bench/rotate-cards.lua), from where the warm-up stopped.
    local card_rows=() media_rows=() newest media
    if curl -sf "$BASE$PAGE_VERDICT" | grep -q "$PAGE_VERDICT/card.png"; then
        sed 's|^"\(/fact-checks/[^"]*\)",$|"\1/card.png",|' "$OUT/verdict-paths.lua" >"$OUT/card-paths.lua"
        rm -f "$OUT/card-paths.next"
        card_rows=(
            "Social card (kept)|$PAGE_VERDICT/card.png|$CONNECTIONS"
            "Social cards drawn, $verdict_paths different in turn (1 connection)|/fact-checks/…/card.png|1|bench/rotate-cards.lua"
        )
    fi
    # An API that has an `image` field lists featured images; the newest page then holds
    # some (`factdesk generate` gives every fifth fact-check one), and the row asks for the
    # largest JPEG the field names (the 960 px one of a generated picture), as a browser does.
    newest=$(curl -sf "$BASE/api/v1/fact-checks")
    if printf '%s' "$newest" | grep -q '"image":'; then
        media=$(printf '%s' "$newest" | grep -o '"image":{"url":"[^"]*"' | head -1 | cut -d'"' -f6 |
            sed 's|^https\{0,1\}://[^/]*||')
        [ -n "$media" ] || die "no fact-check on the API's first page has an image (is the database generated by this binary?)"
        media_rows=("Media (a featured image, 960 px JPEG)|$media|$CONNECTIONS")
    fi

    # label|path|connections|wrk script|encoding|nginx file (the listing pages nginx serves too)
    local runs=(
        "Verdict page|$PAGE_VERDICT|$CONNECTIONS|||verdict"
        "Verdict page, gzip|$PAGE_VERDICT|$CONNECTIONS||gzip|verdict"
        "Verdict page, br|$PAGE_VERDICT|$CONNECTIONS||br|verdict"
        "Verdict pages, $verdict_paths different in turn|/fact-checks/…|$CONNECTIONS|bench/rotate.lua"
        "Home page|/|$CONNECTIONS|||home.html"
        "Home page, gzip|/|$CONNECTIONS||gzip|home.html"
        "Home page, br|/|$CONNECTIONS||br|home.html"
        "Tag page|$PAGE_TAG_PAGE|$CONNECTIONS|||tag.html"
        "Rating page|$PAGE_RATING_PAGE|$CONNECTIONS|||rating.html"
        "Claimant page|$PAGE_CLAIMANT_PAGE|$CONNECTIONS|||claimant.html"
        "API list|/api/v1/fact-checks|$CONNECTIONS|||api-list.json"
        "Search, topic|$PAGE_SEARCH_TOPIC|$SEARCH_CONNECTIONS"
        "Search, common words|$PAGE_SEARCH_COMMON|$SEARCH_CONNECTIONS"
        "Search, common words + tag|$PAGE_SEARCH_WORD_TAG|$SEARCH_CONNECTIONS"
        "Search, common words + tag + rating|$PAGE_SEARCH_WORD_TAG_RATING|$SEARCH_CONNECTIONS"
        "${card_rows[@]}"
        "${media_rows[@]}"
    )
    local run label path connections script encoding file code url
    for run in "${runs[@]}"; do
        IFS='|' read -r _ path _ <<<"$run"
        # The last card of the list: the one the drawn row would ask for first is left undrawn.
        [[ $path == /fact-checks/…/card.png ]] && path=$(tail -2 "$OUT/card-paths.lua" | head -1 | cut -d'"' -f2)
        [[ $path == *…* ]] && path=$(sed -n 2p "$OUT/verdict-paths.lua" | cut -d'"' -f2)
        code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE$path")
        [ "$code" = 200 ] || die "$BASE$path answered $code, not 200"
    done

    # One request at a time first, while every page is still unread (its first answer is
    # then a fresh render), on an otherwise idle server.
    say "[$name] one request at a time"
    python3 bench/pages.py single "$BASE" "$pages" "$RESULTS" size:="$count"

    for run in "${runs[@]}"; do
        IFS='|' read -r label path connections script encoding file <<<"$run"
        encoding=${encoding:-identity}
        say "[$name] $label: $path, $connections connection(s), ${WARMUP}s warm-up + ${DURATION}s"
        url=$BASE$path
        [[ $path == *…* ]] && url=$BASE/
        measure "$url" "$connections" "$SERVER_PID" "${script:-bench/report.lua}" "$encoding" kind=run \
            size:="$count" label="$label" path="$path" nginx_file="$file" \
            hwm_kib:="$(status_field "$SERVER_PID" VmHWM)"
        say "  $(tail -1 "$RESULTS")"
    done
    record "$RESULTS" kind=size size:="$count" name="$name" db="$db" db_size="$(du -hL "$db" | cut -f1)" \
        server_cmd="$server_cmd" startup_ms:="$startup_ms" slug="$PAGE_SLUG" tag="$PAGE_TAG" \
        hwm_kib:="$(status_field "$SERVER_PID" VmHWM)" rss_kib:="$(status_field "$SERVER_PID" VmRSS)" \
        threads:="$(status_field "$SERVER_PID" Threads)" load="$(cut -d' ' -f1-3 /proc/loadavg)"

    # nginx, the upper bound: each measured page's bytes as the server sent them, as static
    # files (the verdict at its own path, the listings under /pages/), with the headers the
    # server sent with the verdict page. Saved before the server stops, served after. A
    # page the server sends gzipped is saved beside as FILE.gz for nginx's gzip_static; its
    # stock build has no brotli module, so br rows compare with the uncompressed page.
    local ngx=$OUT/nginx
    rm -rf "$ngx"
    mkdir -p "$ngx/html/fact-checks" "$ngx/html/pages" "$ngx/temp" "$ngx/logs"
    curl -sf -D "$ngx/headers.txt" -o "$ngx/html$PAGE_VERDICT" "$BASE$PAGE_VERDICT"
    local nginx_rows=() static
    for run in "${runs[@]}"; do
        IFS='|' read -r label path _ _ encoding file <<<"$run"
        [ -n "$file" ] || continue
        static=/pages/$file
        [ "$file" = verdict ] && static=$PAGE_VERDICT
        case ${encoding:-identity} in
        identity)
            [ "$file" = verdict ] || curl -sf -o "$ngx/html$static" "$BASE$path"
            nginx_rows+=("$file|$static|identity")
            ;;
        gzip)
            if curl -sf -H 'Accept-Encoding: gzip' -D "$ngx/gzip-headers.txt" -o "$ngx/html$static.gz" "$BASE$path" &&
                grep -qi '^content-encoding: *gzip' "$ngx/gzip-headers.txt"; then
                nginx_rows+=("$file|$static|gzip")
            else
                rm -f "$ngx/html$static.gz"
            fi
            ;;
        esac
    done
    stop "$SERVER_PID"
    SERVER_PID=
    python3 bench/nginx_conf.py "$NGINX_PORT" "$ngx/headers.txt" >"$ngx/nginx.conf"
    NGINX_CMD="taskset -c $SERVER_CPU $NGINX -p $ngx/ -c nginx.conf -e logs/error.log -g 'daemon off;'"
    say "[$name] starting: $NGINX_CMD"
    taskset -c "$SERVER_CPU" "$NGINX" -p "$ngx/" -c nginx.conf -e logs/error.log -g 'daemon off;' &
    NGINX_PID=$!
    wait_for "$NGINX_BASE$PAGE_VERDICT" "$NGINX_PID" || die "nginx did not start (see $ngx/logs/error.log)"
    curl -sf "$NGINX_BASE$PAGE_VERDICT" | cmp -s - "$ngx/html$PAGE_VERDICT" ||
        die "nginx does not serve the same bytes as the server"
    # nginx's master only forks; the worker is the process doing the work.
    local worker
    worker=$(pgrep -P "$NGINX_PID" | head -1)
    local row
    for row in "${nginx_rows[@]}"; do
        IFS='|' read -r file path encoding <<<"$row"
        say "[$name] nginx, static $file ($encoding): $path"
        measure "$NGINX_BASE$path" "$CONNECTIONS" "$worker" bench/report.lua "$encoding" kind=nginx \
            size:="$count" label="nginx" nginx_file="$file" path="$path"
        say "  $(tail -1 "$RESULTS")"
    done
    stop "$NGINX_PID"
    NGINX_PID=
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
STARTED=$(date -u '+%Y-%m-%d %H:%M UTC')
STARTED_S=$(date +%s)
: >"$RESULTS"
for count in "${SIZES[@]}"; do
    bench_size "$count"
done

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
    connections:="$CONNECTIONS" search_connections:="$SEARCH_CONNECTIONS" server_cpu:="$SERVER_CPU" load_cpu:="$LOAD_CPU" \
    cores:="$(nproc)" cpu_model="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)" \
    mem_kib:="$(awk '/^MemTotal/ { print $2 }' /proc/meminfo)" kernel="$(uname -sr)" \
    rustc="$(rustc --version 2>/dev/null || echo "not installed")" wrk_version="$(wrk --version 2>&1 | head -1)" \
    nginx_version="$("$NGINX" -v 2>&1)" load_before="$LOAD_BEFORE" \
    bin="$BIN" seed:="$SEED" out="$OUT" nginx_cmd="$NGINX_CMD" nginx_dir="$OUT/nginx" \
    evidence_cmd="taskset -c $SERVER_CPU $EVIDENCE_BIN" minutes:="$((($(date +%s) - STARTED_S + 59) / 60))"
record "$RESULTS" kind=end load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
python3 bench/report.py write "$RESULTS" --notes bench/NOTES.md >"$REPORT.tmp"
mv "$REPORT.tmp" "$REPORT"
say "wrote $REPORT (from $RESULTS)"
