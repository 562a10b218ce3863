{{/* Chart name, overridable. */}}
{{- define "keel.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name of the release's resources: <release>-keel unless the release name already contains it. */}}
{{- define "keel.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Labels that select the pods; never change them after the first install. */}}
{{- define "keel.selectorLabels" -}}
app.kubernetes.io/name: {{ include "keel.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Labels of every resource. */}}
{{- define "keel.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "keel.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: keel
{{- end }}

{{- define "keel.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "keel.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "keel.secretName" -}}
{{- default (include "keel.fullname" .) .Values.secrets.existingSecret }}
{{- end }}

{{- define "keel.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/*
Non-secret environment of the application, shared by the ConfigMap and the migration Job (which runs
before the ConfigMap exists on a first install). The prod profile, and Liquibase off: the Job migrates.
*/}}
{{- define "keel.config" -}}
SPRING_PROFILES_ACTIVE: prod
SPRING_LIQUIBASE_ENABLED: "false"
SPRING_DATASOURCE_URL: {{ .Values.database.url | quote }}
SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE: {{ .Values.database.maxPoolSize | quote }}
SPRING_MAIL_HOST: {{ required "mail.host is required" .Values.mail.host | quote }}
SPRING_MAIL_PORT: {{ .Values.mail.port | quote }}
SERVER_TOMCAT_REMOTEIP_INTERNAL_PROXIES: {{ .Values.trustedProxies | default "^$" | quote }}
{{- with .Values.broker }}
{{- if .host }}
SPRING_RABBITMQ_HOST: {{ .host | quote }}
SPRING_RABBITMQ_PORT: {{ .port | quote }}
SPRING_RABBITMQ_VIRTUAL_HOST: {{ .virtualHost | quote }}
KEEL_BROKER_EXCHANGE: {{ .exchange | quote }}
{{- end }}
{{- end }}
{{- with .Values.tracing }}
{{- if .otlpEndpoint }}
MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT: {{ .otlpEndpoint | quote }}
MANAGEMENT_TRACING_SAMPLING_PROBABILITY: {{ .samplingProbability | quote }}
{{- end }}
{{- end }}
KEEL_NOTIFICATIONS_PUBLIC_BASE_URL: {{ required "notifications.publicBaseUrl is required" .Values.notifications.publicBaseUrl | quote }}
SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE: {{ printf "%ds" (sub (sub .Values.terminationGracePeriodSeconds .Values.preStopDelaySeconds) 5) | quote }}
JAVA_TOOL_OPTIONS: {{ trim (printf "-XX:MaxRAMPercentage=%v -XX:+Use%sGC -XX:+ExitOnOutOfMemoryError %s" .Values.jvm.maxRamPercentage .Values.jvm.gc .Values.jvm.extraOptions) | quote }}
{{- range $name, $value := .Values.config }}
{{ $name }}: {{ $value | quote }}
{{- end }}
{{- end }}

{{/* Pod and container settings shared by the Deployment and the migration Job. */}}
{{- define "keel.podSecurity" -}}
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
serviceAccountName: {{ include "keel.serviceAccountName" . }}
automountServiceAccountToken: false
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}
