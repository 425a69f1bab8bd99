package io.streamlytics.flink;

import io.streamlytics.core.config.PlatformConfig;
import io.streamlytics.devstack.KafkaBroker;
import java.util.Map;

/**
 * A pipeline configuration of its own for one test: topics {@code raw-}, {@code dlq-}, {@code
 * enriched-} and database {@code <prefix>_} followed by {@code suffix}, created on the broker.
 */
public final class TestPipelineConfig {
    private TestPipelineConfig() {}

    public static PlatformConfig create(
            KafkaBroker kafka,
            String clickhouseUrl,
            String clickhousePassword,
            String databasePrefix,
            String suffix,
            long checkpointIntervalMs) {
        return create(
                kafka,
                clickhouseUrl,
                clickhousePassword,
                databasePrefix,
                suffix,
                checkpointIntervalMs,
                Map.of());
    }

    /** As above, with more settings ({@code ANALYTICS_*} variables) on top. */
    public static PlatformConfig create(
            KafkaBroker kafka,
            String clickhouseUrl,
            String clickhousePassword,
            String databasePrefix,
            String suffix,
            long checkpointIntervalMs,
            Map<String, String> more) {
        kafka.createTopics(
                2, "raw-" + suffix, "dlq-" + suffix, "enriched-" + suffix, "alerts-" + suffix);
        Map<String, String> env = new java.util.HashMap<>(more);
        env.putAll(
                Map.of(
                        "ANALYTICS_KAFKA_BOOTSTRAP",
                        kafka.bootstrapServers(),
                        "ANALYTICS_TOPIC_RAW",
                        "raw-" + suffix,
                        "ANALYTICS_TOPIC_DLQ",
                        "dlq-" + suffix,
                        "ANALYTICS_TOPIC_ENRICHED",
                        "enriched-" + suffix,
                        "ANALYTICS_TOPIC_ALERTS",
                        "alerts-" + suffix,
                        "ANALYTICS_CLICKHOUSE_URL",
                        clickhouseUrl,
                        "ANALYTICS_CLICKHOUSE_PASSWORD",
                        clickhousePassword,
                        "ANALYTICS_CLICKHOUSE_DATABASE",
                        databasePrefix + "_" + suffix,
                        "ANALYTICS_CHECKPOINT_INTERVAL_MS",
                        Long.toString(checkpointIntervalMs)));
        return PlatformConfig.fromEnvironment(env);
    }
}
