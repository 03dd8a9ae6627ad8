{{/* The namespaces the controller watches, as a JSON list ("*" alone means all). */}}
{{- define "agentic.controller.watched" -}}
{{- $namespaces := .Values.controller.namespaces | default (list .Release.Namespace) -}}
{{- if and (has "*" $namespaces) (gt (len $namespaces) 1) -}}
{{- fail "controller.namespaces: \"*\" (all namespaces) cannot be combined with other namespaces" -}}
{{- end -}}
{{- $namespaces | uniq | toJson -}}
{{- end -}}

{{/* "cluster" when the controller needs a ClusterRole (several namespaces or "*"), else "namespaced". */}}
{{- define "agentic.controller.rbacMode" -}}
{{- $namespaces := include "agentic.controller.watched" . | fromJsonArray -}}
{{- if or (has "*" $namespaces) (gt (len $namespaces) 1) -}}cluster{{- else -}}namespaced{{- end -}}
{{- end -}}

{{/* Rules the reconciler uses in watched namespaces (mirrors the controller's generated RBAC). */}}
{{- define "agentic.controller.rules" -}}
- apiGroups: ["platform.bizmatters.io"]
  resources: ["agentexecutors", "agentexecutors/status", "agentexecutors/finalizers"]
  verbs: ["get", "list", "watch", "patch", "update", "create", "delete"]
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["create", "delete", "get", "list", "patch", "update", "watch"]
- apiGroups: [""]
  resources: ["serviceaccounts", "services"]
  verbs: ["create", "delete", "get", "list", "patch", "update", "watch"]
- apiGroups: ["keda.sh"]
  resources: ["scaledobjects"]
  verbs: ["create", "delete", "get", "list", "patch", "update", "watch"]
- apiGroups: ["monitoring.coreos.com"]
  resources: ["podmonitors"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
- apiGroups: [""]
  resources: ["secrets", "pods"]
  verbs: ["get", "list", "watch"]
- apiGroups: ["platform.bizmatters.io"]
  resources: ["agentruns", "agentruns/status", "agentruns/finalizers"]
  verbs: ["get", "list", "watch", "patch", "update", "create", "delete"]
- apiGroups: ["batch"]
  resources: ["jobs"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create"]
{{- end -}}
