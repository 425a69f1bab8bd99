{{/* Chart name, at most 63 characters. */}}
{{- define "streamlytics.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name: release and chart name, at most 63 characters. */}}
{{- define "streamlytics.fullname" -}}
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

{{- define "streamlytics.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "streamlytics.selectorLabels" -}}
app.kubernetes.io/name: {{ include "streamlytics.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "streamlytics.labels" -}}
helm.sh/chart: {{ include "streamlytics.chart" . }}
{{ include "streamlytics.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Image of a component: digest, else tag, else the chart's appVersion. */}}
{{- define "streamlytics.image" -}}
{{- $root := index . 0 }}{{- $component := index . 1 }}
{{- if $root.Values.image.digest }}
{{- printf "%s/%s@%s" $root.Values.image.repository $component $root.Values.image.digest }}
{{- else }}
{{- printf "%s/%s:%s" $root.Values.image.repository $component (default $root.Chart.AppVersion $root.Values.image.tag) }}
{{- end }}
{{- end }}

{{/* The ANALYTICS_* environment shared by every component. */}}
{{- define "streamlytics.env" -}}
- name: ANALYTICS_KAFKA_BOOTSTRAP
  value: {{ required "config.kafkaBootstrap is required" .Values.config.kafkaBootstrap | quote }}
- name: ANALYTICS_CLICKHOUSE_URL
  value: {{ required "config.clickhouseUrl is required" .Values.config.clickhouseUrl | quote }}
- name: ANALYTICS_CLICKHOUSE_DATABASE
  value: {{ .Values.config.clickhouseDatabase | quote }}
- name: ANALYTICS_POSTGRES_URL
  value: {{ required "config.postgresUrl is required" .Values.config.postgresUrl | quote }}
{{- end }}
