#!/usr/bin/env bash
# The load benchmark (issue 5): the release server on a 100,000 fact-check database, driven
# by wrk over loopback, against nginx serving the same verdict page as a static file. Writes
# BENCHMARKS.md at the repository root. About 6 minutes of load, plus a release build and,
# the first time, ~45 s to generate the database. Run it by hand: it is not part of CI.
#
#   bench/run.sh
#
# Settings (environment): BENCH_DURATION (seconds measured per address, default 20),
# BENCH_WARMUP (seconds of unrecorded load first, default 5), BENCH_CONNECTIONS (64),
# BENCH_SEARCH_CONNECTIONS (16, for the search rows),
# BENCH_PORT / BENCH_NGINX_PORT (38080 / 38081), BENCH_SERVER_CPU / BENCH_LOAD_CPU (0 / 1).
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/.."

OUT=target/bench
DB=$OUT/factdesk-100k.db
COUNT=100000
SEED=1
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
BIN=target/release/factdesk

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
if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]} from Debian"
    sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
fi
NGINX=$(nginx_binary)
[ "$(nproc)" -gt "$LOAD_CPU" ] || die "this needs at least two cores (server on CPU $SERVER_CPU, wrk on CPU $LOAD_CPU)"

# --- build and data ----------------------------------------------------------------------
say "cargo build --release --locked"
cargo build --release --locked

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

# Searches (see src/generate.rs): a reader's topic ("food prices": a claim subject, about
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
)

for run in "${RUNS[@]}"; do
    IFS='|' read -r _ path _ <<<"$run"
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
wrk_cmd() { # connections url
    echo "taskset -c $LOAD_CPU wrk -t1 -c$1 -d${DURATION}s --timeout 5s -s bench/report.lua $2"
}

# Runs wrk on `url` after a warm-up; prints the BENCH_RESULT fields plus the CPU that
# processes other than the server under test and wrk used meanwhile (in cores).
measure() { # url connections server_pid [wrk script]
    local url=$1 connections=$2 pid=$3 script=${4:-bench/report.lua} before_busy before_server after_busy after_server out wrk_ticks
    taskset -c "$LOAD_CPU" wrk -t1 -c"$connections" -d"${WARMUP}s" --timeout 5s -s "$script" "$url" >/dev/null
    before_busy=$(busy_ticks)
    before_server=$(proc_ticks "$pid")
    out=$(mktemp)
    local TIMEFORMAT='%U %S'
    { time taskset -c "$LOAD_CPU" wrk -t1 -c"$connections" -d"${DURATION}s" --timeout 5s \
        -s "$script" "$url" >"$out.wrk"; } 2>"$out.time"
    after_busy=$(busy_ticks)
    after_server=$(proc_ticks "$pid")
    grep -q '^BENCH_RESULT' "$out.wrk" || die "wrk printed no result for $url: $(cat "$out.wrk")"
    wrk_ticks=$(awk -v hz="$HZ" '{ printf "%d", ($1 + $2) * hz }' "$out.time")
    awk -v hz="$HZ" -v d="$DURATION" -v server=$((after_server - before_server)) \
        -v other=$((after_busy - before_busy - (after_server - before_server) - wrk_ticks)) \
        '/^BENCH_RESULT/ { sub(/^BENCH_RESULT /, ""); split($1, r, "="); o = other / hz / d; if (o < 0) o = 0;
                          printf "%s other_cores=%.2f cpu_us=%.1f\n", $0, o, server / hz * 1e6 / r[2] }' \
        "$out.wrk"
    rm -f "$out" "$out.wrk" "$out.time"
}

field() { # line name
    printf '%s\n' "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k { print $2 }'
}

