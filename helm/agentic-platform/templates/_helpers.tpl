{{/* Chart name, overridable. */}}
{{- define "agentic.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* "<release>-<chart>" unless the release name already contains the chart name. */}}
{{- define "agentic.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Name of a component's objects. Call with (dict "root" $ "component" "sandbox-router"). */}}
{{- define "agentic.componentName" -}}
{{- printf "%s-%s" (include "agentic.fullname" .root) .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels that select a component's pods; never change between upgrades. */}}
{{- define "agentic.selectorLabels" -}}
app.kubernetes.io/name: {{ .component }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* Labels of every object of a component. */}}
{{- define "agentic.labels" -}}
{{ include "agentic.selectorLabels" . }}
app.kubernetes.io/component: {{ .component }}
app.kubernetes.io/part-of: agentic-platform
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
{{- with .root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Image reference: repository@digest, else repository:tag (tag defaults to appVersion). */}}
{{- define "agentic.image" -}}
{{- $image := .values.image -}}
{{- if $image.digest -}}
{{- printf "%s@%s" $image.repository $image.digest -}}
{{- else -}}
{{- printf "%s:%s" $image.repository (default .root.Chart.AppVersion $image.tag) -}}
{{- end -}}
{{- end -}}

{{/* OTLP/gRPC endpoint for the services' own traces; empty when tracing is off. */}}
{{- define "agentic.tracingEndpoint" -}}
{{- if .Values.tracing.enabled -}}
{{- if .Values.tracing.endpoint -}}
{{- .Values.tracing.endpoint -}}
{{- else if .Values.otelBridge.enabled -}}
{{- printf "http://%s.%s.svc:%d" (include "agentic.componentName" (dict "root" . "component" "otel-bridge")) .Release.Namespace (int .Values.otelBridge.service.grpcPort) -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Base URL of this release's memory gateway, for clients in other namespaces. */}}
{{- define "agentic.memoryGatewayUrl" -}}
{{- printf "http://%s.%s.svc:%d" (include "agentic.componentName" (dict "root" . "component" "memory-gateway")) .Release.Namespace (int .Values.memoryGateway.service.port) -}}
{{- end -}}

{{/* Environment shared by every service: log level and tracing. */}}
{{- define "agentic.commonEnv" -}}
- name: QUARKUS_LOG_LEVEL
  value: {{ .values.logLevel | quote }}
{{- $endpoint := include "agentic.tracingEndpoint" .root }}
{{- if $endpoint }}
- name: QUARKUS_OTEL_SDK_DISABLED
  value: "false"
- name: QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ $endpoint | quote }}
{{- else }}
- name: QUARKUS_OTEL_SDK_DISABLED
  value: "true"
{{- end }}
{{- end -}}

{{/* Pod metadata labels and annotations. */}}
{{- define "agentic.podMetadata" -}}
labels:
  {{- include "agentic.labels" . | nindent 2 }}
  {{- with .values.podLabels }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
{{- with .values.podAnnotations }}
annotations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* Pod-level fields shared by every Deployment (after serviceAccountName). */}}
{{- define "agentic.podCommon" -}}
securityContext:
  {{- toYaml .root.Values.podSecurityContext | nindent 2 }}
{{- with concat .root.Values.imagePullSecrets .values.imagePullSecrets }}
imagePullSecrets:
  {{- range . }}
  - name: {{ . }}
  {{- end }}
{{- end }}
{{- with .values.priorityClassName }}
priorityClassName: {{ . }}
{{- end }}
{{- $nodeSelector := .values.nodeSelector -}}
{{- $tolerations := .values.tolerations -}}
{{- if .root.Values.platformNodes.enabled -}}
{{- if not $nodeSelector }}{{ $nodeSelector = .root.Values.platformNodes.nodeSelector }}{{ end -}}
{{- $tolerations = concat .root.Values.platformNodes.tolerations $tolerations -}}
{{- end }}
{{- with $nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
terminationGracePeriodSeconds: 30
volumes:
  - name: tmp
    emptyDir:
      sizeLimit: {{ .root.Values.tmpVolume.sizeLimit }}
{{- end -}}

{{/* Container fields shared by every service: image, security context, probes, resources, /tmp. */}}
{{- define "agentic.containerCommon" -}}
image: {{ include "agentic.image" . | quote }}
imagePullPolicy: {{ .values.image.pullPolicy }}
securityContext:
  {{- toYaml .root.Values.containerSecurityContext | nindent 2 }}
livenessProbe:
  httpGet:
    path: /q/health/live
    port: management
  {{- toYaml .values.livenessProbe | nindent 2 }}
readinessProbe:
  httpGet:
    path: /q/health/ready
    port: management
  {{- toYaml .values.readinessProbe | nindent 2 }}
resources:
  {{- toYaml .values.resources | nindent 2 }}
volumeMounts:
  - name: tmp
    mountPath: /tmp
{{- end -}}

{{/* The enabled components as a JSON list of {"key": values key, "component": name}. */}}
{{- define "agentic.enabledComponents" -}}
{{- $all := list (dict "key" "controller" "component" "controller") (dict "key" "sandboxRouter" "component" "sandbox-router") (dict "key" "memoryGateway" "component" "memory-gateway") (dict "key" "otelBridge" "component" "otel-bridge") -}}
{{- $enabled := list -}}
{{- range $all -}}
{{- if (index $.Values .key).enabled -}}
{{- $enabled = append $enabled . -}}
{{- end -}}
{{- end -}}
{{- $enabled | toJson -}}
{{- end -}}

{{/* Whether an enabled component talks to the Kubernetes API server. */}}
{{- define "agentic.usesApiServer" -}}
{{- if or .Values.controller.enabled (and .Values.sandboxRouter.enabled (include "agentic.router.usesApi" .)) -}}true{{- end -}}
{{- end -}}

{{/*
The API server as a NetworkPolicy egress rule, as JSON: networkPolicy.apiServer.cidrs and ports
when set, otherwise the addresses and ports of the "kubernetes" endpoints in "default", looked up in
the cluster. Renderers without a cluster get nothing from lookup; guessing would either open the
egress to every address or cut the controller off from the API, so rendering fails instead.
*/}}
{{- define "agentic.apiServerEgress" -}}
{{- $settings := .Values.networkPolicy.apiServer -}}
{{- $addresses := list -}}
{{- $ports := list -}}
{{- $peers := list -}}
{{- if $settings.cidrs -}}
{{- range $settings.cidrs }}{{ $peers = append $peers (dict "ipBlock" (dict "cidr" .)) }}{{ end -}}
{{- $ports = $settings.ports -}}
{{- else -}}
{{- $slice := lookup "discovery.k8s.io/v1" "EndpointSlice" "default" "kubernetes" -}}
{{- range $slice.endpoints | default list }}{{ $addresses = concat $addresses (.addresses | default list) }}{{ end -}}
{{- range $slice.ports | default list }}{{ $ports = append $ports .port }}{{ end -}}
{{- if not $addresses -}}
{{- /* Clusters without the EndpointSlice API, or without the slice mirrored. */ -}}
{{- $ports = list -}}
{{- $endpoints := lookup "v1" "Endpoints" "default" "kubernetes" -}}
{{- range $endpoints.subsets | default list -}}
{{- range .addresses | default list }}{{ $addresses = append $addresses .ip }}{{ end -}}
{{- range .ports | default list }}{{ $ports = append $ports .port }}{{ end -}}
{{- end -}}
{{- end -}}
{{- range $addresses | uniq }}{{ $peers = append $peers (dict "ipBlock" (dict "cidr" (printf "%s/%s" . (ternary "128" "32" (contains ":" .))))) }}{{ end -}}
{{- if not $ports }}{{ $ports = $settings.ports }}{{ end -}}
{{- end -}}
{{- if not $peers -}}
{{- fail "networkPolicy.apiServer.cidrs is empty and the API server's address could not be looked up (helm template, client-side --dry-run and GitOps renderers have no cluster to ask): set networkPolicy.apiServer.cidrs to the addresses that `kubectl get endpoints kubernetes -n default` shows, each as a /32, and networkPolicy.apiServer.ports to their port, e.g. --set 'networkPolicy.apiServer.cidrs={172.18.0.2/32}' --set 'networkPolicy.apiServer.ports={6443}'" -}}
{{- end -}}
{{- $rulePorts := list -}}
{{- range $ports | uniq }}{{ $rulePorts = append $rulePorts (dict "port" (int .) "protocol" "TCP") }}{{ end -}}
{{- dict "to" $peers "ports" $rulePorts | toJson -}}
{{- end -}}
