package io.streamlytics.launcher.stack;

import io.streamlytics.core.clickhouse.ClickHouseSettings;
import io.streamlytics.core.config.PlatformConfig;
import io.streamlytics.sqlgateway.catalog.StreamlyticsCatalogSettings;
import java.net.URI;

/** The SQL gateway's catalog on the local stack: its Kafka broker and its ClickHouse. */
final class LocalSqlGateway {
    private LocalSqlGateway() {}

    static StreamlyticsCatalogSettings catalog(PlatformConfig config) {
        ClickHouseSettings clickhouse = ClickHouseSettings.from(config.clickhouse());
        URI http = URI.create(clickhouse.url());
        return new StreamlyticsCatalogSettings(
                config.kafka().effectiveBootstrapServers(),
                // the legacy driver (the one that works with 18.16) talks HTTP, uncompressed
                "jdbc:clickhouse://"
                        + http.getHost()
                        + ":"
                        + http.getPort()
                        + "/"
                        + clickhouse.database()
                        + "?compress=false&decompress=false",
                clickhouse.user(),
                clickhouse.password());
    }
}
