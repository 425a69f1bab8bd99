package io.streamlytics.console.alerts.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamlytics.console.alerts.domain.Channel;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

/** The HTTP channels: a signed JSON webhook, and a Slack-compatible incoming webhook. */
final class HttpSenders {
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final HttpClient HTTP =
            HttpClient.newBuilder()
                    .connectTimeout(TIMEOUT)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();

    private HttpSenders() {}

    /**
     * The payload with its delivery id, POSTed as JSON with {@code X-Streamlytics-Delivery} (the
     * id, to drop repeats: a delivery is sent at least once), {@code X-Streamlytics-Timestamp}
     * (epoch seconds) and {@code X-Streamlytics-Signature: v1=<hex HMAC-SHA256 of "timestamp.body"
     * under the channel's secret>}.
     */
    static ChannelSender webhook(Clock clock) {
        return (channel, deliveryId, payload) -> {
            ObjectNode body = ((ObjectNode) payload.deepCopy()).put("delivery", deliveryId);
            String json = body.toString();
            String timestamp = Long.toString(clock.instant().getEpochSecond());
            String signature =
                    HexFormat.of()
                            .formatHex(
                                    AckLinks.hmac(
                                            channel.secret().getBytes(StandardCharsets.UTF_8),
                                            timestamp + "." + json));
            post(
                    channel,
                    HttpRequest.newBuilder(URI.create(channel.target()))
                            .header("X-Streamlytics-Delivery", Long.toString(deliveryId))
                            .header("X-Streamlytics-Timestamp", timestamp)
                            .header("X-Streamlytics-Signature", "v1=" + signature),
                    json);
        };
    }

    /** {@code {"text": …}}: what Slack, Mattermost and Rocket.Chat incoming webhooks take. */
    static ChannelSender slack() {
        return (channel, deliveryId, payload) -> {
            ObjectNode body = Notices.JSON.createObjectNode();
            body.put("text", Notices.text(payload, true));
            post(channel, HttpRequest.newBuilder(URI.create(channel.target())), body.toString());
        };
    }

    private static void post(Channel channel, HttpRequest.Builder request, String json)
            throws IOException, InterruptedException {
        HttpResponse<String> answer =
                HTTP.send(
                        request.timeout(TIMEOUT)
                                .header("Content-Type", "application/json")
                                .header("User-Agent", "streamlytics-alerts")
                                .POST(HttpRequest.BodyPublishers.ofString(json))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 2) {
            String body = answer.body() == null ? "" : answer.body();
            throw new IOException(
                    channel.name()
                            + " answered HTTP "
                            + answer.statusCode()
                            + (body.isBlank()
                                    ? ""
                                    : ": " + body.substring(0, Math.min(200, body.length()))));
        }
    }
}
