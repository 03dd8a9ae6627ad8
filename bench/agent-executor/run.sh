#!/usr/bin/env bash
# Agent-executor benchmark: the packaged executor end to end (consume, claim, execute against an
# instant LLM fake, store, publish, ack) versus plain jnats pull + one PostgreSQL INSERT + ack.
# Needs the local services (scripts/local-services.sh). Ends with one line:
#   RESULT mps_executor=... mps_baseline=... ratio=... p99_ms_half_load=...
# Options (environment): BENCH_COUNT (20000), BENCH_CONCURRENCY (16), BENCH_PAIRS (3 executor/baseline
# pairs, the median reported), NO_BUILD=1 to reuse the jar,
# MVN (the Maven command, default ./mvnw -B).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
app=agent-executor/target/quarkus-app
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

scripts/local-services.sh start >/dev/null

if [ "${NO_BUILD:-}" != 1 ]; then
  ${MVN:-./mvnw -B} -q -pl agent-executor package -DskipTests >&2
fi

cp=$(ls "$app"/lib/main/io.nats.jnats-*.jar "$app"/lib/main/org.postgresql.postgresql-*.jar | tr '\n' ':')
javac -d "$work/classes" -cp "$cp" "$here/AgentExecutorBench.java"
bench=(java -cp "$work/classes:$cp" AgentExecutorBench)

# Without TCP_NODELAY the JDK server's split header/body writes meet delayed ACKs (40 ms per call).
java -Dsun.net.httpserver.nodelay=true -cp "$work/classes:$cp" AgentExecutorBench fake-llm "$work/llm.port" &
pids+=($!)
for _ in $(seq 1 100); do [ -s "$work/llm.port" ] && break; sleep 0.1; done
llm_port=$(cat "$work/llm.port")

id=$(date +%s)-$$
port=${BENCH_EXECUTOR_PORT:-18280}
export NATS_URL=nats://127.0.0.1:4222
export NATS_STREAM_NAME=AE_BENCH_${id//-/_}
export EXECUTOR_REQUESTS_PREFIX=ae-bench-$id.requests
export NATS_STREAM_SUBJECTS="$EXECUTOR_REQUESTS_PREFIX.>"
export NATS_CONSUMER_GROUP=ae-bench-$id
export POSTGRES_HOST=127.0.0.1 POSTGRES_PORT=5432 POSTGRES_DB=agentic POSTGRES_USER=agentic POSTGRES_PASSWORD=agentic
export POSTGRES_SCHEMA=ae_bench
export DRAGONFLY_HOST=127.0.0.1 DRAGONFLY_PORT=6379
export LLM_BASE_URL=http://127.0.0.1:$llm_port
export EXECUTOR_CONCURRENCY=${BENCH_CONCURRENCY:-16}
export QUARKUS_HTTP_PORT=$port
export QUARKUS_DATASOURCE_JDBC_MAX_SIZE=$EXECUTOR_CONCURRENCY
export QUARKUS_OTEL_SDK_DISABLED=true
export QUARKUS_LOG_CONSOLE_JSON_ENABLED=false

java -jar "$app/quarkus-run.jar" migrate >"$work/migrate.log" 2>&1 || { cat "$work/migrate.log" >&2; exit 1; }
java -jar "$app/quarkus-run.jar" >"$work/executor.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 300); do
  curl -fs "http://127.0.0.1:$port/ready" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fs "http://127.0.0.1:$port/ready" >/dev/null || { tail -50 "$work/executor.log" >&2; exit 1; }

BENCH_EXECUTOR_URL=http://127.0.0.1:$port BENCH_EXECUTOR_SUBJECT=$EXECUTOR_REQUESTS_PREFIX.bench "${bench[@]}" run

# Leave nothing behind: the benchmark's stream and runs.
PGPASSWORD=agentic psql -X -q -h 127.0.0.1 -U agentic -d agentic -c "DROP SCHEMA IF EXISTS ae_bench CASCADE" >/dev/null 2>&1 || true
"${bench[@]}" delete-stream "$NATS_STREAM_NAME" || true
