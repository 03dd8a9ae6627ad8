#!/usr/bin/env bash
# End-to-end check on a local kind cluster (needs Docker, kind, kubectl and helm; it cannot run on
# machines without a Docker engine). Creates the cluster, installs NATS with JetStream and a user
# with a password, optionally KEDA, PostgreSQL and Redis (as "dragonfly"), builds and loads the
# images, installs the chart (NetworkPolicies on), onboards the Tenant "e2e" owning the executor's
# namespace, applies the example AgentExecutor there with the NATS user's credentials in a Secret
# (natsCredentialsSecret) and publishes one request of tenant e2e, then waits for its result; then
# runs one job AgentRun and one two-step workflow AgentRun in the same namespace and waits for both
# to succeed; last, installs the Gateway API, kagent and agentgateway CRDs and waits for the routes
# of the annotated example sources.
#
# Environment:
#   CLUSTER_NAME   kind cluster (default agentic)
#   NAMESPACE      release namespace (default agentic-platform)
#   INSTALL_KEDA   1 to install KEDA and exercise the ScaledObject (default 0)
#   BUILD_IMAGES   0 to skip the Maven and Docker builds (default 1)
#   OPENAI_API_KEY key for the executor's default agent profile (required), or
#   LLM_BASE_URL   an OpenAI-compatible endpoint reachable from the cluster instead
#   TIMEOUT        seconds to wait for the result (default 180)
set -euo pipefail
cd "$(dirname "$0")/.."   # the repository root: every path below is relative to it

CLUSTER_NAME=${CLUSTER_NAME:-agentic}
NAMESPACE=${NAMESPACE:-agentic-platform}
INSTALL_KEDA=${INSTALL_KEDA:-0}
BUILD_IMAGES=${BUILD_IMAGES:-1}
TIMEOUT=${TIMEOUT:-180}
VERSION=$(sed -n 's/^appVersion: "\(.*\)"/\1/p' helm/agentic-platform/Chart.yaml)
TENANT_NS=my-namespace   # the namespace of kubernetes/examples/agentexecutor.yaml
TENANT=e2e               # owns TENANT_NS; its executors take the requests of tenant e2e only
NATS_USER=my-service
NATS_PASSWORD=e2e-nats-password

for tool in docker kind kubectl helm; do
  command -v "$tool" >/dev/null || { echo "kind-e2e: $tool is required" >&2; exit 1; }
done
if [ -z "${OPENAI_API_KEY:-}" ] && [ -z "${LLM_BASE_URL:-}" ]; then
  echo "kind-e2e: set OPENAI_API_KEY (or LLM_BASE_URL) for the agent's LLM calls" >&2
  exit 1
fi

kind get clusters | grep -qx "$CLUSTER_NAME" || kind create cluster --name "$CLUSTER_NAME" --wait 120s
kubectl config use-context "kind-$CLUSTER_NAME"

echo "--- NATS with JetStream; clients must log in"
helm repo add nats https://nats-io.github.io/k8s/helm/charts >/dev/null
helm upgrade --install nats nats/nats --namespace nats --create-namespace \
  --set config.jetstream.enabled=true \
  --set "config.merge.authorization.users[0].user=$NATS_USER" \
  --set "config.merge.authorization.users[0].password=$NATS_PASSWORD" \
  --wait --timeout 5m

if [ "$INSTALL_KEDA" = 1 ]; then
  echo "--- KEDA"
  helm repo add kedacore https://kedacore.github.io/charts >/dev/null
  helm upgrade --install keda kedacore/keda --namespace keda --create-namespace --wait --timeout 5m
fi

echo "--- PostgreSQL and Redis (reached as dragonfly.databases.svc, like the example Secrets)"
kubectl create namespace databases --dry-run=client -o yaml | kubectl apply -f -
kubectl -n databases apply -f - <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata: {name: postgres}
spec:
  selector: {matchLabels: {app: postgres}}
  template:
    metadata: {labels: {app: postgres}}
    spec:
      containers:
        - name: postgres
          image: docker.io/library/postgres:16-alpine
          env:
            - {name: POSTGRES_DB, value: my_service}
            - {name: POSTGRES_USER, value: my_service}
            - {name: POSTGRES_PASSWORD, value: e2e-password}
          ports: [{containerPort: 5432}]
