#!/usr/bin/env bash
# Measures how fast a hub starts, against the JVM's own floor, in one run:
#   Hello      `java Hello.java` (a 10-line program, source launcher), the yardstick;
#   serve      `$PARLEY_HOME/bin/parley serve`            -> first GET /health ok;
#   warm       `java Bootstrap.java -- ...` on an installed home -> /health ok;
#   cold       fresh folder, fresh PARLEY_HOME, empty HOME (offline under unshare -n when it can) -> /health ok.
# Prints a markdown table: median, min-max seconds, median / Hello's median, and the RSS (VmRSS, MB) of
# the serving process tree just after /health answered (every process of the tree, summed, listed).
# Usage: scripts/bench-startup.sh [runs]   (default 5; PARLEY_JAVA_OPTS is not read: this measures defaults)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
[ -f target/parley-template.db ] || mvn -B -q -DskipTests package
template=$PWD/target/parley-template.db
work=$(mktemp -d /tmp/parley-startup-XXXX)
trap 'rm -rf "$work"' EXIT

now_ns() { date +%s%N; }
seconds() { awk -v ns="$1" 'BEGIN { printf "%.3f", ns / 1e9 }'; }

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# VmRSS of a process and all its descendants, in MB, and which processes they were ("pid:comm" list).
tree_rss() {
    local root=$1 pids=$1 frontier=$1 next p total=0 names=""
    while [ -n "$frontier" ]; do
        next=""
        for p in $frontier; do next="$next $(cat /proc/"$p"/task/*/children 2>/dev/null || true)"; done
        frontier=$(echo $next)
        [ -n "$frontier" ] && pids="$pids $frontier"
    done
    for p in $pids; do
        kb=$(awk '/^VmRSS:/ { print $2 }' /proc/"$p"/status 2>/dev/null || echo 0)
        total=$((total + ${kb:-0}))
        names="$names $(cat /proc/"$p"/comm 2>/dev/null || echo '?')"
    done
    echo "$((total / 1024)) ${names# }"
}

# Runs "$@" in the background (in the current folder and environment) until /health on $port is ok;
# prints "nanoseconds rss_mb processes"; then SIGTERMs the process and waits for it.
time_to_health() {
    local port=$1 t0 t1 pid rss
    shift
    t0=$(now_ns)
    "$@" >"$work/last.log" 2>&1 &
    pid=$!
    until curl -sf -o /dev/null "http://127.0.0.1:$port/health"; do
        kill -0 "$pid" 2>/dev/null || { cat "$work/last.log" >&2; echo "failed: $*" >&2; exit 1; }
        sleep 0.02
    done
    t1=$(now_ns)
    rss=$(tree_rss "$pid")
    kill -TERM "$pid"
    wait "$pid" || true
    echo "$((t1 - t0)) $rss"
}

# Appends one sample to $work/<name>.times (and the rss line to <name>.rss).
record() {
    local name=$1 sample=$2
    echo "${sample%% *}" >>"$work/$name.times"
    echo "${sample#* }" >>"$work/$name.rss"
}

# --- the yardstick -----------------------------------------------------------------------------------------
mkdir -p "$work/hello"
cat >"$work/hello/Hello.java" <<'EOF'
/** The floor: a JVM that compiles and runs one tiny source file. */
public class Hello {
    public static void main(String[] args) {
        String who = args.length > 0 ? args[0] : "world";
        StringBuilder text = new StringBuilder("Hello, ");
        text.append(who).append('!');
        System.out.println(text);
    }
}
// 10 lines, as the budget says.
EOF
for _ in $(seq 1 "$runs"); do
    t0=$(now_ns)
    (cd "$work/hello" && java Hello.java >/dev/null)
    echo $(( $(now_ns) - t0 )) >>"$work/hello.times"
done

# --- an installed home (the user commands only) ------------------------------------------------------------
install_home() {
    local dir=$1
    mkdir -p "$dir/user"
    cp "$template" "$dir/parley.db"
    (cd "$dir" && sqlite3 parley.db "SELECT source_code FROM code_modules WHERE module_name='bootstrap'" > Bootstrap.java)
}
install_home "$work/inst"
(cd "$work/inst" && PARLEY_HOME="$work/inst/home" java Bootstrap.java --no-run >/dev/null)
export PARLEY_HOME="$work/inst/home"
"$PARLEY_HOME/bin/parley" serve --help >/dev/null # once: the OS page cache, not the hub, is what this warms

for _ in $(seq 1 "$runs"); do
    port=$(free_port)
    record serve "$(cd "$work/inst" && time_to_health "$port" "$PARLEY_HOME/bin/parley" serve --host 127.0.0.1 --port "$port")"
    port=$(free_port)
    record warm "$(cd "$work/inst" && time_to_health "$port" java Bootstrap.java -- --host 127.0.0.1 --port "$port")"
done
unset PARLEY_HOME

# --- cold: a new folder, a new home, no Maven repository, no network ----------------------------------------
# The hub and the curl polling it share the namespace: the whole measurement runs inside it.
offline=false
unshare -n true 2>/dev/null && offline=true
export work
export -f now_ns tree_rss time_to_health
for i in $(seq 1 "$runs"); do
    dir="$work/cold$i"
    install_home "$dir"
    port=$(free_port)
    measure="cd '$dir' && time_to_health $port java Bootstrap.java -- --host 127.0.0.1 --port $port"
    if $offline; then
        record cold "$(HOME="$dir/user" PARLEY_HOME="$dir/home" unshare -n bash -c "ip link set lo up; $measure")"
    else
        record cold "$(HOME="$dir/user" PARLEY_HOME="$dir/home" bash -c "$measure")"
    fi
done

# --- the table ---------------------------------------------------------------------------------------------
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
hello=$(median "$work/hello.times")
echo "$(java -version 2>&1 | head -1), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $runs runs"
echo
echo "| what | median s | min-max s | x Hello | RSS MB (processes) |"
echo "|---|---|---|---|---|"
row() {
    local name=$1 label=$2 m min max rss
    m=$(median "$work/$name.times")
    min=$(sort -n "$work/$name.times" | head -1)
    max=$(sort -n "$work/$name.times" | tail -1)
    rss="-"
    [ -f "$work/$name.rss" ] && rss=$(sort -n "$work/$name.rss" | awk '{ v[NR] = $0 } END { print v[int((NR + 1) / 2)] }')
    echo "| $label | $(seconds "$m") | $(seconds "$min")-$(seconds "$max") | $(awk -v a="$m" -v b="$hello" 'BEGIN { printf "%.2f", a / b }') | $rss |"
}
row hello '`java Hello.java`'
row serve '`$PARLEY_HOME/bin/parley serve` -> /health'
row warm 'warm `java Bootstrap.java` -> /health'
$offline && cold_label='cold (new home, empty HOME, unshare -n) -> /health' \
    || cold_label='cold (new home, empty HOME, online) -> /health'
row cold "$cold_label"
