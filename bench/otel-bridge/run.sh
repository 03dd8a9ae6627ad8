#!/usr/bin/env bash
# Benchmarks the otel-bridge against a direct connection measured in the same run, and its CPU and
# memory at 10,000 spans/s against the OpenTelemetry Collector testbed's budget. Loopback only;
# every phase is bounded in time. Not part of the test suite.
#
#   bench/otel-bridge/run.sh            2 x 60 s at 10k spans/s (cold, then after 30 s more of
#                                       settling), 15 s for each other phase (about five minutes)
#   bench/otel-bridge/run.sh 30         30 s for each other phase
#   MVN=... bench/otel-bridge/run.sh    build with another Maven command than ./mvnw
#   BENCH_JAVA_OPTS=...                 the bridge's JVM options (default: as in the chart's pod)
#
# The last line printed is
#   RESULT cpu_pct_at_10k=... rss_mib_at_10k=... max_spans_per_s=... cores=... sink_max_spans_per_s=...
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn="${MVN:-./mvnw}"

seconds="${1:-15}"
jar=otel-bridge/target/quarkus-app/quarkus-run.jar
classpath=otel-bridge/target/bench.classpath

if [ ! -f "$jar" ]; then
  $mvn -B -q -f otel-bridge/pom.xml package -DskipTests
fi
$mvn -B -q -f otel-bridge/pom.xml dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$classpath" >/dev/null

# The launcher has JBoss LogManager on its class path (from the bridge's test dependencies); naming it
# keeps java.util.logging from complaining that it was used before being set.
exec java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$(cat "$classpath")" bench/otel-bridge/OtelBridgeBench.java "$seconds" "$jar"
