#!/usr/bin/env bash
# Chaos run of the agent-executor (not part of the tests): CHAOS_REQUESTS (10,000) requests, of which
# CHAOS_REPEATS (500) repeat an earlier run id and CHAOS_MALFORMED (100) are malformed, published at
# CHAOS_RATE (100/s) on four tenants' subjects; an LLM fake answering in 5-50 ms with 2 % 429s; the
# executor killed with SIGKILL three times at random moments and restarted; its own nats-server
# (port 4322, JetStream on disk) restarted once. Ends with one line:
#   RESULT requests=... succeeded=... distinct_runs=... duplicate_effects=... dead_letters=...
#          lost=... llm_calls=... seconds=... drain_s=...
# Pass: succeeded = distinct_runs, duplicate_effects=0, dead_letters=CHAOS_MALFORMED, lost=0,
# drain_s <= 60 (from the last request published until the consumer has nothing left).
# NO_BUILD=1 reuses the packaged executor.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
app=agent-executor/target/quarkus-app
work=$(mktemp -d)
nats_port=4322
http_port=${CHAOS_EXECUTOR_PORT:-18380}
pids=()
executor_pid=
nats_pid=
cleanup() {
  for pid in $executor_pid $nats_pid "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  PGPASSWORD=agentic psql -X -q -h 127.0.0.1 -U agentic -d agentic \
    -c "DROP SCHEMA IF EXISTS ae_chaos CASCADE" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

scripts/local-services.sh start >/dev/null
if [ "${NO_BUILD:-}" != 1 ]; then
  ${MVN:-./mvnw -B} -q -pl agent-executor -am package -DskipTests >&2
fi

cat >"$work/nats.conf" <<CONF
port: $nats_port
jetstream { store_dir: "$work/jetstream" }
CONF
start_nats() {
  nats-server -c "$work/nats.conf" >>"$work/nats.log" 2>&1 &
  nats_pid=$!
  for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$nats_port") 2>/dev/null && return; sleep 0.1; done
  echo "nats-server did not start" >&2; exit 1
}
start_nats

cp=$(ls "$app"/lib/main/io.nats.jnats-*.jar | tr '\n' ':')
javac -d "$work/classes" -cp "$cp" "$here/ChaosDriver.java"
java -cp "$work/classes:$cp" ChaosDriver llm "$work/llm.port" "$work/llm.calls" &
pids+=($!)
for _ in $(seq 1 100); do [ -s "$work/llm.port" ] && break; sleep 0.1; done

export NATS_URL=nats://127.0.0.1:$nats_port
export NATS_STREAM_NAME=CHAOS_REQUESTS NATS_STREAM_SUBJECTS='agent.requests.>'
export NATS_CONSUMER_GROUP=agent-executor
export POSTGRES_HOST=127.0.0.1 POSTGRES_PORT=5432 POSTGRES_DB=agentic POSTGRES_USER=agentic POSTGRES_PASSWORD=agentic
export POSTGRES_SCHEMA=ae_chaos
export DRAGONFLY_HOST=127.0.0.1 DRAGONFLY_PORT=6379
export LLM_BASE_URL=http://127.0.0.1:$(cat "$work/llm.port")
export OPENAI_API_KEY=sk-chaos
export EXECUTOR_CONCURRENCY=${CHAOS_CONCURRENCY:-16}
export QUARKUS_HTTP_PORT=$http_port
export QUARKUS_OTEL_SDK_DISABLED=true
export QUARKUS_LOG_CONSOLE_JSON_ENABLED=false

PGPASSWORD=agentic psql -X -q -h 127.0.0.1 -U agentic -d agentic -c "DROP SCHEMA IF EXISTS ae_chaos CASCADE" >/dev/null
java -jar "$app/quarkus-run.jar" migrate >"$work/migrate.log" 2>&1 || { cat "$work/migrate.log" >&2; exit 1; }
start_executor() {
  java -jar "$app/quarkus-run.jar" >>"$work/executor.log" 2>&1 &
  executor_pid=$!
  for _ in $(seq 1 300); do
    curl -fs "http://127.0.0.1:$http_port/ready" >/dev/null 2>&1 && return
    sleep 0.2
  done
  echo "the executor did not get ready" >&2; tail -30 "$work/executor.log" >&2; exit 1
}
start_executor

CHAOS_NATS_URL=$NATS_URL java -cp "$work/classes:$cp" ChaosDriver drive CHAOS_REQUESTS agent-executor "$work/marks" \
  >"$work/driver.out" 2>"$work/driver.err" &
driver=$!

# Four disruptions at random moments within the publishing time: three SIGKILLs of the executor
# (restarted a second later) and one nats-server restart, in random order.
load_s=$(( ${CHAOS_REQUESTS:-10000} / ${CHAOS_RATE:-100} ))
moments=$(for _ in 1 2 3 4; do echo $(( 5 + RANDOM % (load_s - 10) )); done | sort -n)
events=$(printf 'kill\nkill\nkill\nnats\n' | shuf)
elapsed=0
for pair in $(paste -d: <(echo "$moments") <(echo "$events")); do
  at=${pair%%:*}; what=${pair##*:}
  sleep $(( at > elapsed ? at - elapsed : 0 )); elapsed=$at
  if [ "$what" = kill ]; then
    echo "t=${at}s: SIGKILL executor" >&2
    kill -9 "$executor_pid"; wait "$executor_pid" 2>/dev/null || true
    sleep 1; start_executor
  else
    echo "t=${at}s: restart nats-server" >&2
    kill "$nats_pid"; wait "$nats_pid" 2>/dev/null || true
    sleep 1; start_nats
  fi
done

wait "$driver" || { cat "$work/driver.err" >&2; exit 1; }
echo "executor log: $(grep -c ' ERROR ' "$work/executor.log" || true) ERROR lines, $(grep -c ' WARN ' "$work/executor.log" || true) WARN lines" >&2
grep ' ERROR ' "$work/executor.log" | head -5 >&2 || true
tail -1 "$work/driver.out"
