#!/usr/bin/env bash
# The stress run (issue 10): every hostile-traffic attack found, replayed against the
# release server on the 100,000 fact-check database, with /healthz, the home page and a
# cached verdict page probed throughout. Writes STRESS.md at the repository root. About
# 8 minutes against a server that gives in, less against one that refuses quickly; plus the
# build and, the first time, ~45 s to generate the database (shared with bench/run.sh). Run
# it by hand: it is not part of cargo test or CI.
#
#   bench/stress.sh                        # every attack
#   bench/stress.sh search signin-flood    # only these (search editor signin-disk
#                                          # signin-flood slowloris fd-limit hostile-posts)
#
# Settings (environment): FACTDESK_BIN (a server binary to use instead of building one),
# STRESS_SERVER_ARGS (extra `serve` flags), STRESS_PORT (38090), STRESS_SERVER_CPU /
# STRESS_LOAD_CPU (0 / 1), STRESS_HOLD_SECONDS (how long slowloris connections are
# watched, 40), STRESS_OUT (STRESS.md).
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/.."

OUT=target/bench
DB=$OUT/factdesk-100k.db
COUNT=100000
SEED=1
PORT=${STRESS_PORT:-38090}
# The server gets one core and the attacks the other, so the attacker's own work is not
# what slows the server down; other people's builds still can (see "other CPU").
SERVER_CPU=${STRESS_SERVER_CPU:-0}
LOAD_CPU=${STRESS_LOAD_CPU:-1}

say() { printf '== %s\n' "$*" >&2; }
die() {
    printf 'stress: %s\n' "$*" >&2
    exit 1
}

command -v python3 >/dev/null || die "python3 is needed"
command -v taskset >/dev/null || die "taskset (util-linux) is needed"
[ "$(nproc)" -gt "$LOAD_CPU" ] || die "this needs at least two cores (server on CPU $SERVER_CPU, attacks on CPU $LOAD_CPU)"

if [ -n "${FACTDESK_BIN:-}" ]; then
    BIN=$FACTDESK_BIN
    say "using $BIN"
else
    say "cargo build --release --locked"
    cargo build --release --locked
    BIN=target/release/factdesk
fi
[ -x "$BIN" ] || die "$BIN is not an executable"

mkdir -p "$OUT"
# shellcheck source=bench/generated-db.sh
. bench/generated-db.sh
ensure_generated "$BIN" "$DB" "$COUNT" "$SEED"

# exec: the script's own signal handlers then stop every server it started, and nothing
# is left behind this shell. The paths go by environment so that the command line does
# not match a broad `pkill -f factdesk` run by someone else on the machine.
export STRESS_BIN=$BIN STRESS_DB=$DB
exec taskset -c "$LOAD_CPU" python3 bench/stress.py \
    --work "$OUT/stress" --out "${STRESS_OUT:-STRESS.md}" --port "$PORT" \
    --server-cpu "$SERVER_CPU" --load-cpu "$LOAD_CPU" \
    --server-args "${STRESS_SERVER_ARGS:-}" --hold-seconds "${STRESS_HOLD_SECONDS:-40}" "$@"
