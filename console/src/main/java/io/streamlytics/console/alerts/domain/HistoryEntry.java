package io.streamlytics.console.alerts.domain;

import java.time.Instant;

/** One thing that happened to an alert: pending, firing, notified, silenced, acknowledged, … */
public record HistoryEntry(Instant at, String what, String detail) {}