rss_mb() { # pid field
    awk -v f="$2:" '$1 == f { printf "%.1f", $2 / 1024 }' "/proc/$1/status"
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
STARTED=$(date -u '+%Y-%m-%d %H:%M UTC')
declare -a RESULTS
for run in "${RUNS[@]}"; do
    IFS='|' read -r label path connections script <<<"$run"
    say "$label: $path, $connections connection(s), ${WARMUP}s warm-up + ${DURATION}s"
    url=$BASE$path
    [[ $path == *…* ]] && url=$BASE/
    line=$(measure "$url" "$connections" "$SERVER_PID" "${script:-bench/report.lua}")
    RESULTS+=("$label|$path|$connections|$line hwm_mb=$(rss_mb "$SERVER_PID" VmHWM)")
    say "  $line"
done
SERVER_HWM=$(rss_mb "$SERVER_PID" VmHWM)
SERVER_RSS=$(rss_mb "$SERVER_PID" VmRSS)
SERVER_THREADS=$(awk '$1 == "Threads:" { print $2 }' "/proc/$SERVER_PID/status")

# --- nginx, the upper bound --------------------------------------------------------------
NGX=$OUT/nginx
rm -rf "$NGX"
mkdir -p "$NGX/html/fact-checks" "$NGX/temp" "$NGX/logs"
curl -sf -o "$NGX/html/fact-checks/$SLUG" "$BASE/fact-checks/$SLUG"
PAGE_BYTES=$(wc -c <"$NGX/html/fact-checks/$SLUG")
# The same headers our server sends with the page (nginx adds its own ETag and Date), so
# both answers are about the same size on the wire.
cat >"$NGX/nginx.conf" <<EOF
worker_processes 1;
pid nginx.pid;
error_log logs/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    server_tokens off;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_timeout 65;
    # The default (1000) would reconnect every 1000 requests; our server never does.
    keepalive_requests 100000000;
    open_file_cache max=64 inactive=60s;
    client_body_temp_path temp/body;
    proxy_temp_path temp/proxy;
    fastcgi_temp_path temp/fastcgi;
    uwsgi_temp_path temp/uwsgi;
    scgi_temp_path temp/scgi;
    default_type text/html;
    charset utf-8;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root html;
        add_header Cache-Control "public, max-age=60, stale-while-revalidate=600";
        add_header Content-Security-Policy "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
        add_header X-Content-Type-Options nosniff;
        add_header Referrer-Policy strict-origin-when-cross-origin;
    }
}
EOF
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
NGINX_LINE=$(measure "$NGINX_BASE/fact-checks/$SLUG" "$CONNECTIONS" "$NGINX_WORKER")
say "  $NGINX_LINE"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
NGINX_RPS=$(field "$NGINX_LINE" rps)

# --- BENCHMARKS.md -----------------------------------------------------------------------
ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }
errors() { # line
    local total=0 detail="" n
    for kind in connect read write timeout status; do
        n=$(field "$1" "$kind")
        total=$((total + n))
        [ "$n" -eq 0 ] || detail="$detail $kind $n"
    done
    if [ "$total" -eq 0 ]; then echo 0; else echo "$total ($(echo "$detail" | sed 's/^ //'))"; fi
}
row() { # label connections line hwm
    local line=$3
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$2" \
        "$(awk -v r="$(field "$line" rps)" 'BEGIN { printf "%\047.0f", r }')" \
        "$(ms "$(field "$line" p50_us)")" "$(ms "$(field "$line" p95_us)")" \
        "$(ms "$(field "$line" p99_us)")" "$(errors "$line")" "$(field "$line" cpu_us)" "$4" \
        "$(awk -v r="$(field "$line" rps)" -v n="$NGINX_RPS" 'BEGIN { printf "%.0f%%", 100 * r / n }')" \
        "$(field "$line" other_cores)"
}
result_of() { # label
    local r
    for r in "${RESULTS[@]}"; do
        [ "${r%%|*}" = "$1" ] && { printf '%s\n' "$r"; return; }
    done
}
verdict=$(result_of "Verdict page" | cut -d'|' -f4)
search_c1=$(result_of "Search, common words (1 connection)" | cut -d'|' -f4)
total_errors=0
for r in "${RESULTS[@]}"; do
    e=$(errors "$(printf '%s' "$r" | cut -d'|' -f4)")
    total_errors=$((total_errors + ${e%% *}))
done
check() { [ "$1" = 1 ] && echo "met" || echo "**missed**"; }
ratio_ok=$(awk -v r="$(field "$verdict" rps)" -v n="$NGINX_RPS" 'BEGIN { print (r >= 0.7 * n) ? 1 : 0 }')
p99_ok=$(awk -v p="$(field "$verdict" p99_us)" 'BEGIN { print (p < 5000) ? 1 : 0 }')
search_ok=$(awk -v p="$(field "$search_c1" p95_us)" 'BEGIN { print (p < 20000) ? 1 : 0 }')
memory_ok=$(awk -v m="$SERVER_HWM" 'BEGIN { print (m < 150) ? 1 : 0 }')
errors_ok=$([ "$total_errors" -eq 0 ] && echo 1 || echo 0)

