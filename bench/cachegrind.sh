#!/usr/bin/env bash
# Instructions, data accesses and simulated cache misses per correlator event at 1,000 and at 100,000 open incidents,
# counted by valgrind's cachegrind, so the figures do not depend on what else the machine is doing
# (bench/README.md, "Seventh pass"). Needs valgrind and bench/target/benchmarks.jar
# (./mvnw -q -pl bench -am package -DskipTests). About 12 minutes.
#
# Usage: bench/cachegrind.sh [FEW_BATCHES [MANY_BATCHES]]   (default 200 and 1200 batches of 1000 events)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/bench/target/benchmarks.jar"
few="${1:-200}"
many="${2:-1200}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
command -v valgrind >/dev/null || { echo "cachegrind.sh: valgrind is not installed (apt-get install valgrind)" >&2; exit 1; }
[[ -f "$jar" ]] || { echo "cachegrind.sh: $jar is missing: ./mvnw -q -pl bench -am package -DskipTests" >&2; exit 1; }
(( many > few )) || { echo "cachegrind.sh: MANY_BATCHES ($many) must exceed FEW_BATCHES ($few)" >&2; exit 1; }
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# Totals of one run: instructions, data accesses, D1 misses, LL data read misses, LL data write misses.
run() {
  local open="$1" batches="$2" file="$out/cg.$1.$2"
  echo "valgrind: $open open incidents, $batches batches ($(date +%T))" >&2
  # C1 only and compilation in the foreground: valgrind 3.19 cannot decode some of C2's instructions, and both runs
  # of a pair must compile at the same moments for their difference to be the extra batches' work alone.
  valgrind --tool=cachegrind --smc-check=all-non-file --I1=32768,8,64 --D1=32768,8,64 --LL=33554432,16,64 \
    --cachegrind-out-file="$file" "$java" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -Xms2g -Xmx2g \
    -XX:TieredStopAtLevel=1 -Xbatch -cp "$jar" org.vigie.bench.FixedWork "$open" "$batches" >/dev/null 2>&1
  # summary: Ir I1mr ILmr Dr D1mr DLmr Dw D1mw DLmw
  awk '/^summary:/ {printf "%.0f %.0f %.0f %.0f %.0f\n", $2, $5 + $8, $6 + $9, $7, $10}' "$file"
}

printf '%-12s %14s %14s %10s %12s %13s\n' "open" "instructions" "data_accesses" "D1_misses" "LL_read_miss" "LL_write_miss"
for open in 1000 100000; do
  read -r i0 d0 m0 r0 w0 < <(run "$open" "$few")
  read -r i1 d1 m1 r1 w1 < <(run "$open" "$many")
  events=$(( (many - few) * 1000 ))
  awk -v o="$open" -v n="$events" -v i="$((i1 - i0))" -v d="$((d1 - d0))" -v m="$((m1 - m0))" -v r="$((r1 - r0))" \
      -v w="$((w1 - w0))" 'BEGIN {printf "%-12s %14.0f %14.0f %10.1f %12.1f %13.1f\n", o, i / n, d / n, m / n, r / n, w / n}'
done
