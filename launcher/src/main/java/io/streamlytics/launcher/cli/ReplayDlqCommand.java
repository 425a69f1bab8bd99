package io.streamlytics.launcher.cli;

import io.streamlytics.collector.enrich.Countries;
import io.streamlytics.collector.http.Collector;
import io.streamlytics.collector.kafka.EventPublisher;
import io.streamlytics.collector.replay.DlqReplay;
import io.streamlytics.core.config.PlatformConfig;
import io.streamlytics.devstack.GeoIpDatabase;
import io.streamlytics.launcher.stack.LocalSecrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** {@code bin/analytics replay-dlq}: re-sends the dead letters written since the last replay. */
final class ReplayDlqCommand {
    private ReplayDlqCommand() {}

    static int run(Path home) throws Exception {
        PlatformConfig config =
                PlatformConfig.fromEnvironment(LocalSecrets.withSecrets(home, System.getenv()));
        try (EventPublisher publisher =
                        new EventPublisher(
                                config.kafka().effectiveBootstrapServers(),
                                config.kafka().rawTopic(),
                                config.kafka().dlqTopic(),
                                Duration.ofSeconds(30));
                Countries countries = countries(config, home)) {
            DlqReplay.Summary summary =
                    DlqReplay.of(
                                    config,
                                    Collector.endpoints(config.collector()),
                                    countries,
                                    publisher)
                            .run();
            System.out.println(summary);
            return 0;
        }
    }

    /** The GeoIP database the collector uses, if there is one; replays fetch nothing. */
    private static Countries countries(PlatformConfig config, Path home) {
        Path database =
                config.collector().geoipDatabase().isEmpty()
                        ? home.resolve("geoip").resolve(GeoIpDatabase.FILE)
                        : Path.of(config.collector().geoipDatabase());
        return Files.isRegularFile(database) ? Countries.open(database) : Countries.NONE;
    }
}
