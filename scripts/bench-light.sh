#!/usr/bin/env bash
# Light load side by side, alternating in one run: the in-memory relay, this build's hub and, optionally, another
# build's hub (a checkout with target/classes and target/runtime-jars, e.g. `git worktree add /tmp/old HEAD~1`
# then `mvn -q -DskipTests package` there). Each hub is warmed (10,000 messages per sender at 100 in flight, then
# 3,000 at 1), then ROUNDS rounds of the yardstick generator at one message in flight per sender run against each
# in turn. Prints one JSON line per run, then this build's write-stage timings from /metrics.
# Usage: scripts/bench-light.sh [OTHER_BUILD_DIR]   (env: ROUNDS 4, MESSAGES 1000 per sender, WINDOW 1,
#        YARDSTICK ../shared/yardstick)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
other=${1:-}
ROUNDS=${ROUNDS:-4}
MESSAGES=${MESSAGES:-1000}
WINDOW=${WINDOW:-1}
YARDSTICK=${YARDSTICK:-$root/../shared/yardstick}
[ -f "$YARDSTICK/loadgen.cjs" ] || { echo "no yardstick at $YARDSTICK (set YARDSTICK)" >&2; exit 2; }
[ -d target/classes/dev ] && [ -d target/runtime-jars ] || mvn -B -q -DskipTests package
nm=$root/target/yardstick-node
[ -d "$nm/node_modules/ws" ] || npm install --silent --prefix "$nm" ws >/dev/null
export NODE_MODULES_DIR=$nm/node_modules

work=$(mktemp -d /tmp/parley-light-XXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
await_health() {
    for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$1/health" >/dev/null && return 0; sleep 0.1; done
    echo "no hub answers on $1" >&2; return 1
}
load() { # PORT MESSAGES WINDOW
    node "$YARDSTICK/loadgen.cjs" --url "ws://127.0.0.1:$1/ws" --receivers 10 --senders 2 --messages "$2" \
        --window "$3" --timeout 60
}
start_hub() { # BUILD_DIR NAME PORT   (not in a $(...) subshell: pids must reach the trap)
    local cp port=$3 guard=()
    cp="$1/target/classes:$(find "$1/target/runtime-jars" -name '*.jar' | sort | tr '\n' ':')"
    mkdir -p "$work/$2"
    # The generator's senders are two agents in one channel with no human: off with the loop guard (builds before
    # it have no such flag, nor a guard).
    grep -q -- '--loop-guard' "$1/target/classes/dev/parley/server/HubMain.class" && guard=(--loop-guard 0)
    java -Xmx512m -cp "$cp" dev.parley.server.HubMain --db "$work/$2/hub.db" --host 127.0.0.1 --port "$port" \
        --open --quiet "${guard[@]}" >"$work/$2/hub.log" 2>&1 &
    pids+=($!)
}

names=(relay this)
relay_port=$(free_port)
node "$YARDSTICK/relay.cjs" "$relay_port" & pids+=($!)
this_port=$(free_port)
start_hub "$root" this "$this_port"
ports=("$relay_port" "$this_port")
if [ -n "$other" ]; then
    names+=(other)
    other_port=$(free_port)
    start_hub "$other" other "$other_port"
    ports+=("$other_port")
fi
for i in "${!ports[@]}"; do
    [ "${names[$i]}" = relay ] && continue
    await_health "${ports[$i]}"
    load "${ports[$i]}" 10000 100 >/dev/null
    load "${ports[$i]}" 3000 1 >/dev/null
done
sleep 1
for _ in $(seq 1 "$ROUNDS"); do
    for i in "${!ports[@]}"; do
        echo "{\"hub\":\"${names[$i]}\",$(load "${ports[$i]}" "$MESSAGES" "$WINDOW" | cut -c2-)"
    done
done
curl -s "http://127.0.0.1:${ports[1]}/metrics" | grep -E '^parley_write_.*_micros'
