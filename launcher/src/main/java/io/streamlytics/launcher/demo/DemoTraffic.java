package io.streamlytics.launcher.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a realistic stream of product events to the collector over its public API, like real SDKs
 * do, so a new install shows live numbers at once. On the first run it also backfills two weeks of
 * history so the charts are not empty.
 */
public final class DemoTraffic implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoTraffic.class);
    static final int BACKFILL_DAYS = 14;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI batchUrl;
    private final String authorization;
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "demo-traffic"));
    private final DemoUsers users;

    private DemoTraffic(String collectorUrl, String writeKey, DemoUsers users) {
        this.batchUrl = URI.create(collectorUrl + "/v1/batch");
        this.authorization =
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
        this.users = users;
    }

    public static DemoTraffic start(String collectorUrl, String writeKey, Path stateDir)
            throws Exception {
        DemoTraffic traffic =
                new DemoTraffic(
                        collectorUrl, writeKey, new DemoUsers(new Random(), Clock.systemUTC()));
        Files.createDirectories(stateDir);
        Path backfilled = stateDir.resolve("backfilled");
        if (!Files.exists(backfilled)) {
            traffic.scheduler.execute(
                    () -> {
                        traffic.backfill();
                        try {
                            Files.writeString(backfilled, Instant.now().toString());
                        } catch (java.io.IOException e) {
                            LOG.warn("cannot mark the demo backfill as done: {}", e.toString());
                        }
                    });
        }
        traffic.scheduler.scheduleWithFixedDelay(traffic::tick, 0, 1, TimeUnit.SECONDS);
        LOG.info("demo traffic is on: sending events to {}", collectorUrl);
        return traffic;
    }

    private void backfill() {
        Instant now = Instant.now();
        for (int day = BACKFILL_DAYS; day >= 1; day--) {
            Instant dayStart = now.minus(Duration.ofDays(day));
            send(users.historicDay(dayStart));
        }
    }

    private void tick() {
        try {
            send(users.nextSecond());
        } catch (RuntimeException e) {
            LOG.warn("demo traffic tick failed: {}", e.toString());
        }
    }

    private void send(List<String> events) {
        for (int from = 0; from < events.size(); from += 200) {
            String batch =
                    "{\"sent_at\":\""
                            + Instant.now()
                            + "\",\"batch\":["
                            + String.join(
                                    ",", events.subList(from, Math.min(events.size(), from + 200)))
                            + "]}";
            try {
                HttpResponse<String> response =
                        http.send(
                                HttpRequest.newBuilder(batchUrl)
                                        .timeout(Duration.ofSeconds(30))
                                        .header("Authorization", authorization)
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString(batch))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    LOG.warn("collector answered {}: {}", response.statusCode(), response.body());
                }
            } catch (java.io.IOException e) {
                LOG.warn("cannot reach the collector: {}", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
