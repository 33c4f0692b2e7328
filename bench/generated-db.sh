# Sourced by bench/run.sh and bench/stress.sh: the generated database both measure.
# shellcheck shell=bash

# Makes DB with COUNT generated fact-checks unless it is there. Generated under another name
# and renamed, so an interrupted run is never reused.
ensure_generated() { # bin db count seed
    local bin=$1 db=$2 count=$3 seed=$4 dir
    dir=$(dirname "$db")
    mkdir -p "$dir"
    if [ -f "$db" ]; then
        printf '== reusing %s\n' "$db" >&2
        return
    fi
    printf '== generating %s (%s fact-checks, seed %s)\n' "$db" "$count" "$seed" >&2
    rm -f "$dir"/generating.db "$dir"/generating.db-wal "$dir"/generating.db-shm
    "$bin" --db "$dir/generating.db" generate --count "$count" --seed "$seed"
    mv "$dir/generating.db" "$db"
}
