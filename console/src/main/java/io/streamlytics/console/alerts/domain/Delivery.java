package io.streamlytics.console.alerts.domain;

import java.time.Instant;

/** One message to one channel: pending (and retried), sent, or failed after its last attempt. */
public record Delivery(
        long id,
        String channel,
        String kind,
        String status,
        int attempts,
        String lastError,
        Instant createdAt,
        Instant sentAt) {}
