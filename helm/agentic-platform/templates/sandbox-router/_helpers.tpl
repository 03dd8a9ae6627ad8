{{/* Whether the router verifies targets against Sandbox resources (needs read access to them). */}}
{{- define "agentic.router.verifies" -}}
{{- if ne .Values.sandboxRouter.sandboxes.verify "off" -}}true{{- end -}}
{{- end -}}

{{/* Whether the router talks to the Kubernetes API at all. */}}
{{- define "agentic.router.usesApi" -}}
{{- if or (include "agentic.router.verifies" .) .Values.sandboxRouter.namespaces.labelSelector -}}true{{- end -}}
{{- end -}}

{{/* Name of the Secret holding the router's credential. */}}
{{- define "agentic.router.authSecret" -}}
{{- default (printf "%s-auth" (include "agentic.componentName" (dict "root" . "component" "sandbox-router"))) .Values.sandboxRouter.auth.existingSecret -}}
{{- end -}}

{{/* Key of the router's credential in that Secret. */}}
{{- define "agentic.router.authKey" -}}
{{- default (ternary "token" "scoped-key" (eq .Values.sandboxRouter.auth.mode "token")) .Values.sandboxRouter.auth.secretKey -}}
{{- end -}}
