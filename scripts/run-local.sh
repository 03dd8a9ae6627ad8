#!/usr/bin/env bash
# Runs the whole platform on this machine: NATS, PostgreSQL and Redis (scripts/local-services.sh),
# Prometheus, the local stand-ins for the remote services (an LLM, EverMemOS, Langfuse's OTLP
# endpoint and a sandbox pod; see local-standins/README.md) and the five services, wired together
# the way the chart wires them in a cluster. It waits until each is ready, prints what runs where
# and a few commands to try, and keeps everything running until Ctrl-C, which stops all it started.
#
#   scripts/run-local.sh            build, start, wait for Ctrl-C
#   scripts/run-local.sh --no-build start what target/ already holds
#
# Real remote services instead of the stand-ins:
#   OPENAI_API_KEY / ANTHROPIC_API_KEY   that provider's public API (the other stays on the stand-in)
#   LLM_BASE_URL                         any OpenAI/Anthropic-compatible endpoint, for every profile
#   LANGFUSE_HOST + LANGFUSE_PUBLIC_KEY + LANGFUSE_SECRET_KEY   traces to that Langfuse
# The controller needs a Kubernetes API: it starts only when a kubeconfig is present
# ($KUBECONFIG or ~/.kube/config).
#
# Logs go to .local/run/<name>.log (plain text, not the JSON of the prod profile); spans to
# .local/run/traces.log when the Langfuse stand-in receives them.
set -euo pipefail
cd "$(dirname "$0")/.."
readonly ROOT=$PWD
readonly LOG_DIR=.local/run
readonly READY_TIMEOUT_SECONDS=180
readonly PROMETHEUS_PORT=9090

build=true
case "${1:-}" in
  --no-build) build=false ;;
  "") ;;
  *) echo "usage: $0 [--no-build]" >&2; exit 2 ;;
esac

# shellcheck source=scripts/packages.sh
. scripts/packages.sh

scripts/local-services.sh
prometheus_bin=$(require_binary prometheus prometheus)

if [ "$build" = true ]; then
  echo "Building the suite (./mvnw package -DskipTests)..."
  ./mvnw -B -q package -DskipTests
fi

mkdir -p "$LOG_DIR"
: >"$LOG_DIR/traces.log"

# --- What runs where -------------------------------------------------------------------------
# name  jar-module  readiness URL
readonly STANDINS_PORTS=(STANDINS_LLM_PORT=8480 STANDINS_EVERMEMOS_PORT=1995
  STANDINS_LANGFUSE_PORT=8680 STANDINS_SANDBOX_PORT=8780 QUARKUS_HTTP_PORT=8979)
readonly LLM_STANDIN=http://127.0.0.1:8480
readonly OTLP_GRPC=http://127.0.0.1:4317

# Every service traces to the otel-bridge, quickly enough to watch (1 s batches instead of 5 s).
readonly TRACING_ENV=(QUARKUS_OTEL_SDK_DISABLED=false QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT=$OTLP_GRPC
  QUARKUS_OTEL_BSP_SCHEDULE_DELAY=1s)
readonly PLAIN_LOGS=(QUARKUS_LOG_CONSOLE_JSON_ENABLED=false)

# LLM: a provider with its key set uses its public API; LLM_BASE_URL sends every profile there;
# otherwise the profiles of scripts/local/agents.properties talk to the stand-in model.
llm_env=()
llm_says=""
if [ -n "${LLM_BASE_URL:-}" ]; then
  llm_env+=("LLM_BASE_URL=$LLM_BASE_URL")
  llm_says="LLM_BASE_URL=$LLM_BASE_URL for every profile"
else
  for provider in OPENAI ANTHROPIC; do
    key_var=${provider}_API_KEY
    if [ -n "${!key_var:-}" ]; then
      llm_env+=("$key_var=${!key_var}")
      llm_says+="${provider,,}: the public API ($key_var); "
    else
      llm_env+=("${provider}_BASE_URL=$LLM_STANDIN")
      llm_says+="${provider,,}: the local stand-in model; "
    fi
  done
fi

if [ -n "${LANGFUSE_HOST:-}" ] && [ -n "${LANGFUSE_PUBLIC_KEY:-}" ] && [ -n "${LANGFUSE_SECRET_KEY:-}" ]; then
  export_env=(BRIDGE_EXPORT_ENDPOINT="${LANGFUSE_HOST%/}/api/public/otel"
    BRIDGE_EXPORT_PUBLIC_KEY="$LANGFUSE_PUBLIC_KEY" BRIDGE_EXPORT_SECRET_KEY="$LANGFUSE_SECRET_KEY")
  traces_say="exported to Langfuse at $LANGFUSE_HOST"