---
apiVersion: v1
kind: Service
metadata: {name: postgres}
spec: {selector: {app: postgres}, ports: [{port: 5432}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: redis}
spec:
  selector: {matchLabels: {app: redis}}
  template:
    metadata: {labels: {app: redis}}
    spec:
      containers:
        - name: redis
          image: docker.io/library/redis:7-alpine
          args: ["--requirepass", "e2e-password"]
          ports: [{containerPort: 6379}]
---
apiVersion: v1
kind: Service
metadata: {name: dragonfly}
spec: {selector: {app: redis}, ports: [{port: 6379}]}
YAML
kubectl -n databases rollout status deployment/postgres deployment/redis --timeout=180s

if [ "$BUILD_IMAGES" = 1 ]; then
  echo "--- images"
  ./mvnw -B -q package -DskipTests
  for service in controller sandbox-router memory-gateway otel-bridge agent-executor; do
    docker build -q -f "$service/src/main/docker/Dockerfile.jvm" \
      -t "ghcr.io/agentic-platform/$service:$VERSION" "$service"
    kind load docker-image --name "$CLUSTER_NAME" "ghcr.io/agentic-platform/$service:$VERSION"
  done
fi

echo "--- chart"
kubectl create namespace "$NAMESPACE" --dry-run=client -o yaml | kubectl apply -f -
# Created before the chart, which puts the controller's Role in it; the Tenant adopts it below.
kubectl create namespace "$TENANT_NS" --dry-run=client -o yaml | kubectl apply -f -
kubectl -n "$NAMESPACE" create secret generic agentic-platform-sandbox-router-auth \
  --from-literal=token="$(openssl rand -hex 32)" --dry-run=client -o yaml | kubectl apply -f -
# kind has no agent-sandbox CRDs and no EverMemOS: the router does not verify targets and the
# memory gateway is left out. The NetworkPolicies' API-server address is looked up in the cluster.
# Tenant pods may reach NATS and, on this throwaway cluster, the databases and the LLM (OpenAI, or
# LLM_BASE_URL at an address outside the cluster); there is no LLM gateway here.
helm upgrade --install agentic-platform helm/agentic-platform --namespace "$NAMESPACE" \
  --set "controller.namespaces={$TENANT_NS}" \
  --set sandboxRouter.sandboxes.verify=off \
  --set memoryGateway.enabled=false \
  --values - --wait --timeout 5m <<'YAML'
controller:
  tenantNetwork:
    egress:
      - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: nats}}}]
        ports: [{port: 4222, protocol: TCP}]
      - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: databases}}}]
        ports: [{port: 5432, protocol: TCP}, {port: 6379, protocol: TCP}]
      - to: [{ipBlock: {cidr: 0.0.0.0/0}}]
YAML

echo "--- the tenant owning $TENANT_NS"
kubectl apply -f - <<YAML
apiVersion: platform.bizmatters.io/v1alpha1
kind: Tenant
metadata:
  name: $TENANT
spec:
  namespaces:
    - $TENANT_NS
YAML
kubectl wait --for=condition=Ready "tenant/$TENANT" --timeout=120s

echo "--- the example AgentExecutor, its Secrets and its stream"
kubectl -n "$TENANT_NS" create secret generic my-postgres-secret \
  --from-literal=POSTGRES_HOST=postgres.databases.svc --from-literal=POSTGRES_PORT=5432 \
  --from-literal=POSTGRES_DB=my_service --from-literal=POSTGRES_USER=my_service \
  --from-literal=POSTGRES_PASSWORD=e2e-password --dry-run=client -o yaml | kubectl apply -f -
kubectl -n "$TENANT_NS" create secret generic my-dragonfly-secret \
  --from-literal=DRAGONFLY_HOST=dragonfly.databases.svc --from-literal=DRAGONFLY_PORT=6379 \
  --from-literal=DRAGONFLY_PASSWORD=e2e-password --dry-run=client -o yaml | kubectl apply -f -
kubectl -n "$TENANT_NS" create secret generic my-llm-keys \
  --from-literal=OPENAI_API_KEY="${OPENAI_API_KEY:-unused}" --dry-run=client -o yaml | kubectl apply -f -
kubectl -n "$TENANT_NS" create secret generic my-service-nats --type=kubernetes.io/basic-auth \
  --from-literal=username="$NATS_USER" --from-literal=password="$NATS_PASSWORD" \
  --dry-run=client -o yaml | kubectl apply -f -
# The nats CLI logs in with NATS_USER and NATS_PASSWORD (plain values are fine on a throwaway cluster).
kubectl set env --local -f kubernetes/examples/nats-stream-setup.yaml \
  NATS_USER="$NATS_USER" NATS_PASSWORD="$NATS_PASSWORD" -o yaml | kubectl apply -f -
kubectl -n "$TENANT_NS" wait --for=condition=complete job/my-service-stream-setup --timeout=120s
# The example's image is a placeholder: run the locally built worker instead; it logs in to NATS with
# the Secret above, mounted by the controller.
sed "s|image: ghcr.io/myorg/my-service:v1.0.0|image: ghcr.io/agentic-platform/agent-executor:$VERSION|" \
  kubernetes/examples/agentexecutor.yaml \
  | awk '{print} /^  natsConsumerGroup:/ {print "  natsCredentialsSecret: my-service-nats"}' \
  | kubectl apply -f -
