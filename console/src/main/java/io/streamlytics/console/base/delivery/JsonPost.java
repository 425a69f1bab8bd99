package io.streamlytics.console.base.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

/**
 * JSON POSTed to a receiver outside the platform (webhooks of alerts and reports), with short
 * timeouts and no redirects; anything but a 2xx answer is an {@link IOException} that says what the
 * receiver answered.
 */
public final class JsonPost {
    public static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final HttpClient HTTP =
            HttpClient.newBuilder()
                    .connectTimeout(TIMEOUT)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();

    private JsonPost() {}

    /**
     * POSTs {@code json} signed for the receiver: {@code X-Streamlytics-Delivery} (the id, to drop
     * repeats: a delivery is sent at least once), {@code X-Streamlytics-Timestamp} (epoch seconds)
     * and {@code X-Streamlytics-Signature: v1=<hex HMAC-SHA256 of "timestamp.body" under the
     * secret>}.
     */
    public static void signed(
            String name,
            String url,
            String secret,
            String deliveryId,
            String json,
            String userAgent,
            Clock clock)
            throws IOException, InterruptedException {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String signature =
                HexFormat.of()
                        .formatHex(
                                Hmac.sha256(
                                        secret.getBytes(StandardCharsets.UTF_8),
                                        timestamp + "." + json));
        send(
                name,
                HttpRequest.newBuilder(URI.create(url))
                        .header("X-Streamlytics-Delivery", deliveryId)
                        .header("X-Streamlytics-Timestamp", timestamp)
                        .header("X-Streamlytics-Signature", "v1=" + signature),
                json,
                userAgent);
    }

    /** POSTs {@code json} as it is. */
    public static void send(String name, HttpRequest.Builder request, String json, String userAgent)
            throws IOException, InterruptedException {
        HttpResponse<String> answer =
                HTTP.send(
                        request.timeout(TIMEOUT)
                                .header("Content-Type", "application/json")
                                .header("User-Agent", userAgent)
                                .POST(HttpRequest.BodyPublishers.ofString(json))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 2) {
            String body = answer.body() == null ? "" : answer.body();
            throw new IOException(
                    name
                            + " answered HTTP "
                            + answer.statusCode()
                            + (body.isBlank()
                                    ? ""
                                    : ": " + body.substring(0, Math.min(200, body.length()))));
        }
    }
}