else
  export_env=(BRIDGE_EXPORT_ENDPOINT=http://127.0.0.1:8680/api/public/otel)
  traces_say="one line per span in $LOG_DIR/traces.log (Langfuse stand-in; set LANGFUSE_HOST, LANGFUSE_PUBLIC_KEY and LANGFUSE_SECRET_KEY for a real Langfuse)"
fi

# The router reaches the sandbox stand-in as the Service echo.default.svc.cluster.local would be
# reached in a cluster: its resolver reads this hosts file.
cat >"$LOG_DIR/sandbox-hosts" <<HOSTS
127.0.0.1 localhost
127.0.0.1 echo.default.svc.cluster.local
HOSTS

scrape_targets=(
  "sandbox-router 127.0.0.1:9180"
  "agent-executor 127.0.0.1:8280"
  "memory-gateway 127.0.0.1:9380"
  "otel-bridge 127.0.0.1:9480"
)
with_controller=true
if [ -z "${KUBECONFIG:-}" ] && [ ! -f "$HOME/.kube/config" ]; then
  with_controller=false
else
  scrape_targets+=("controller 127.0.0.1:9580")
fi
{
  echo "global: {scrape_interval: 5s, evaluation_interval: 5s}"
  echo "scrape_configs:"
  for target in "${scrape_targets[@]}"; do
    read -r job address <<<"$target"
    # namespace: the label the chart's Grafana dashboard selects on.
    printf '  - {job_name: %s, metrics_path: /q/metrics, static_configs: [{targets: ["%s"], labels: {namespace: local}}]}\n' "$job" "$address"
  done
} >"$LOG_DIR/prometheus.yml"

# --- Start and stop --------------------------------------------------------------------------
pids=()
names=()
stop_all() {
  trap - INT TERM EXIT
  if [ "${#pids[@]}" -gt 0 ]; then
    echo
    echo "Stopping ${names[*]}..."
    kill -TERM "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
  fi
}
trap stop_all EXIT
trap 'exit 130' INT TERM

start() { # name readiness-url command... (with env assignments first)
  local name=$1 ready=$2
  shift 2
  env "$@" >"$LOG_DIR/$name.log" 2>&1 &
  pids+=("$!")
  names+=("$name")
  local pid=$! deadline=$((SECONDS + READY_TIMEOUT_SECONDS))
  until curl -fsS -o /dev/null "$ready" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$name exited before it was ready; the end of $LOG_DIR/$name.log:" >&2
      tail -n 20 "$LOG_DIR/$name.log" >&2
      exit 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "$name was not ready within ${READY_TIMEOUT_SECONDS}s ($ready); see $LOG_DIR/$name.log" >&2
      exit 1
    fi
    sleep 0.3
  done
}

jar() {
  local path="$1/target/quarkus-app/quarkus-run.jar"
  [ -f "$path" ] || { echo "$path is missing; run without --no-build" >&2; exit 1; }
  echo "$path"
}

started_at=$SECONDS
echo "Starting (logs in $LOG_DIR/)..."

if (exec 3<>"/dev/tcp/127.0.0.1/$PROMETHEUS_PORT") 2>/dev/null; then
  echo "127.0.0.1:$PROMETHEUS_PORT is taken; stop the Prometheus that runs there (the prometheus package may have started one)." >&2
  exit 1
fi
start prometheus "http://127.0.0.1:$PROMETHEUS_PORT/-/ready" \
  "$prometheus_bin" --config.file="$LOG_DIR/prometheus.yml" --storage.tsdb.path="$LOG_DIR/prometheus" \
  --web.listen-address="127.0.0.1:$PROMETHEUS_PORT" --log.level=warn

start local-standins http://127.0.0.1:8979/q/health/ready \
  "${STANDINS_PORTS[@]}" STANDINS_LANGFUSE_TRACES_LOG="$ROOT/$LOG_DIR/traces.log" \
  java -jar "$(jar local-standins)"

start otel-bridge http://127.0.0.1:9480/q/health/ready \
  QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=4318 QUARKUS_GRPC_SERVER_HOST=127.0.0.1 \
  QUARKUS_MANAGEMENT_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT=9480 BRIDGE_BATCH_TIMEOUT=1s \
  "${export_env[@]}" "${PLAIN_LOGS[@]}" \
  java -jar "$(jar otel-bridge)"

# Without Keycloak locally the gateway trusts X-Tenant-ID (development mode, refused in the prod
# profile unless allowed as here).
start memory-gateway http://127.0.0.1:9380/q/health/ready \
  QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=8380 QUARKUS_MANAGEMENT_HOST=127.0.0.1 \
  QUARKUS_MANAGEMENT_PORT=9380 MEMORY_AUTH_MODE=dev-header MEMORY_AUTH_ALLOW_DEV_MODE_IN_PROD=true \
  MEMORY_EVERMEMOS_BASE_URL=http://127.0.0.1:1995 "${TRACING_ENV[@]}" "${PLAIN_LOGS[@]}" \
  java -jar "$(jar memory-gateway)"

readonly EXECUTOR_ENV=(
  NATS_URL=nats://127.0.0.1:4222 NATS_STREAM_NAME=AGENT_REQUESTS
  "NATS_STREAM_SUBJECTS=agent.requests.>" NATS_CONSUMER_GROUP=agent-executor
  POSTGRES_HOST=127.0.0.1 POSTGRES_PORT=5432 POSTGRES_DB=agentic
  POSTGRES_USER=agentic POSTGRES_PASSWORD=agentic
  DRAGONFLY_HOST=127.0.0.1 DRAGONFLY_PORT=6379
)
env "${EXECUTOR_ENV[@]}" "${PLAIN_LOGS[@]}" QUARKUS_OTEL_SDK_DISABLED=true \
  java -jar "$(jar agent-executor)" migrate >"$LOG_DIR/agent-executor-migrate.log" 2>&1 \
  || { echo "agent-executor migrations failed; see $LOG_DIR/agent-executor-migrate.log" >&2; exit 1; }
start agent-executor http://127.0.0.1:8280/ready \
  QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=8280 "${EXECUTOR_ENV[@]}" "${llm_env[@]}" \
  SMALLRYE_CONFIG_LOCATIONS="$ROOT/scripts/local/agents.properties" \
  MEMORY_GATEWAY_URL=http://127.0.0.1:8380 "${TRACING_ENV[@]}" "${PLAIN_LOGS[@]}" \
  java -jar "$(jar agent-executor)"

# Locally the router lets every caller reach Services in the default namespace, on the sandbox
# stand-in's port.
start sandbox-router http://127.0.0.1:9180/q/health/ready \
  QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=8180 QUARKUS_MANAGEMENT_HOST=127.0.0.1 \
  QUARKUS_MANAGEMENT_PORT=9180 ROUTER_AUTH_MODE=none ROUTER_NAMESPACES_ALLOWED=default \
  ROUTER_DEFAULT_PORT=8780 ROUTER_ALLOWED_PORTS=8780 \
  QUARKUS_VERTX_RESOLVER_HOSTS_PATH="$ROOT/$LOG_DIR/sandbox-hosts" \
  "${TRACING_ENV[@]}" "${PLAIN_LOGS[@]}" \
  java -jar "$(jar sandbox-router)"

if [ "$with_controller" = true ]; then
  start controller http://127.0.0.1:9580/q/health/ready \
    QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=8580 QUARKUS_MANAGEMENT_HOST=127.0.0.1 \
    QUARKUS_MANAGEMENT_PORT=9580 "${TRACING_ENV[@]}" "${PLAIN_LOGS[@]}" \
    java -jar "$(jar controller)"
else
  echo "No kubeconfig (\$KUBECONFIG or ~/.kube/config): the controller is not started."
fi

controller_line=""
if [ "$with_controller" = true ]; then
  controller_line="  controller       http://127.0.0.1:8580             :9580/q/health/ready  :9580/q/metrics
"
fi
cat <<SUMMARY

The suite is ready ($((SECONDS - started_at)) s). Ctrl-C stops everything.

  service          address                           health / metrics
  agent-executor   http://127.0.0.1:8280             /ready  /q/metrics
  sandbox-router   http://127.0.0.1:8180             :9180/q/health/ready  :9180/q/metrics
  memory-gateway   http://127.0.0.1:8380             :9380/q/health/ready  :9380/q/metrics
  otel-bridge      grpc :4317, http :4318            :9480/q/health/ready  :9480/q/metrics
${controller_line}  prometheus       http://127.0.0.1:$PROMETHEUS_PORT
  stand-ins        LLM :8480, EverMemOS :1995, Langfuse OTLP :8680, sandbox 'echo' :8780
  local services   nats://127.0.0.1:4222  postgresql://127.0.0.1:5432/agentic  redis://127.0.0.1:6379

  LLM:     ${llm_says%; }
           (a real one: export OPENAI_API_KEY=... before starting, or LLM_BASE_URL=...)
  traces:  $traces_say

Try it (in another terminal):

  scripts/agentctl request --tenant acme --agent support "Where is my order 1234?"
  scripts/agentctl request --tenant acme --agent support --session conv-1 --user u-1 --memory "My order number is 1234."
  scripts/agentctl request --tenant acme --agent support --session conv-1 --user u-1 --memory "What was my order number?"
  scripts/agentctl results --tenant acme          # follow every result of tenant acme
  curl -H 'X-Sandbox-ID: echo' http://127.0.0.1:8180/hello
  curl -N -H 'X-Sandbox-ID: echo' 'http://127.0.0.1:8180/sse?count=3'
  tail -f $LOG_DIR/traces.log
  curl -s 'http://127.0.0.1:$PROMETHEUS_PORT/api/v1/query?query=agent_executor_runs_total'
SUMMARY

# Stay up until Ctrl-C, or until one of the processes stops on its own.
if ! wait -n "${pids[@]}"; then
  echo "A process stopped unexpectedly; see $LOG_DIR/." >&2
  exit 1
fi
echo "A process stopped; see $LOG_DIR/." >&2
exit 1
