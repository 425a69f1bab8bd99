package io.streamlytics.sqlgateway.catalog;

import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.table.catalog.Catalog;
import org.apache.flink.table.factories.CatalogFactory;
import org.apache.flink.table.factories.FactoryUtil;

/** {@code type: streamlytics}: the catalog of the platform's Kafka topics and ClickHouse tables. */
public final class StreamlyticsCatalogFactory implements CatalogFactory {
    public static final String IDENTIFIER = "streamlytics";

    static final ConfigOption<String> KAFKA =
            ConfigOptions.key("kafka.bootstrap-servers").stringType().noDefaultValue();
    static final ConfigOption<String> CLICKHOUSE_URL =
            ConfigOptions.key("clickhouse.url")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "jdbc:clickhouse://host:http-port/database?compress=false&decompress=false");
    static final ConfigOption<String> CLICKHOUSE_USER =
            ConfigOptions.key("clickhouse.username").stringType().defaultValue("default");
    static final ConfigOption<String> CLICKHOUSE_PASSWORD =
            ConfigOptions.key("clickhouse.password").stringType().defaultValue("");

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(KAFKA, CLICKHOUSE_URL);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of(CLICKHOUSE_USER, CLICKHOUSE_PASSWORD);
    }

    @Override
    public Catalog createCatalog(Context context) {
        FactoryUtil.CatalogFactoryHelper helper =
                FactoryUtil.createCatalogFactoryHelper(this, context);
        helper.validate();
        var options = helper.getOptions();
        return new StreamlyticsCatalog(
                context.getName(),
                new StreamlyticsCatalogSettings(
                        options.get(KAFKA),
                        options.get(CLICKHOUSE_URL),
                        options.get(CLICKHOUSE_USER),
                        options.get(CLICKHOUSE_PASSWORD)));
    }
}
