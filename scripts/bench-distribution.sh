#!/usr/bin/env bash
# Measures the distribution: template size, cold start (fresh copy of the template -> /health ok),
# warm restart, and upgrade time. Runs the bootstrap with no network (unshare -n, loopback only)
# and an empty HOME (no Maven repository). Usage: scripts/bench-distribution.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
[ -f target/parley-template.db ] || mvn -B -q -DskipTests package
java_bin=$(command -v java)
cp_jars=$(find target/runtime-jars -name '*.jar' | tr '\n' ':')
work=$(mktemp -d /tmp/parley-bench-XXXX)
trap 'rm -rf "$work"' EXIT

# A second template (next version, same code) for the upgrade measurement.
java -cp "target/classes:$cp_jars" dev.parley.packer.PackerMain --source . --jars target/runtime-jars \
    --out "$work/next.db" --version 99.0.0 >/dev/null

now_ms() { date +%s%3N; }

# Starts the bootstrap offline in $1 with PARLEY_HOME=$1/home; prints ms until /health is ok; stops it.
start_and_measure() {
    local dir=$1 port=$2 t0 t1
    t0=$(now_ms)
    HOME="$dir/user" PARLEY_HOME="$dir/home" unshare -n sh -c '
        ip link set lo up
        cd "$0"
        "$1" Bootstrap.java -- --host 127.0.0.1 --port "$2" >"$0/log" 2>&1 &
        pid=$!
        until curl -sf "http://127.0.0.1:$2/health" >/dev/null; do
            kill -0 $pid 2>/dev/null || { cat "$0/log" >&2; exit 1; }
            sleep 0.05
        done
        date +%s%3N >"$0/healthy"
        kill -TERM $pid; wait $pid || true' "$dir" "$java_bin" "$port"
    t1=$(cat "$dir/healthy")
    echo $((t1 - t0))
}

size=$(stat -c %s target/parley-template.db)
echo "template: $((size / 1024)) KiB ($(sqlite3 target/parley-template.db 'SELECT count(*) FROM sqlar') files)"
for i in $(seq 1 "$runs"); do
    dir="$work/run$i"; mkdir -p "$dir/user"
    cp target/parley-template.db "$dir/parley.db"
    (cd "$dir" && sqlite3 parley.db "SELECT source_code FROM code_modules WHERE module_name='bootstrap'" > Bootstrap.java)
    cold=$(start_and_measure "$dir" $((9900 + i)))
    warm=$(start_and_measure "$dir" $((9900 + i)))
    t0=$(now_ms)
    (cd "$dir" && HOME="$dir/user" PARLEY_HOME="$dir/home" java Bootstrap.java --upgrade "$work/next.db" >/dev/null)
    upgrade=$(( $(now_ms) - t0 ))
    after=$(start_and_measure "$dir" $((9900 + i)))
    echo "run $i: cold ${cold} ms, warm ${warm} ms, upgrade ${upgrade} ms, first start after upgrade ${after} ms"
done
