package io.streamlytics.console.alerts.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamlytics.console.base.delivery.JsonPost;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;

/** The HTTP channels: a signed JSON webhook, and a Slack-compatible incoming webhook. */
final class HttpSenders {
    private static final String AGENT = "streamlytics-alerts";

    private HttpSenders() {}

    /**
     * The payload with its delivery id, signed ({@link JsonPost#signed}) under the channel's
     * secret.
     */
    static ChannelSender webhook(Clock clock) {
        return (channel, deliveryId, payload) -> {
            ObjectNode body = ((ObjectNode) payload.deepCopy()).put("delivery", deliveryId);
            JsonPost.signed(
                    channel.name(),
                    channel.target(),
                    channel.secret(),
                    Long.toString(deliveryId),
                    body.toString(),
                    AGENT,
                    clock);
        };
    }

    /** {@code {"text": …}}: what Slack, Mattermost and Rocket.Chat incoming webhooks take. */
    static ChannelSender slack() {
        return (channel, deliveryId, payload) -> {
            ObjectNode body = Notices.JSON.createObjectNode();
            body.put("text", Notices.text(payload, true));
            JsonPost.send(
                    channel.name(),
                    HttpRequest.newBuilder(URI.create(channel.target())),
                    body.toString(),
                    AGENT);
        };
    }
}
