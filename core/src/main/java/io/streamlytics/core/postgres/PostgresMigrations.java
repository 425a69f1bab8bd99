package io.streamlytics.core.postgres;

import org.flywaydb.core.Flyway;

/** Applies the metadata schema ({@code db/postgres/V*.sql}) with Flyway. */
public final class PostgresMigrations {
    private PostgresMigrations() {}

    /** Applies pending migrations; returns how many ran. */
    public static int apply(PostgresSettings settings) {
        return Flyway.configure()
                .dataSource(settings.url(), settings.user(), settings.password())
                .locations("classpath:db/postgres")
                .load()
                .migrate()
                .migrationsExecuted;
    }
}
