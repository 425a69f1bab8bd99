package io.streamlytics.console.alerts.domain;

import java.util.Arrays;
import java.util.List;

/**
 * Where notifications go.
 *
 * @param target the URL (webhook, Slack), or email addresses separated by commas
 * @param secret the webhook's HMAC key; "" for other kinds
 */
public record Channel(
        long id, long projectId, String name, ChannelKind kind, String target, String secret) {

    public List<String> addresses() {
        return Arrays.stream(target.split(","))
                .map(String::strip)
                .filter(a -> !a.isEmpty())
                .toList();
    }
}