CPU_MODEL=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
MEM_TOTAL=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
{
    cat <<EOF
# Benchmarks

Written by \`bench/run.sh\` on $STARTED; run it again to replace this file (see README.md,
"Benchmark"). Every figure below comes from that one run.

## Machine

| | |
| --- | --- |
| CPU | $CPU_MODEL, $(nproc) cores |
| memory | $MEM_TOTAL |
| kernel | $(uname -sr) |
| rustc | $(rustc --version) |
| wrk | $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2) |
| nginx | $("$NGINX" -v 2>&1 | sed 's/^nginx version: //') |
| load average (1, 5, 15 min) | before: $LOAD_BEFORE; after: $LOAD_AFTER |

The server (and nginx after it) ran on CPU $SERVER_CPU, wrk on CPU $LOAD_CPU. tokio sizes its
worker pool to the CPUs it may use, so the server ran one worker thread, like nginx's one
worker process. The last column of each table, *other CPU*, is the CPU time (in cores) that
processes other than the one measured and wrk used during that run, from /proc/stat: other
people build and test on this machine, and anything above about 0.05 there means the run
shared its cores.

## Commands

\`\`\`sh
cargo build --release --locked
$BIN --db $DB generate --count $COUNT --seed $SEED    # once; reused afterwards
$SERVER_CMD
$NGINX_CMD
# each address: a ${WARMUP} s warm-up run, then
$(wrk_cmd "$CONNECTIONS" "URL")
# the "1 connection" rows: -c1; the "different in turn" row: -s bench/rotate.lua, which
# asks for each path of $OUT/verdict-paths.lua (from /sitemaps/fact-checks-1.xml) in turn
\`\`\`

The database: $COUNT published fact-checks (\`src/generate.rs\`), $(du -h "$DB" | cut -f1)B.
The verdict page is \`/fact-checks/$SLUG\` ($PAGE_BYTES bytes of HTML); the tag is
\`$TAG\`. nginx $("$NGINX" -v 2>&1 | sed 's/^nginx version: nginx\///') serves that page's HTML, saved from our server with curl
(same bytes, same extra headers), from its own prefix \`$NGX\` with
\`worker_processes 1\`, \`sendfile\`, \`tcp_nodelay\`, keep-alive, \`open_file_cache\` and no
access log (the configuration is written there by the script).

*CPU µs/req* is the CPU time the server (or nginx's worker) used during the run, from
/proc/PID/stat, divided by the requests answered: unlike req/s it hardly moves when other
processes share the core, so it is the fairer figure to compare on a busy machine.

Errors are wrk's: connect, read, write and timeout errors plus responses with status 400 or
above (every address was checked to answer 200 first). Peak RSS is the server's \`VmHWM\`
from /proc after that run (it only grows). Latencies in milliseconds; the ratio is req/s
against nginx's req/s for the static verdict page.

## Results

| page | connections | req/s | p50 | p95 | p99 | errors | CPU µs/req | peak RSS (MB) | vs nginx | other CPU |
| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |
EOF
    for r in "${RESULTS[@]}"; do
        IFS='|' read -r label path connections line <<<"$r"
        hwm=$(field "$line" hwm_mb)
        row "$label \`$path\`" "$connections" "$line" "$hwm"
    done
    row "**nginx**, static verdict page" "$CONNECTIONS" "$NGINX_LINE" "–"
    cat <<EOF

After all runs the server's peak RSS (VmHWM) was $SERVER_HWM MB (RSS now $SERVER_RSS MB,
$SERVER_THREADS threads).

## Targets

| target | measured | |
| --- | --- | --- |
| verdict page ≥ 70% of nginx's static throughput | $(awk -v r="$(field "$verdict" rps)" -v n="$NGINX_RPS" 'BEGIN { printf "%.0f%%", 100 * r / n }') | $(check "$ratio_ok") |
| verdict page p99 < 5 ms at $CONNECTIONS connections | $(ms "$(field "$verdict" p99_us)") ms | $(check "$p99_ok") |
| zero errors | $total_errors | $(check "$errors_ok") |
| search p95 < 20 ms (common words, one reader at a time) | $(ms "$(field "$search_c1" p95_us)") ms | $(check "$search_ok") |
| server memory < 150 MB | $SERVER_HWM MB | $(check "$memory_ok") |
EOF
    if [ -f bench/NOTES.md ]; then
        echo
        cat bench/NOTES.md
    fi
} >BENCHMARKS.md
say "wrote BENCHMARKS.md"
