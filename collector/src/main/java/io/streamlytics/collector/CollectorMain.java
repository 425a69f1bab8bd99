package io.streamlytics.collector;

import io.streamlytics.collector.auth.WriteKeys;
import io.streamlytics.collector.http.Collector;
import io.streamlytics.collector.kafka.EventPublisher;
import io.streamlytics.core.config.PlatformConfig;
import io.streamlytics.core.postgres.PostgresSettings;
import io.streamlytics.core.postgres.Projects;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Runs the collector as a service of its own, configured from {@code ANALYTICS_*} variables. */
public final class CollectorMain {
    private CollectorMain() {}

    /** A running collector and what it owns. */
    public record Running(Collector collector, EventPublisher publisher, ExecutorService lookups)
            implements AutoCloseable {
        @Override
        public void close() {
            collector.close();
            publisher.close();
            lookups.shutdownNow();
        }
    }

    public static Running start(PlatformConfig config) {
        ExecutorService lookups = Executors.newFixedThreadPool(4);
        WriteKeys writeKeys =
                new WriteKeys(
                        new Projects(PostgresSettings.from(config.postgres())),
                        Duration.ofSeconds(30),
                        lookups);
        EventPublisher publisher =
                new EventPublisher(
                        config.kafka().effectiveBootstrapServers(),
                        config.kafka().rawTopic(),
                        config.kafka().dlqTopic(),
                        Duration.ofSeconds(10));
        Collector collector =
                Collector.start(config.collector(), writeKeys, publisher, Clock.systemUTC());
        return new Running(collector, publisher, lookups);
    }

    public static void main(String[] args) {
        Running running = start(PlatformConfig.fromEnvironment());
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "collector-shutdown"));
    }
}
