package io.streamlytics.core.clickhouse;

import io.streamlytics.core.config.PlatformConfig;
import java.io.Serializable;

/** Where ClickHouse is and who we are there. Serializable: Flink ships it to its tasks. */
public record ClickHouseSettings(String url, String user, String password, String database)
        implements Serializable {

    public static ClickHouseSettings from(PlatformConfig.ClickHouse config) {
        return new ClickHouseSettings(
                config.effectiveUrl(), config.user(), config.password(), config.database());
    }

    @Override
    public String toString() {
        return "ClickHouseSettings[url=" + url + ", user=" + user + ", database=" + database + "]";
    }
}
