#!/usr/bin/env bash
# Fan-out side by side, in one run, under the neutral yardstick generator (../shared/yardstick/loadgen.cjs):
#   relay       the in-memory Node relay (no storage, no checks): the ceiling;
#   reference   the reference hub (Tentyl 2.0, Python), fewer messages (it does a few hundred a second);
#   parley      this build's hub, permessage-deflate declined (the default);
#   parley+z    the same hub with --ws-compression.
# (The generator's two senders are agents talking in one channel with no human: the hub's loop guard is turned
# off for the run, or it would stop them after 50 messages.)
# Then light load on the relay and on parley: one message in flight per sender (--window 1), for latency.
# Each hub is measured with clients that do not offer permessage-deflate and with clients that do (--deflate,
# as browsers, Python websockets and Node ws do). Prints one JSON line per run, with the hub's CPU seconds
# (utime+stime of its process from /proc) and the CPU microseconds per delivery.
# Usage: scripts/bench-fanout.sh   (env: MESSAGES per sender, default 5000; REF_MESSAGES, default 150;
#        RECEIVERS 10; SENDERS 2; WINDOW 100; YARDSTICK, default ../shared/yardstick; ONLY=parley to skip others)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
MESSAGES=${MESSAGES:-5000}
REF_MESSAGES=${REF_MESSAGES:-150}
RECEIVERS=${RECEIVERS:-10}
SENDERS=${SENDERS:-2}
WINDOW=${WINDOW:-100}
ONLY=${ONLY:-}
YARDSTICK=${YARDSTICK:-$root/../shared/yardstick}
[ -f "$YARDSTICK/loadgen.cjs" ] || { echo "no yardstick at $YARDSTICK (set YARDSTICK)" >&2; exit 2; }
[ -d target/classes/dev ] && [ -d target/runtime-jars ] || mvn -B -q -DskipTests package
nm=$root/target/yardstick-node
[ -d "$nm/node_modules/ws" ] || npm install --silent --prefix "$nm" ws >/dev/null
export NODE_MODULES_DIR=$nm/node_modules

work=$(mktemp -d /tmp/parley-fanout-XXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
cpu_seconds() { # utime + stime of a process, in seconds
    awk -v hz="$(getconf CLK_TCK)" '{ printf "%.3f", ($14 + $15) / hz }' "/proc/$1/stat"
}
await_port() {
    for _ in $(seq 1 300); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.1
    done
    echo "nothing listens on $1" >&2
    return 1
}

# warm PORT: two unmeasured runs (200,000 deliveries), so the JIT has compiled the hot path before anything is measured
warm() {
    node "$YARDSTICK/loadgen.cjs" --url "ws://127.0.0.1:$1/ws" --receivers "$RECEIVERS" --senders "$SENDERS" \
        --messages 10000 --window "$WINDOW" --timeout 60 >/dev/null
    node "$YARDSTICK/loadgen.cjs" --url "ws://127.0.0.1:$1/ws" --receivers "$RECEIVERS" --senders "$SENDERS" \
        --messages 10000 --window "$WINDOW" --timeout 60 >/dev/null
}

# measure NAME PID PORT MESSAGES [--deflate]   (WINDOW from the environment of the call)
measure() {
    local name=$1 pid=$2 port=$3 messages=$4 offer=${5:-}
    local before after line
    before=$(cpu_seconds "$pid")
    line=$(node "$YARDSTICK/loadgen.cjs" --url "ws://127.0.0.1:$port/ws" --receivers "$RECEIVERS" \
        --senders "$SENDERS" --messages "$messages" --window "${LOAD_WINDOW:-$WINDOW}" --timeout 120 $offer)
    after=$(cpu_seconds "$pid")
    node -e '
        const r = JSON.parse(process.argv[1]), cpu = process.argv[3] - process.argv[2];
        console.log(JSON.stringify({ hub: process.argv[4], ...r, hub_cpu_s: +cpu.toFixed(2),
            hub_cpu_us_per_delivery: r.delivered ? +(cpu * 1e6 / r.delivered).toFixed(1) : null }));
    ' "$line" "$before" "$after" "$name"
}

classpath="target/classes:$(find target/runtime-jars -name '*.jar' | sort | tr '\n' ':')"
start_parley() { # start_parley PORT [hub flags]
    local port=$1; shift
    java -Xmx512m -cp "$classpath" dev.parley.server.HubMain --db "$work/parley-$port.db" --host 127.0.0.1 \
        --port "$port" --open --quiet --loop-guard 0 "$@" >"$work/parley-$port.log" 2>&1 &
    pids+=($!)
    await_port "$port"
}

echo "# $(date -u +%FT%TZ) $(nproc) cores, $(java -version 2>&1 | head -1), node $(node --version)," \
     "receivers $RECEIVERS, senders $SENDERS, window $WINDOW, messages $MESSAGES per sender"

if [ -z "$ONLY" ] || [ "$ONLY" = relay ]; then
    port=$(free_port)
    node "$YARDSTICK/relay.cjs" "$port" >"$work/relay.log" 2>&1 &
    pids+=($!); relay=$!
    await_port "$port"
    warm "$port"
    measure relay "$relay" "$port" "$MESSAGES"
    measure relay "$relay" "$port" "$MESSAGES" --deflate
    LOAD_WINDOW=1 measure relay-light "$relay" "$port" 1000
fi

if [ -z "$ONLY" ] || [ "$ONLY" = reference ]; then
    ref=$work/reference
    mkdir -p "$ref"
    for m in tentyl_server tentyl_client tentyl_cli tentyl_db tentyl_protocol tentyl_config tentyl_web; do
        sqlite3 test-support/reference/tentyl-template.db \
            "SELECT source_code FROM code_modules WHERE module_name='$m'" >"$ref/$m.py"
    done
    port=$(free_port)
    (cd "$ref" && TENTYL_HOME="$ref" TENTYL_DB="$ref/t.db" TENTYL_HOST=127.0.0.1 TENTYL_PORT=$port \
        exec /usr/bin/python3 tentyl_server.py >"$ref/server.log" 2>&1) &
    pids+=($!); refpid=$!
    await_port "$port"
    measure reference "$refpid" "$port" "$REF_MESSAGES"
    measure reference "$refpid" "$port" "$REF_MESSAGES" --deflate
fi

if [ -z "$ONLY" ] || [ "$ONLY" = parley ]; then
    port=$(free_port)
    start_parley "$port"
    parley=${pids[-1]}
    warm "$port"
    measure parley "$parley" "$port" "$MESSAGES"
    measure parley "$parley" "$port" "$MESSAGES" --deflate
    LOAD_WINDOW=1 measure parley-light "$parley" "$port" 1000

    port=$(free_port)
    start_parley "$port" --ws-compression
    parleyz=${pids[-1]}
    warm "$port"
    measure parley+z "$parleyz" "$port" "$MESSAGES"
    measure parley+z "$parleyz" "$port" "$MESSAGES" --deflate
fi
