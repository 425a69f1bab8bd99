package io.streamlytics.console.events.domain;

import java.time.Instant;

/** One stored event, as the latest-events table shows it. */
public record RecentEvent(
        Instant timestamp, String event, String distinctId, String pagePath, String properties) {}