if [ -n "${LLM_BASE_URL:-}" ]; then
  kubectl -n "$TENANT_NS" patch ae my-service --type merge \
    -p "{\"spec\":{\"env\":[{\"name\":\"LLM_BASE_URL\",\"value\":\"$LLM_BASE_URL\"}]}}"
fi
kubectl -n "$TENANT_NS" wait --for=condition=Ready ae/my-service --timeout=300s

echo "--- one request"
RUN_ID="e2e-$(date +%s)"
kubectl -n "$TENANT_NS" run "e2e-$RUN_ID" --rm -i --restart=Never --image=docker.io/natsio/nats-box:0.14.5 \
  --env NATS_URL=nats://nats.nats.svc:4222 --env NATS_USER="$NATS_USER" \
  --env NATS_PASSWORD="$NATS_PASSWORD" -- sh -ec "
    nats sub agent.results.$TENANT --count 1 --raw > /tmp/result &
    sleep 2
    nats pub agent.requests.$TENANT '{\"version\":1,\"runId\":\"$RUN_ID\",\"tenant\":\"$TENANT\",\"agent\":\"default\",\"replyTo\":\"agent.results.$TENANT\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}]}'
    timeout $TIMEOUT sh -c 'while [ ! -s /tmp/result ]; do sleep 1; done'
    cat /tmp/result
    grep -q '\"runId\":\"$RUN_ID\"' /tmp/result"
echo "kind-e2e: result received for $RUN_ID"

echo "--- one job AgentRun and one two-step workflow"
# The runner image is the release's agent-executor (the chart's runner.image); the LLM keys are the
# Secret above. With LLM_BASE_URL the runner is pointed at it like the executor.
runner_env=""
if [ -n "${LLM_BASE_URL:-}" ]; then
  runner_env="    env: [{name: LLM_BASE_URL, value: \"$LLM_BASE_URL\"}]"
fi
kubectl apply -f - <<YAML
apiVersion: platform.bizmatters.io/v1alpha1
kind: AgentRun
metadata:
  name: e2e-job
  namespace: $TENANT_NS
spec:
  runtime: {type: job}
  agent: default
  llmKeysSecret: my-llm-keys
  input:
    messages: [{role: user, content: "Say hello."}]
  workload:
    size: small
$runner_env
---
apiVersion: platform.bizmatters.io/v1alpha1
kind: AgentRun
metadata:
  name: e2e-workflow
  namespace: $TENANT_NS
spec:
  runtime: {type: workflow}
  agent: default
  llmKeysSecret: my-llm-keys
  workload:
    size: small
$runner_env
  workflow:
    steps:
      - name: first
        input:
          messages: [{role: user, content: "Name one colour."}]
        retries: 1
        retryBackoffSeconds: 5
      - name: second
        input:
          messages: [{role: user, content: "Write a sentence about {{steps.first.output}}."}]
YAML
for run in e2e-job e2e-workflow; do
  kubectl -n "$TENANT_NS" wait --for=jsonpath='{.status.phase}'=Succeeded "ar/$run" --timeout="${TIMEOUT}s" \
    || { kubectl -n "$TENANT_NS" get ar "$run" -o yaml; exit 1; }
  echo "kind-e2e: AgentRun $run: $(kubectl -n "$TENANT_NS" get ar "$run" -o jsonpath='{.status.result.output}')"
done

echo "--- routes generated from expose annotations"
# The Gateway API's, kagent's and agentgateway's CRDs only (no gateway or kagent controller runs
# here): the controller starts watching each kind as its CRD appears and generates the routes of
# kubernetes/examples/exposed-sources.yaml.
kubectl apply --server-side \
  -f https://github.com/kubernetes-sigs/gateway-api/releases/download/v1.4.0/standard-install.yaml
helm upgrade --install kagent-crds oci://ghcr.io/kagent-dev/kagent/helm/kagent-crds \
  --version 0.7.13 --namespace kagent --create-namespace --wait
helm upgrade --install agentgateway-crds oci://cr.agentgateway.dev/charts/agentgateway-crds \
  --version v1.0.0 --namespace agentgateway-system --create-namespace --wait
kubectl create namespace team-a --dry-run=client -o yaml | kubectl apply -f -
kubectl apply -f kubernetes/examples/exposed-sources.yaml
for route in team-a/agent-billing-assistant agentgateway-system/agentgatewaybackend-anthropic \
  team-a/agentgatewaybackend-team-tools; do
  ns=${route%%/*} name=${route#*/}
  for _ in $(seq 1 60); do
    kubectl -n "$ns" get httproute "$name" >/dev/null 2>&1 && break
    sleep 2
  done
  path=$(kubectl -n "$ns" get httproute "$name" -o jsonpath='{.spec.rules[0].matches[0].path.value}') \
    || { kubectl -n "$ns" get events --field-selector reason!=Scheduled | tail -20; exit 1; }
  echo "kind-e2e: HTTPRoute $route serves $path"
done
