#!/usr/bin/env bash
# Search and store through the memory-gateway versus directly against the same local fake
# EverMemOS, and through nginx as a plain pass-through proxy, in one run: requests/s and p50/p99
# for each. Loopback only; every phase is bounded in time. Not part of the test suite.
#
#   bench/memory-gateway/run.sh          10 s per measured phase (about two minutes in all)
#   bench/memory-gateway/run.sh 30       30 s per measured phase
#   BENCH_CONCURRENCY=32 bench/memory-gateway/run.sh
#   BENCH_BASELINE_JAR=/other/checkout/memory-gateway/target/quarkus-app/quarkus-run.jar \
#     bench/memory-gateway/run.sh   also measures another build in the same phases (BASELINE line)
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds="${1:-10}"

# nginx is the pass-through baseline (Debian package).
# shellcheck source=scripts/packages.sh
. scripts/packages.sh
BENCH_NGINX=$(require_binary nginx nginx)
export BENCH_NGINX

jar=memory-gateway/target/quarkus-app/quarkus-run.jar
classpath=memory-gateway/target/bench.classpath

if [ ! -f "$jar" ]; then
  ./mvnw -B -q -f memory-gateway/pom.xml package -DskipTests
fi
if [ ! -f "$classpath" ]; then
  ./mvnw -B -q -f memory-gateway/pom.xml dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$classpath" >/dev/null
fi

# The launcher has JBoss LogManager on its class path (from the gateway's test dependencies); naming
# it keeps java.util.logging from complaining that it was used before being set.
exec java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$(cat "$classpath")" bench/memory-gateway/MemoryGatewayBench.java "$seconds" "$jar"
