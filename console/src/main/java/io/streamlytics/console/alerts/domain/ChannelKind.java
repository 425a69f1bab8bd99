package io.streamlytics.console.alerts.domain;

import java.util.Locale;

/** How a channel is reached. */
public enum ChannelKind {
    /** A JSON POST signed with HMAC-SHA256. */
    WEBHOOK,
    /** A Slack-compatible incoming webhook ({@code {"text": …}}; Mattermost, Rocket.Chat too). */
    SLACK,
    /** Email over the platform's SMTP server. */
    EMAIL;

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ChannelKind of(String dbName) {
        return valueOf(dbName.toUpperCase(Locale.ROOT));
    }
}
