#!/usr/bin/env bash
# Controller benchmark against a fabric8 mock API server in CRUD mode (its own JVM,
# ControllerBenchApiServer.java, built against the controller's test classpath) holding every CRD of
# kubernetes/crds. The packaged controller runs in the prod profile (leader election, server-side
# apply) against it. First BENCH_TENANTS (50) Tenants are onboarded at once, one namespace each
# (measured until every Tenant is Ready); then the example's Secrets go into each tenant namespace
# and BENCH_RESOURCES (500) AgentExecutors, the consumer example under as many names, are created
# at once, spread over those namespaces. Measures the time from the first AgentExecutor create
# until every one has its ServiceAccount, Deployment, Service and a status with observedGeneration,
# the controller's peak RSS over the whole run, its reconcile time (controller_reconcile_seconds)
# and its CPU time per AgentExecutor. Targets: within 30 s, RSS under 300 MiB. Ends with one line:
#   RESULT resources=500 tenants=50 seconds=... tenant_seconds=... rss_mib=... reconcile_ms_avg=...
#   cpu_ms_per_resource=...
# Then BENCH_AGENTRUNS (200) job AgentRuns are created at once over the same namespaces (targets:
# all Running, their Jobs made, within 10 s; after their Jobs are completed, all Succeeded within
# 10 s more). Last, BENCH_ROUTES (1000) sources annotated platform.agentic.io/expose (kagent Agents,
# AI and MCP agentgateway backends) are created at once (target: every one has its HTTPRoute within
# 15 s); the RESULT line ends with routes=... routes_seconds=....
# Options (environment): BENCH_RESOURCES (500), BENCH_TENANTS (50), BENCH_AGENTRUNS (200), BENCH_ROUTES (1000),
# BENCH_CONTROLLER_PORT (18970; management port +1), BENCH_JAVA_OPTS (controller JVM options; default
# the JVM as the chart's pod runs it: the image's MaxRAMPercentage=50 of the 384 Mi memory limit, and
# one processor for the 500m CPU limit, which also makes the JVM pick the serial collector), BENCH_LOG_DIR (keep the controller's and API server's logs there), NO_BUILD=1 to reuse the jar and classpath, MVN (the Maven command, default ./mvnw -B).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
resources=${BENCH_RESOURCES:-500}
tenants=${BENCH_TENANTS:-50}
agentruns=${BENCH_AGENTRUNS:-200}
routes=${BENCH_ROUTES:-1000}
http_port=${BENCH_CONTROLLER_PORT:-18970}
management_port=$((http_port + 1))
jar=controller/target/quarkus-app/quarkus-run.jar
mvn=${MVN:-./mvnw -B}
work=$(mktemp -d)
cp_file=bench/controller/target/test-classpath.txt
pids=()

