#!/usr/bin/env bash
# Runs the whole suite on this machine: makes sure NATS, PostgreSQL and Redis are up, builds the
# services, starts them on their own localhost ports, waits until each reports ready (the
# memory-gateway: live, as EverMemOS does not run locally), prints their URLs and keeps them running
# until Ctrl-C, which stops them all. The controller needs a Kubernetes API: it starts only when a
# kubeconfig is present ($KUBECONFIG or ~/.kube/config).
#
#   scripts/run-local.sh            build, start, wait for Ctrl-C
#   scripts/run-local.sh --no-build start what target/ already holds
#
# Logs go to .local/run/<service>.log (plain text, not the JSON of the prod profile).
set -euo pipefail
cd "$(dirname "$0")/.."

readonly LOG_DIR=.local/run
readonly READY_TIMEOUT_SECONDS=90

# service  http-port  management-port (- = health and metrics on the http port)  readiness path
services=(
  "controller     8580 9580 /q/health/ready"
  "sandbox-router 8180 9180 /q/health/ready"
  "agent-executor 8280 -    /ready"
  "memory-gateway 8380 9380 /q/health/live"
  "otel-bridge    4318 9480 /q/health/ready"
)
if [ -z "${KUBECONFIG:-}" ] && [ ! -f "$HOME/.kube/config" ]; then
  echo "No kubeconfig (\$KUBECONFIG or ~/.kube/config): the controller is not started."
  services=("${services[@]:1}")
fi
readonly SERVICES=("${services[@]}")

build=true
case "${1:-}" in
  --no-build) build=false ;;
  "") ;;
  *) echo "usage: $0 [--no-build]" >&2; exit 2 ;;
esac

scripts/local-services.sh

if [ "$build" = true ]; then
  echo "Building the services (./mvnw package -DskipTests)..."
  ./mvnw -B -q package -DskipTests
fi

mkdir -p "$LOG_DIR"
pids=()

# The local services of scripts/local-services.sh, and a stream the executor creates if missing.
readonly EXECUTOR_ENV=(
  NATS_URL=nats://127.0.0.1:4222 NATS_STREAM_NAME=AGENT_REQUESTS
  NATS_STREAM_SUBJECTS=agent.requests NATS_CONSUMER_GROUP=agent-executor
  POSTGRES_HOST=127.0.0.1 POSTGRES_PORT=5432 POSTGRES_DB=agentic
  POSTGRES_USER=agentic POSTGRES_PASSWORD=agentic
  DRAGONFLY_HOST=127.0.0.1 DRAGONFLY_PORT=6379
)
# LLM calls: the public APIs when OPENAI_API_KEY / ANTHROPIC_API_KEY are set, otherwise
# LLM_BASE_URL, by default an OpenAI-compatible server on Ollama's port.
executor_llm_env=()
for key in OPENAI_API_KEY ANTHROPIC_API_KEY LLM_BASE_URL; do
  [ -n "${!key:-}" ] && executor_llm_env+=("$key=${!key}")
done
if [ -z "${OPENAI_API_KEY:-}${ANTHROPIC_API_KEY:-}${LLM_BASE_URL:-}" ]; then
  executor_llm_env+=(LLM_BASE_URL=http://127.0.0.1:11434)
fi

stop_all() {
  trap - INT TERM EXIT
  if [ "${#pids[@]}" -gt 0 ]; then
    echo
    echo "Stopping the services..."
    kill -TERM "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
  fi
}
trap stop_all EXIT
trap 'exit 130' INT TERM

probe_url() { # http-port management-port path
  if [ "$2" = - ]; then echo "http://127.0.0.1:$1$3"; else echo "http://127.0.0.1:$2$3"; fi
}

for entry in "${SERVICES[@]}"; do
  read -r name http mgmt _ <<<"$entry"
  jar="$name/target/quarkus-app/quarkus-run.jar"
  [ -f "$jar" ] || { echo "$jar is missing; run without --no-build" >&2; exit 1; }
  extra_env=()
  [ "$mgmt" = - ] || extra_env=(QUARKUS_MANAGEMENT_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT="$mgmt")
  case "$name" in
    # Locally the router lets every caller reach Services in the default namespace.
    sandbox-router) extra_env+=(ROUTER_AUTH_MODE=none ROUTER_NAMESPACES_ALLOWED=default) ;;
    agent-executor)
      extra_env+=("${EXECUTOR_ENV[@]}" "${executor_llm_env[@]}")
      env "${EXECUTOR_ENV[@]}" java -jar "$jar" migrate >"$LOG_DIR/$name-migrate.log" 2>&1 \
        || { echo "agent-executor migrations failed; see $LOG_DIR/$name-migrate.log" >&2; exit 1; }
      ;;
    # Without Keycloak and EverMemOS locally: the tenant comes from X-Tenant-ID.
    memory-gateway)
      extra_env+=(MEMORY_AUTH_MODE=dev-header MEMORY_AUTH_ALLOW_DEV_MODE_IN_PROD=true
        MEMORY_EVERMEMOS_BASE_URL=http://127.0.0.1:1995) ;;
  esac
  env QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$http" "${extra_env[@]}" \
    QUARKUS_LOG_CONSOLE_JSON_ENABLED=false \
    QUARKUS_OTEL_SDK_DISABLED=true \
    java -jar "$jar" >"$LOG_DIR/$name.log" 2>&1 &
  pids+=("$!")
done

deadline=$((SECONDS + READY_TIMEOUT_SECONDS))
index=0
for entry in "${SERVICES[@]}"; do
  read -r name http mgmt ready <<<"$entry"
  url=$(probe_url "$http" "$mgmt" "$ready")
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    if ! kill -0 "${pids[$index]}" 2>/dev/null; then
      echo "$name exited before it was ready; the end of $LOG_DIR/$name.log:" >&2
      tail -n 20 "$LOG_DIR/$name.log" >&2
      exit 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "$name was not ready within ${READY_TIMEOUT_SECONDS}s ($url); see $LOG_DIR/$name.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  index=$((index + 1))
done

echo
echo "The suite is running (logs in $LOG_DIR/). Ctrl-C stops it."
printf '  %-15s %-28s %s\n' service url "health / metrics"
for entry in "${SERVICES[@]}"; do
  read -r name http mgmt ready <<<"$entry"
  metrics=$(probe_url "$http" "$mgmt" /q/metrics)
  printf '  %-15s %-28s %s  %s\n' "$name" "http://127.0.0.1:$http" \
    "$(probe_url "$http" "$mgmt" "$ready")" "$metrics"
done
echo "  local services: nats://127.0.0.1:4222  postgresql://127.0.0.1:5432/agentic  redis://127.0.0.1:6379"

# Stay up until Ctrl-C, or until one of the services stops on its own.
if ! wait -n "${pids[@]}"; then
  echo "A service stopped unexpectedly; see $LOG_DIR/." >&2
  exit 1
fi
echo "A service stopped; see $LOG_DIR/." >&2
exit 1
