#!/usr/bin/env bash
# sandbox-router benchmark. A small Vert.x server plays the sandbox; wrk (64 keep-alive connections)
# measures it four ways in the same run: directly, through nginx configured as an equivalent
# reverse proxy, through a plain Vert.x proxy that does nothing but forward (the floor for a JVM
# proxy on this machine), and through the router. Then 100 concurrent 100 MiB uploads stream
# through the router while its RSS is sampled. Ends with one line:
#   RESULT rps_router=... rps_nginx=... rps_direct=... ratio_nginx=... p99_ratio_nginx=... ...
# Options (environment): BENCH_SECONDS (10 per wrk run), BENCH_ROUNDS (4 rounds over the four
# targets), BENCH_UPLOADS (100), BENCH_UPLOAD_MIB (100),
# NO_BUILD=1 to reuse the jar, MVN (the Maven command, default ./mvnw -B).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
seconds=${BENCH_SECONDS:-10}
rounds=${BENCH_ROUNDS:-4}
uploads=${BENCH_UPLOADS:-100}
upload_mib=${BENCH_UPLOAD_MIB:-100}
backend_port=${BENCH_BACKEND_PORT:-18901}
nginx_proxy_port=${BENCH_NGINX_PORT:-18902}
router_port=${BENCH_ROUTER_PORT:-18903}
router_management_port=$((router_port + 1))
plain_port=${BENCH_PLAIN_PORT:-18905}
# Logs go to memory when it can. Both proxies' access lines go to a pipe drained by another
# process, as a pod's standard output is drained by the container runtime, and both write them in
# batches at most 5 ms old (nginx: buffer=64k flush=5ms; the router always does). Written to a
# file, the router's lines (several GB over a run) slowed its later rounds as the file grew; nginx
# writing each line to the pipe on its own woke the reader per request and lost a sixth of its rate.
work=$(mktemp -d -p /dev/shm 2>/dev/null || mktemp -d)
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  for conf in "$work"/nginx-*.conf; do
    [ -f "$conf" ] && "$nginx_bin" -c "$conf" -p "$work" -s quit 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

# shellcheck source=scripts/packages.sh
. "$root/scripts/packages.sh"
require_binary wrk wrk >/dev/null
require_binary curl curl >/dev/null
nginx_bin=$(require_binary nginx nginx)

if [ "${NO_BUILD:-}" != 1 ]; then
  ${MVN:-./mvnw -B} -q -pl sandbox-router package -DskipTests >&2
fi

mkdir -p "$work/logs"

