package io.streamlytics.sqlgateway.clickhouse;

import org.apache.flink.connector.jdbc.core.database.JdbcFactory;
import org.apache.flink.connector.jdbc.core.database.catalog.JdbcCatalog;
import org.apache.flink.connector.jdbc.core.database.dialect.JdbcDialect;

/**
 * Lets Flink's JDBC connector read {@code jdbc:clickhouse:} URLs (found through {@code
 * META-INF/services}). The legacy driver is the one that works with ClickHouse 18.16; current
 * servers work with it too, or with com.clickhouse's driver named in the table's options.
 */
public final class ClickHouseJdbcFactory implements JdbcFactory {
    public static final String LEGACY_DRIVER = "ru.yandex.clickhouse.ClickHouseDriver";

    @Override
    public boolean acceptsURL(String url) {
        return url.startsWith("jdbc:clickhouse:");
    }

    @Override
    public JdbcDialect createDialect() {
        return new ClickHouseDialect();
    }

    @Override
    public JdbcCatalog createCatalog(
            ClassLoader classLoader,
            String catalogName,
            String defaultDatabase,
            String username,
            String pwd,
            String baseUrl) {
        throw new UnsupportedOperationException(
                "use the streamlytics catalog; ClickHouse has no JDBC catalog");
    }
}
