#!/usr/bin/env bash
# City-scale measurements on this machine, with an in-JVM KRaft broker (the test kit that the tests use):
#   bench/cluster.sh scaling [HOURS] [MULTIPLIER] [THREADS] [RATE]   Kafka Streams correlator, 1/2/4 threads
#   bench/cluster.sh day [HOURS] [MULTIPLIER]                        a simulated Marseille day, embedded and cluster
# Builds vigie-app and its test classes first; prints results on stdout, progress on stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-scaling}; shift || true
./mvnw -q -o install -DskipTests >&2
./mvnw -q -o -pl vigie-app test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/cluster-bench.classpath >&2
cp="vigie-app/target/test-classes:vigie-app/target/classes:$(cat vigie-app/target/cluster-bench.classpath)"
case "$what" in
  scaling) main=org.vigie.app.cluster.StreamScaling ;;
  day) main=org.vigie.app.cluster.CityDay ;;
  *) echo "usage: bench/cluster.sh scaling|day [ARGS…]" >&2; exit 2 ;;
esac
exec java --enable-native-access=ALL-UNNAMED -Xmx4g -cp "$cp" "$main" "$@"
