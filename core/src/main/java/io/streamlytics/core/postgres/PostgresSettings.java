package io.streamlytics.core.postgres;

import io.streamlytics.core.config.PlatformConfig;

/** Where the metadata database is. */
public record PostgresSettings(String url, String user, String password)
        implements java.io.Serializable {
    public static PostgresSettings from(PlatformConfig.Postgres config) {
        return new PostgresSettings(config.effectiveUrl(), config.user(), config.password());
    }

    @Override
    public String toString() {
        return "PostgresSettings[url=" + url + ", user=" + user + "]";
    }
}
