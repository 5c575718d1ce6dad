#!/usr/bin/env bash
# Heap used by the demo after N simulated hours (default 10): runs `./vigie demo` at 600x real time,
# forces a full GC with jcmd, and prints the live heap with the incident and event counts.
# Usage: bench/demo-heap.sh [HOURS]
set -euo pipefail
hours="${1:-10}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="$(mktemp -d)"
port=18089
speed=600
seconds=$(( hours * 3600 / speed ))
"$root/vigie" demo --port "$port" --data-dir "$data" --speed "$speed" --seed 13055 >"$data/demo.log" 2>&1 &
demo=$!
trap 'kill "$demo" 2>/dev/null; wait "$demo" 2>/dev/null; rm -rf "$data"' EXIT
until curl -sf "http://localhost:$port/health" >/dev/null; do sleep 0.5; done
for ((s = 0; s < seconds; s += 10)); do
  sleep 10
  echo "… $(grep -o 'simulated clock [^ ]*' "$data/demo.log" | tail -1)" >&2
done
pid=$(pgrep -f "vigie.jar demo --port $port")
jcmd="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/jcmd"
"$jcmd" "$pid" GC.run >/dev/null
used_kb=$("$jcmd" "$pid" GC.heap_info | sed -n 's/.* used \([0-9]*\)K.*/\1/p' | head -1)
incidents=$(curl -s "http://localhost:$port/api/v1/incidents?limit=1" | sed -n 's/.*"total":\([0-9]*\).*/\1/p')
echo "after ${hours} simulated hours: heap used after full GC $((used_kb / 1024)) MiB, ${incidents} incidents," \
     "$(grep -o '[0-9]* events$' "$data/demo.log" | tail -1), RSS $(( $(ps -o rss= -p "$pid") / 1024 )) MiB"