# The sandbox: a small Vert.x server (SandboxBackend.java) built against the router's own libraries.
cp=$(ls sandbox-router/target/quarkus-app/lib/main/*.jar | tr '\n' ':')
javac -d "$work/classes" -cp "$cp" "$here/SandboxBackend.java"
java -cp "$work/classes:$cp" SandboxBackend "$backend_port" "$work/backend.ready" \
  > "$work/logs/backend.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do [ -f "$work/backend.ready" ] && break; sleep 0.1; done
[ -f "$work/backend.ready" ] || { cat "$work/logs/backend.log" >&2; exit 1; }

# The floor: the same forwarding in plain Vert.x, without checks, metrics or the access log.
javac -d "$work/classes" -cp "$cp" "$here/PlainVertxProxy.java"
java ${BENCH_JAVA_OPTS:--Xmx256m} -cp "$work/classes:$cp" PlainVertxProxy "$plain_port" "$backend_port" \
  "$work/plain.ready" > "$work/logs/plain.log" 2>&1 &
plain_pid=$!
pids+=("$plain_pid")
for _ in $(seq 1 100); do [ -f "$work/plain.ready" ] && break; sleep 0.1; done
[ -f "$work/plain.ready" ] || { cat "$work/logs/plain.log" >&2; exit 1; }

# The baseline proxy: what the router does, written as nginx configuration (keep-alive upstream,
# streamed bodies both ways, an access log line per request like the router's).
cat > "$work/nginx-proxy.conf" <<EOF
worker_processes auto;
pid $work/proxy.pid;
error_log $work/logs/proxy-error.log warn;
events { worker_connections 4096; }
http {
  access_log $work/nginx-access.pipe combined buffer=64k flush=5ms;
  upstream sandbox { server 127.0.0.1:$backend_port; keepalive 64; }
  server {
    listen 127.0.0.1:$nginx_proxy_port;
    keepalive_requests 1000000;
    client_max_body_size 0;
    location / {
      proxy_pass http://sandbox;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$http_x_sandbox_id.\$http_x_sandbox_namespace.svc.cluster.local;
      proxy_set_header X-Sandbox-ID "";
      proxy_set_header X-Sandbox-Namespace "";
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_request_buffering off;
      proxy_buffering off;
    }
  }
}
EOF
mkfifo "$work/nginx-access.pipe"
cat "$work/nginx-access.pipe" > /dev/null &
pids+=($!)
"$nginx_bin" -c "$work/nginx-proxy.conf" -p "$work"

# The router, with the benchmark sandbox's Service name resolved to the backend through a hosts file.
printf '127.0.0.1 localhost\n127.0.0.1 echo.bench.svc.cluster.local\n' > "$work/hosts"
# Its first 64 KiB of output (start-up and any failure to start) are kept, the rest let go.
mkfifo "$work/router.pipe"
{ head -c 65536 > "$work/logs/router.log"; cat > /dev/null; } < "$work/router.pipe" &
pids+=($!)
# The uploads outnumber the router's 64 connections to the backend on purpose: the rest wait for a
# free one, longer than a caller would be let wait in production (ROUTER_UPSTREAM_POOL_WAIT_TIMEOUT),
# so that every upload streams through and the memory of the whole run is measured.
ROUTER_AUTH_MODE=none ROUTER_NAMESPACES_ALLOWED=bench ROUTER_SANDBOXES_VERIFY=off \
  ROUTER_ALLOWED_PORTS=$backend_port ROUTER_DEFAULT_PORT=$backend_port \
  ROUTER_UPSTREAM_POOL_WAIT_TIMEOUT=10m \
  QUARKUS_HTTP_PORT=$router_port QUARKUS_MANAGEMENT_PORT=$router_management_port \
  QUARKUS_VERTX_RESOLVER_HOSTS_PATH="$work/hosts" QUARKUS_OTEL_SDK_DISABLED=true \
  QUARKUS_SHUTDOWN_DELAY_ENABLED=false QUARKUS_SHUTDOWN_TIMEOUT=0s \
  java ${BENCH_JAVA_OPTS:--Xmx256m} -jar sandbox-router/target/quarkus-app/quarkus-run.jar \
  > "$work/router.pipe" 2>&1 &
router_pid=$!
pids+=("$router_pid")
for _ in $(seq 1 150); do
  curl -sf "http://127.0.0.1:$router_management_port/q/health/ready" >/dev/null && break
  kill -0 "$router_pid" 2>/dev/null || { cat "$work/logs/router.log" >&2; exit 1; }
  sleep 0.2
done

headers=(-H "X-Sandbox-ID: echo" -H "X-Sandbox-Namespace: bench")
# Prints "<requests/s> <p50 ms> <p99 ms>" for one wrk run.
measure() {
  local url=$1 out
  out=$(wrk -t2 -c64 -d"${seconds}s" --latency "${headers[@]}" "$url")
  echo "$out" >&2
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec:/ { rps = $2 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    END { printf "%.0f %.3f %.3f\n", rps, p50, p99 }' <<< "$out"
}

# Warm the JIT and the connection pools before measuring. The compilers can need far longer than
# one run on a slow machine, and a rate that looks steady can still climb once they are done, so each
# JVM proxy is warmed in 5 s runs (at least three) until its compiler threads were all but idle
# (under 50 ms of CPU) through a whole run.
warm_rate() { wrk -t2 -c64 -d5s "${headers[@]}" "$1" | awk '/Requests\/sec:/ { printf "%.0f", $2 }'; }
# CPU time, in clock ticks, the JIT compiler threads of a JVM have used so far.
compiler_ticks() {
  for task in /proc/"$1"/task/*; do
    case "$(cat "$task/comm" 2>/dev/null)" in
      # utime and stime, counted from the field after the parenthesised thread name.
      C1\ CompilerThre* | C2\ CompilerThre*) sed 's/^.*) //' "$task/stat" | awk '{ print $12 + $13 }' ;;
    esac
  done | awk '{ t += $1 } END { print t + 0 }'
}
warm() {
  local name=$1 pid=$2 url=$3 before rate busy_ms
  for round in $(seq 1 24); do
    before=$(compiler_ticks "$pid")
    rate=$(warm_rate "$url")
    busy_ms=$((($(compiler_ticks "$pid") - before) * 1000 / $(getconf CLK_TCK)))
    echo "$name warm-up $round: $rate req/s, compilers busy $busy_ms ms" >&2
    # A compiler thread that ended takes its time with it: a negative figure proves nothing.
    [ "$round" -ge 3 ] && [ "$busy_ms" -ge 0 ] && [ "$busy_ms" -lt 50 ] && break
  done
}
warm router "$router_pid" "http://127.0.0.1:$router_port/"
warm plain-vertx "$plain_pid" "http://127.0.0.1:$plain_port/"
wrk -t2 -c64 -d2s "${headers[@]}" "http://127.0.0.1:$nginx_proxy_port/" >/dev/null

# The machine's speed drifts under sustained load (on shared hosts by 20 % within minutes, which
# favours whatever is measured first), so the targets are measured in rounds, each round in the
# opposite order of the one before. Every figure is the median over the rounds; every ratio is the
# median of the ratios within a round, whose targets ran minutes apart at most.
declare -A urls=(
  [direct]="http://127.0.0.1:$backend_port/"
  [nginx]="http://127.0.0.1:$nginx_proxy_port/"
  [plain]="http://127.0.0.1:$plain_port/"
  [router]="http://127.0.0.1:$router_port/"
)
order=(direct nginx plain router)
for round in $(seq 1 "$rounds"); do
  for target in "${order[@]}"; do
    read -r rps p50 p99 < <(measure "${urls[$target]}")
    echo "round $round $target: $rps req/s, p50 $p50 ms, p99 $p99 ms" >&2
    echo "$round $target $rps $p50 $p99" >> "$work/rounds"
  done
  order=("${order[3]}" "${order[2]}" "${order[1]}" "${order[0]}")
done
# Median of the numbers on standard input, printed with the given format.
median() { sort -g | awk -v f="$1" '{ v[NR] = $1 } END { printf f "\n", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# Median over the rounds of one target's column (3 req/s, 4 p50, 5 p99).
figure() { awk -v t="$1" -v c="$2" '$2 == t { print $c }' "$work/rounds" | median "$3"; }
# Median over the rounds of target a's column divided by target b's in the same round.
ratio() {
  awk -v a="$1" -v b="$2" -v c="$3" '$2 == a { x[$1] = $c } $2 == b { y[$1] = $c }
    END { for (r in x) if (y[r] > 0) print x[r] / y[r] }' "$work/rounds" | median "%.2f"
}
for target in direct nginx plain router; do
  printf -v "rps_$target" '%s' "$(figure "$target" 3 %.0f)"
  printf -v "p50_$target" '%s' "$(figure "$target" 4 %.3f)"
  printf -v "p99_$target" '%s' "$(figure "$target" 5 %.3f)"
done

rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$router_pid/status"; }
rss_before=$(rss_kib)
rss_peak=$rss_before
echo "streaming $uploads concurrent uploads of $upload_mib MiB through the router" >&2
upload_pids=()
for i in $(seq 1 "$uploads"); do
  head -c "$((upload_mib * 1024 * 1024))" /dev/zero \
    | curl -s -o /dev/null -w '%{http_code}\n' -T - -H "Transfer-Encoding: chunked" "${headers[@]}" \
      "http://127.0.0.1:$router_port/upload" > "$work/upload-$i.status" &
  upload_pids+=($!)
done
started=$(date +%s)
while :; do
  running=0
  for pid in "${upload_pids[@]}"; do kill -0 "$pid" 2>/dev/null && running=$((running + 1)); done
  rss=$(rss_kib)
  [ "$rss" -gt "$rss_peak" ] && rss_peak=$rss
  [ "$running" -eq 0 ] && break
  sleep 0.5
done
upload_seconds=$(($(date +%s) - started))
uploads_ok=$(cat "$work"/upload-*.status | grep -c '^204$' || true)

printf '\n%-8s %10s %10s %10s\n' target req/s p50_ms p99_ms
printf '%-8s %10s %10s %10s\n' direct "$rps_direct" "$p50_direct" "$p99_direct"
printf '%-8s %10s %10s %10s\n' nginx "$rps_nginx" "$p50_nginx" "$p99_nginx"
printf '%-8s %10s %10s %10s\n' vertx "$rps_plain" "$p50_plain" "$p99_plain"
printf '%-8s %10s %10s %10s\n' router "$rps_router" "$p50_router" "$p99_router"
printf 'uploads: %s of %s returned 204 in %ss; router RSS %s MiB before, %s MiB peak\n' \
  "$uploads_ok" "$uploads" "$upload_seconds" "$((rss_before / 1024))" "$((rss_peak / 1024))"
printf 'plain Vert.x proxy / nginx: %s; router / plain Vert.x proxy: %s\n' \
  "$(ratio plain nginx 3)" "$(ratio router plain 3)"
echo "RESULT rps_router=$rps_router rps_nginx=$rps_nginx rps_direct=$rps_direct" \
  "ratio_nginx=$(ratio router nginx 3) ratio_direct=$(ratio router direct 3)" \
  "rps_plain_vertx=$rps_plain ratio_plain_vertx_nginx=$(ratio plain nginx 3)" \
  "ratio_router_plain_vertx=$(ratio router plain 3)" \
  "p99_ratio_nginx=$(ratio router nginx 5) p99_router_ms=$p99_router p99_nginx_ms=$p99_nginx" \
  "uploads_ok=$uploads_ok/$uploads rss_before_mib=$((rss_before / 1024)) rss_peak_mib=$((rss_peak / 1024))"
