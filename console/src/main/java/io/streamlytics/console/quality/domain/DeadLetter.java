package io.streamlytics.console.quality.domain;

import java.time.Instant;
import java.util.List;

/**
 * A letter of {@code events.dlq} as the collector wrote it (docs: README, "Dead letters"): a
 * refused event or request, why, and its payload as received.
 *
 * @param kind {@code event} (one event of a request) or {@code request} (a whole body)
 * @param projectId 0 when the key named no project
 * @param payload the payload as text (base64 when it was not text)
 * @param truncated whether the payload was cut (over 512 KB)
 */
public record DeadLetter(
        int partition,
        long offset,
        Instant receivedAt,
        String kind,
        long projectId,
        String endpoint,
        List<String> reasons,
        int replays,
        String payload,
        boolean truncated) {}
