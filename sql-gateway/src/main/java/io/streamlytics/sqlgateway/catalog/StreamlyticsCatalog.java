package io.streamlytics.sqlgateway.catalog;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.catalog.CatalogDatabaseImpl;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.GenericInMemoryCatalog;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.exceptions.CatalogException;

/**
 * The platform's data for Flink SQL: {@code live} holds the Kafka topics as streams (JSON, from the
 * newest offset unless a hint says otherwise), {@code history} the ClickHouse tables (read through
 * JDBC; filters on their columns are pushed down). Tables can be added per session (it is an
 * in-memory catalog); the predefined ones come back with every session.
 */
public final class StreamlyticsCatalog extends GenericInMemoryCatalog {
    public static final String LIVE = "live";
    public static final String HISTORY = "history";

    private final StreamlyticsCatalogSettings settings;

    StreamlyticsCatalog(String name, StreamlyticsCatalogSettings settings) {
        super(name, HISTORY);
        this.settings = settings;
    }

    @Override
    public void open() throws CatalogException {
        super.open();
        try {
            createDatabase(
                    LIVE, new CatalogDatabaseImpl(Map.of(), "Kafka topics, as streams"), true);
            table(
                    LIVE,
                    "events",
                    liveEvents(),
                    kafka("events.enriched"),
                    "accepted events, deduplicated, with person and session");
            table(
                    LIVE,
                    "raw_events",
                    liveEvents(),
                    kafka("events.raw"),
                    "events as the collector accepted them");
            table(
                    HISTORY,
                    "events",
                    historyEvents(),
                    clickhouse("events"),
                    "every accepted event, once");
            table(
                    HISTORY,
                    "sessions",
                    sessions(),
                    clickhouse("sessions"),
                    "sessions; a growing session has a row per version (take the highest)");
            table(
                    HISTORY,
                    "metrics_1m",
                    metrics(),
                    clickhouse("metrics_1m"),
                    "final live metrics per minute");
        } catch (Exception e) {
            throw new CatalogException("could not define the platform's tables", e);
        }
    }

    private void table(
            String database,
            String name,
            Schema schema,
            Map<String, String> options,
            String comment)
            throws Exception {
        createTable(
                new ObjectPath(database, name),
                CatalogTable.newBuilder().schema(schema).comment(comment).options(options).build(),
                true);
    }

    private Map<String, String> kafka(String topic) {
        Map<String, String> options = new HashMap<>();
        options.put("connector", "kafka");
        options.put("topic", topic);
        options.put("properties.bootstrap.servers", settings.kafkaBootstrap());
        options.put("properties.isolation.level", "read_committed");
        options.put("scan.startup.mode", "latest-offset");
        options.put("format", "json");
        options.put("json.ignore-parse-errors", "true");
        return options;
    }

    private Map<String, String> clickhouse(String table) {
        Map<String, String> options = new HashMap<>();
        options.put("connector", "jdbc");
        options.put("url", settings.clickhouseJdbcUrl());
        options.put("table-name", table);
        options.put("username", settings.clickhouseUser());
        options.put("password", settings.clickhousePassword());
        return options;
    }

    /** The pipeline's event records (core's EventCodec), the fields worth querying. */
    private static Schema liveEvents() {
        return Schema.newBuilder()
                .column("insertId", DataTypes.STRING())
                .column("projectId", DataTypes.BIGINT())
                .column("event", DataTypes.STRING())
                .column("distinctId", DataTypes.STRING())
                .column("personId", DataTypes.STRING())
                .column("sessionId", DataTypes.STRING())
                .column("timestamp", DataTypes.BIGINT())
                .column("receivedAt", DataTypes.BIGINT())
                .column("properties", DataTypes.STRING())
                .column("personProperties", DataTypes.STRING())
                .columnByExpression("event_time", "TO_TIMESTAMP_LTZ(`timestamp`, 3)")
                .watermark("event_time", "event_time - INTERVAL '5' SECOND")
                .build();
    }

    private static Schema historyEvents() {
        Schema.Builder schema =
                Schema.newBuilder()
                        .column("project_id", DataTypes.BIGINT())
                        .column("insert_id", DataTypes.STRING())
                        .column("event", DataTypes.STRING())
                        .column("distinct_id", DataTypes.STRING())
                        .column("person_id", DataTypes.STRING())
                        .column("session_id", DataTypes.STRING())
                        .column("timestamp", DataTypes.TIMESTAMP(0))
                        .column("received_at", DataTypes.TIMESTAMP(0))
                        .column("properties", DataTypes.STRING())
                        .column("person_properties", DataTypes.STRING());
        for (String column :
                new String[] {
                    "page_url",
                    "page_path",
                    "page_referrer",
                    "page_title",
                    "referrer_domain",
                    "browser",
                    "os",
                    "device_type",
                    "country",
                    "utm_source",
                    "utm_medium",
                    "utm_campaign",
                    "library_name",
                    "locale"
                }) {
            schema.column(column, DataTypes.STRING());
        }
        return schema.build();
    }

    private static Schema sessions() {
        return Schema.newBuilder()
                .column("project_id", DataTypes.BIGINT())
                .column("session_id", DataTypes.STRING())
                .column("distinct_id", DataTypes.STRING())
                .column("person_id", DataTypes.STRING())
                .column("started_at", DataTypes.TIMESTAMP(0))
                .column("ended_at", DataTypes.TIMESTAMP(0))
                .column("duration_s", DataTypes.BIGINT())
                .column("events", DataTypes.BIGINT())
                .column("pageviews", DataTypes.BIGINT())
                .column("entry_url", DataTypes.STRING())
                .column("exit_url", DataTypes.STRING())
                .column("referrer", DataTypes.STRING())
                .column("utm_source", DataTypes.STRING())
                .column("device_type", DataTypes.STRING())
                .column("country", DataTypes.STRING())
                .column("revenue", DataTypes.DOUBLE())
                .column("is_bounce", DataTypes.INT())
                .column("version", DataTypes.BIGINT())
                .build();
    }

    private static Schema metrics() {
        return Schema.newBuilder()
                .column("minute", DataTypes.TIMESTAMP(0))
                .column("project_id", DataTypes.BIGINT())
                .column("event", DataTypes.STRING())
                .column("dimension", DataTypes.STRING())
                .column("value", DataTypes.STRING())
                .column("events", DataTypes.BIGINT())
                .column("uniques", DataTypes.BIGINT())
                .build();
    }
}
