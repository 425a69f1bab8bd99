package io.streamlytics.console.admin.domain;

import java.time.Instant;

/**
 * A project's write key: public by design (it ships inside apps), it can only send events.
 *
 * @param revokedAt when it stopped working, or null
 */
public record WriteKey(String key, String label, Instant createdAt, Instant revokedAt) {
    public boolean live() {
        return revokedAt == null;
    }
}
