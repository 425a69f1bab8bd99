package io.streamlytics.console.admin.domain;

import java.time.Instant;

/** A project as admins manage it; {@code liveKeys} counts its write keys not revoked. */
public record ProjectRow(
        long id, String name, String timezone, String ipMode, int liveKeys, Instant createdAt) {}
