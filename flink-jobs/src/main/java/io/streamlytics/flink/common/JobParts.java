package io.streamlytics.flink.common;

import io.streamlytics.core.clickhouse.ClickHouse;
import io.streamlytics.core.clickhouse.ClickHouseMigrations;
import io.streamlytics.core.clickhouse.ClickHouseSettings;
import io.streamlytics.core.config.PlatformConfig;
import io.streamlytics.flink.clickhouse.ClickHouseSink;
import io.streamlytics.flink.clickhouse.PartitionFilter;
import io.streamlytics.flink.clickhouse.RowFormat;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** Sources and sinks every job wires the same way. */
public final class JobParts {
    private JobParts() {}

    /**
     * What every job does first: bring the ClickHouse tables up to date, and checkpoint exactly
     * once at the configured interval. Returns where ClickHouse is.
     */
    public static ClickHouseSettings prepare(
            StreamExecutionEnvironment env, PlatformConfig config) {
        ClickHouseSettings clickhouse = ClickHouseSettings.from(config.clickhouse());
        try (ClickHouse client = ClickHouse.connect(clickhouse)) {
            new ClickHouseMigrations(client).apply();
        }
        env.enableCheckpointing(
                config.flink().checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        return clickhouse;
    }

    /**
     * A read_committed Kafka source from the committed offsets of {@code groupId} (the earliest for
     * a new group), bounded at {@code stopAt} when set.
     */
    public static <T> KafkaSource<T> kafkaSource(
            String bootstrap,
            String topic,
            String groupId,
            KafkaRecordDeserializationSchema<T> deserializer,
            OffsetsInitializer stopAt) {
        var builder =
                KafkaSource.<T>builder()
                        .setBootstrapServers(bootstrap)
                        .setTopics(topic)
                        .setGroupId(groupId)
                        .setStartingOffsets(
                                OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                        .setDeserializer(deserializer)
                        .setProperty("isolation.level", "read_committed");
        if (stopAt != null) {
            builder.setBounded(stopAt);
        }
        return builder.build();
    }

    /**
     * Writes {@code rows} to {@code table} exactly once; the sink's uid is named after the table.
     */
    public static <T> void toClickHouse(
            DataStream<T> rows,
            ClickHouseSettings clickhouse,
            String table,
            RowFormat<T> format,
            PartitionFilter partitions) {
        rows.sinkTo(
                        new ClickHouseSink<>(
                                clickhouse,
                                table,
                                format,
                                partitions,
                                ClickHouseSink.DEFAULT_MAX_ROWS_PER_BATCH))
                .uid("clickhouse-" + table.replace('_', '-') + "-sink")
                .name("ClickHouse " + table);
    }
}
