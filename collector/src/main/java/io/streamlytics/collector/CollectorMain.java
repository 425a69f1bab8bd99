package io.streamlytics.collector;

import io.streamlytics.collector.auth.WriteKeys;
import io.streamlytics.collector.enrich.Countries;
import io.streamlytics.collector.http.Collector;
import io.streamlytics.collector.kafka.EventPublisher;
import io.streamlytics.collector.replay.DlqReplay;
import io.streamlytics.core.config.PlatformConfig;
import io.streamlytics.core.postgres.PostgresSettings;
import io.streamlytics.core.postgres.Projects;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Runs the collector as a service of its own, configured from {@code ANALYTICS_*} variables. */
public final class CollectorMain {
    private CollectorMain() {}

    /** A running collector and what it owns. */
    public record Running(
            Collector collector,
            EventPublisher publisher,
            ExecutorService lookups,
            Countries countries)
            implements AutoCloseable {
        @Override
        public void close() {
            collector.close();
            publisher.close();
            lookups.shutdownNow();
            countries.close();
        }
    }

    /** Starts with the GeoIP database of {@code ANALYTICS_GEOIP_DATABASE}, if set. */
    public static Running start(PlatformConfig config) {
        String database = config.collector().geoipDatabase();
        return start(
                config, database.isEmpty() ? Countries.NONE : Countries.open(Path.of(database)));
    }

    public static Running start(PlatformConfig config, Countries countries) {
        ExecutorService lookups = Executors.newFixedThreadPool(4);
        Projects projects = new Projects(PostgresSettings.from(config.postgres()));
        WriteKeys writeKeys = new WriteKeys(projects, Duration.ofSeconds(30), lookups);
        EventPublisher publisher =
                new EventPublisher(
                        config.kafka().effectiveBootstrapServers(),
                        config.kafka().rawTopic(),
                        config.kafka().dlqTopic(),
                        Duration.ofSeconds(10));
        Collector collector =
                Collector.start(
                        config.collector(),
                        writeKeys,
                        publisher,
                        Clock.systemUTC(),
                        countries,
                        Optional.of(
                                new DlqReplay.Source(
                                        config.kafka().effectiveBootstrapServers(),
                                        config.kafka().dlqTopic(),
                                        projects)));
        return new Running(collector, publisher, lookups, countries);
    }

    public static void main(String[] args) {
        Running running = start(PlatformConfig.fromEnvironment());
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "collector-shutdown"));
    }
}
