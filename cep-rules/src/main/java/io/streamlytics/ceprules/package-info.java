/**
 * Real-time rules: the YAML format for funnels and alerts ({@code rule}, {@code read}), their
 * compiler to Flink CEP patterns and windowed aggregations ({@code compile}), a local runner over
 * NDJSON ({@code run}) and the {@code validate} / {@code test} CLI ({@code cli}). docs/rules.md
 * describes the format.
 */
package io.streamlytics.ceprules;
