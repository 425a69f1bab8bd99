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
        kafka.createTopics(2, "raw-" + suffix, "dlq-" + suffix, "enriched-" + suffix);
        return PlatformConfig.fromEnvironment(
                Map.of(
                        "ANALYTICS_KAFKA_BOOTSTRAP",
                        kafka.bootstrapServers(),
                        "ANALYTICS_TOPIC_RAW",
                        "raw-" + suffix,
                        "ANALYTICS_TOPIC_DLQ",
                        "dlq-" + suffix,
                        "ANALYTICS_TOPIC_ENRICHED",
                        "enriched-" + suffix,
                        "ANALYTICS_CLICKHOUSE_URL",
                        clickhouseUrl,
                        "ANALYTICS_CLICKHOUSE_PASSWORD",
                        clickhousePassword,
                        "ANALYTICS_CLICKHOUSE_DATABASE",
                        databasePrefix + "_" + suffix,
                        "ANALYTICS_CHECKPOINT_INTERVAL_MS",
                        Long.toString(checkpointIntervalMs)));
    }
}