# SIGTERM first; whatever is still running 10 s later gets SIGKILL. Returns 1 in that case.
stop() {
  local pid=$1
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  return 1
}
cleanup() {
  for pid in "${pids[@]}"; do stop "$pid" || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "${BENCH_LOG_DIR:-}" ]; then
    mkdir -p "$BENCH_LOG_DIR" && cp "$work"/*.log "$BENCH_LOG_DIR"/ 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

if [ "${NO_BUILD:-}" != 1 ] || [ ! -f "$jar" ] || [ ! -d controller/target/test-classes ]; then
  $mvn -q -pl controller package -DskipTests >&2
fi
if [ "${NO_BUILD:-}" != 1 ] || [ ! -s "$cp_file" ]; then
  mkdir -p "$(dirname "$cp_file")"
  $mvn -q -f controller/pom.xml dependency:build-classpath -Dmdep.outputFile="$PWD/$cp_file" \
    -Dmdep.includeScope=test >&2
fi

mkdir -p "$work/classes" "$work/state"
# The controller's test classes too: the benchmark installs the optional APIs' CRDs as the tests do.
cp="$(cat "$cp_file"):controller/target/test-classes"
javac -nowarn -d "$work/classes" -cp "$cp" "$here/ControllerBenchApiServer.java" 2>&1 \
  | grep -v '^Note:' >&2 || true

java -Xmx1g -cp "$work/classes:$cp" ControllerBenchApiServer "$resources" "$tenants" \
  kubernetes/crds kubernetes/examples "$work/state" "$agentruns" "$routes" \
  > "$work/api-server.log" 2>&1 &
api_pid=$!
pids+=("$api_pid")
for _ in $(seq 1 300); do
  [ -f "$work/state/url" ] && break
  kill -0 "$api_pid" 2>/dev/null || { cat "$work/api-server.log" >&2; exit 1; }
  sleep 0.1
done
[ -f "$work/state/url" ] || { cat "$work/api-server.log" >&2; exit 1; }
api_url=$(cat "$work/state/url")

# The packaged controller, prod profile (leader election on, JSON logs), pointed at the mock server
# the way PackagedApplicationIT points it (no kubeconfig, no service account, trust the self-signed
# certificate). The Lease lives in agentic-system.
QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL=$api_url \
  QUARKUS_KUBERNETES_CLIENT_TRUST_CERTS=true \
  QUARKUS_KUBERNETES_CLIENT_NAMESPACE=agentic-system \
  QUARKUS_HTTP_PORT=$http_port QUARKUS_MANAGEMENT_PORT=$management_port \
  QUARKUS_MANAGEMENT_HOST=127.0.0.1 \
  QUARKUS_OTEL_SDK_DISABLED=true \
  AGENT_RUNNER_IMAGE=ghcr.io/agentic-platform/agent-executor:bench \
  java ${BENCH_JAVA_OPTS:--XX:MaxRAM=384m -XX:MaxRAMPercentage=50 -XX:ActiveProcessorCount=1 -XX:+ExitOnOutOfMemoryError} -Dkubernetes.auth.tryKubeConfig=false -Dkubernetes.auth.tryServiceAccount=false \
  -jar "$jar" > "$work/controller.log" 2>&1 &
controller_pid=$!
pids+=("$controller_pid")
metrics_url=http://127.0.0.1:$management_port/q/metrics
for _ in $(seq 1 300); do
  curl -sf "http://127.0.0.1:$management_port/q/health/ready" >/dev/null && break
  kill -0 "$controller_pid" 2>/dev/null || { tail -50 "$work/controller.log" >&2; exit 1; }
  sleep 0.2
done
curl -sf "http://127.0.0.1:$management_port/q/health/ready" >/dev/null \
  || { tail -50 "$work/controller.log" >&2; exit 1; }
# Leader election: reconciling starts only once the Lease is held.
for _ in $(seq 1 150); do
  grep -q 'New leader with identity' "$work/controller.log" && break
  sleep 0.2
done
sleep 1

ticks=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$controller_pid/stat"; }
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$controller_pid/status"; }
threads() { awk '/^Threads:/ { print $2 }' "/proc/$controller_pid/status"; }
# "<committed MiB> <used MiB>" of the Java heap.
heap_mib() {
  jcmd "$controller_pid" GC.heap_info 2>/dev/null | awk '
    / total [0-9]+K, used [0-9]+K/ {
      for (i = 1; i <= NF; i++) { if ($i == "total") t = $(i + 1); if ($i == "used") u = $(i + 1) }
      gsub(/[K,]/, "", t); gsub(/[K,]/, "", u); printf "%d %d\n", t / 1024, u / 1024; exit }'
}
# Sum and count of controller_reconcile_seconds over every outcome.
reconcile_totals() {
  curl -sf "$metrics_url" | awk '
    /^controller_reconcile_seconds_sum/ { sum += $NF }
    /^controller_reconcile_seconds_count/ { count += $NF }
    END { printf "%.6f %d\n", sum, count }'
}

rss_idle=$(rss_kib)
rss_peak=$rss_idle
threads_peak=$(threads)
cpu_before=$(cpu_ticks)
read -r sum_before count_before < <(reconcile_totals)

echo "onboarding $tenants Tenants, then creating $resources AgentExecutors in their namespaces" >&2
touch "$work/state/go"
# The AgentExecutor figures (and their targets) end when every AgentExecutor is complete
# (state/ae-done); the AgentRuns that follow are measured on their own.
ae_taken=
take_ae_figures() {
  cpu_after=$(cpu_ticks)
  rss_now=$(rss_kib)
  [ "$rss_now" -gt "$rss_peak" ] && rss_peak=$rss_now
  rss_ae_peak=$rss_peak
  read -r sum_after count_after < <(reconcile_totals)
  ae_taken=1
}
while [ ! -f "$work/state/done" ]; do
  kill -0 "$controller_pid" 2>/dev/null || { tail -50 "$work/controller.log" >&2; exit 1; }
  kill -0 "$api_pid" 2>/dev/null || { tail -50 "$work/api-server.log" >&2; exit 1; }
  rss=$(rss_kib)
  [ "$rss" -gt "$rss_peak" ] && rss_peak=$rss
  t=$(threads)
  [ "$t" -gt "$threads_peak" ] && threads_peak=$t
  [ -z "$ae_taken" ] && [ -f "$work/state/ae-done" ] && take_ae_figures
  sleep 0.1
done
[ -z "$ae_taken" ] && take_ae_figures
rss_done=$(rss_kib)
[ "$rss_done" -gt "$rss_peak" ] && rss_peak=$rss_done
read -r heap_committed heap_used < <(heap_mib || true) || true
grep '^bench:' "$work/api-server.log" >&2 || true
runs_running=0 runs_succeeded=0 to_running_s=0 to_succeeded_s=0 routes_made=0 routes_seconds=0
# shellcheck disable=SC1090
eval "$(tr ' ' '\n' < "$work/state/done" | grep -E '^[a-z_]+=[0-9.]+$')"

# Settle: after the burst, what does the controller do and hold while idle?
sleep 5
rss_settled=$(rss_kib)
# The peak covers the settling too: memory the JVM takes after the burst counts against the limit.
[ "$rss_settled" -gt "$rss_peak" ] && rss_peak=$rss_settled
read -r _ count_settled < <(reconcile_totals)
# Stopping: a controller that holds the Lease should exit promptly on SIGTERM.
if stop "$controller_pid"; then sigterm_exit=yes; else sigterm_exit="NO (SIGKILL after 10 s)"; fi

errors=$(grep -c '"level":"ERROR"' "$work/controller.log" || true)
warnings=$(grep -c '"level":"WARN"' "$work/controller.log" || true)

reconciles=$((count_after - count_before))
calc() { awk "BEGIN { printf \"%.${1}f\", $2 }"; }
reconcile_ms_avg=$(calc 2 "($reconciles > 0 ? ($sum_after - $sum_before) * 1000 / $reconciles : 0)")
cpu_seconds=$(calc 2 "($cpu_after - $cpu_before) / $ticks")
cpu_ms_per_resource=$(calc 1 "($cpu_after - $cpu_before) * 1000 / $ticks / $resources")
rss_mib=$((rss_ae_peak / 1024))
rss_all_mib=$((rss_peak / 1024))
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v + 0 <= t + 0 ? "yes" : "NO") }'; }

printf '\n%-34s %12s %8s %s\n' measure value target met
printf '%-34s %12s %8s %s\n' "AgentExecutors complete" "$complete/$resources" "$resources" \
  "$([ "$complete" -eq "$resources" ] && echo yes || echo NO)"
printf '%-34s %12s %8s %s\n' "seconds, first create -> all done" "$seconds" 30 "$(verdict "$seconds" 30)"
printf '%-34s %12s %8s %s\n' "Tenants ready" "$tenants_ready/$tenants" "$tenants" \
  "$([ "$tenants_ready" -eq "$tenants" ] && echo yes || echo NO)"
printf '%-34s %12s\n' "seconds, Tenants created -> Ready" "$tenant_seconds"
printf '%-34s %12s %8s %s\n' "AgentRuns running (Jobs made)" "$runs_running/$agentruns" "$agentruns" \
  "$([ "${runs_running:-0}" -eq "$agentruns" ] && echo yes || echo NO)"
printf '%-34s %12s %8s %s\n' "seconds, AgentRuns created -> Running" "${to_running_s:-?}" 10 "$(verdict "${to_running_s:-999}" 10)"
printf '%-34s %12s %8s %s\n' "AgentRuns succeeded" "$runs_succeeded/$agentruns" "$agentruns" \
  "$([ "${runs_succeeded:-0}" -eq "$agentruns" ] && echo yes || echo NO)"
printf '%-34s %12s %8s %s\n' "seconds, Jobs completed -> Succeeded" "${to_succeeded_s:-?}" 10 "$(verdict "${to_succeeded_s:-999}" 10)"
printf '%-34s %12s %8s %s\n' "annotated sources with a route" "$routes_made/$routes" "$routes" \
  "$([ "${routes_made:-0}" -eq "$routes" ] && echo yes || echo NO)"
printf '%-34s %12s %8s %s\n' "seconds, sources created -> routes" "${routes_seconds:-?}" 15 "$(verdict "${routes_seconds:-999}" 15)"
printf '%-34s %12s\n' "seconds to send the creates" "$create_seconds"
printf '%-34s %12s\n' "seconds after the last create" "$(calc 2 "$seconds - $create_seconds")"
printf '%-34s %12s %8s %s\n' "controller peak RSS, MiB" "$rss_mib" 300 "$(verdict "$rss_mib" 300)"
printf '%-34s %12s\n' "peak RSS with AgentRuns and idle, MiB" "$rss_all_mib"
printf '%-34s %12s\n' "RSS idle before / 5 s after, MiB" "$((rss_idle / 1024)) / $((rss_settled / 1024))"
printf '%-34s %12s\n' "heap committed / used at end, MiB" "${heap_committed:-?} / ${heap_used:-?}"
printf '%-34s %12s\n' "controller threads, peak" "$threads_peak"
printf '%-34s %12s\n' "reconciliations" "$reconciles"
printf '%-34s %12s\n' "reconciliations per resource" "$(calc 2 "$reconciles / $resources")"
printf '%-34s %12s\n' "reconciliations in 5 s after" "$((count_settled - count_after))"
printf '%-34s %12s\n' "reconcile time avg, ms" "$reconcile_ms_avg"
printf '%-34s %12s\n' "controller CPU during the run, s" "$cpu_seconds"
printf '%-34s %12s\n' "controller CPU per resource, ms" "$cpu_ms_per_resource"
printf '%-34s %12s\n' "controller log ERROR / WARN lines" "$errors / $warnings"
printf '%-34s %12s\n' "controller exits on SIGTERM" "$sigterm_exit"
echo "RESULT resources=$resources tenants=$tenants seconds=$seconds tenant_seconds=$tenant_seconds" \
  "rss_mib=$rss_mib reconcile_ms_avg=$reconcile_ms_avg cpu_ms_per_resource=$cpu_ms_per_resource" \
  "agentruns=$agentruns to_running_s=${to_running_s:-?} to_succeeded_s=${to_succeeded_s:-?}" \
  "rss_all_mib=$rss_all_mib routes=$routes routes_seconds=${routes_seconds:-?}"
