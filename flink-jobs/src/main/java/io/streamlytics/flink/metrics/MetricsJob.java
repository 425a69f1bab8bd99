package io.streamlytics.flink.metrics;

import io.streamlytics.core.clickhouse.ClickHouseSettings;
import io.streamlytics.core.config.PlatformConfig;
import io.streamlytics.core.event.Event;
import io.streamlytics.core.metrics.LiveMetricsLayout;
import io.streamlytics.core.postgres.PostgresSettings;
import io.streamlytics.flink.common.JobParts;
import io.streamlytics.flink.redis.RedisSink;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Kafka {@code events.raw} → live metrics per project, event, breakdown and minute → Redis (live,
 * updated every flush interval) and ClickHouse {@code metrics_1m} (each minute once, exactly once,
 * when final). Reads what the collector accepted rather than the pipeline's {@code
 * events.enriched}: that topic is committed at the pipeline's checkpoints, seconds later, and live
 * numbers must be under a second old. Undecodable records are the pipeline's to report.
 */
public final class MetricsJob {
    public static final String NAME = "metrics";

    private MetricsJob() {}

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        PlatformConfig config = PlatformConfig.fromEnvironment();
        configure(env, config, null, definitions(config), MetricsSettings.defaults());
        env.execute(NAME);
    }

    /** Starts the job without blocking (the local stack runs it on a MiniCluster). */
    public static JobClient start(StreamExecutionEnvironment env, PlatformConfig config)
            throws Exception {
        configure(env, config, null, definitions(config), MetricsSettings.defaults());
        return env.executeAsync(NAME);
    }

    /** The projects' metric definitions as PostgreSQL holds them now and later. */
    public static DefinitionsSource definitions(PlatformConfig config) {
        return DefinitionsSource.postgres(PostgresSettings.from(config.postgres()));
    }

    /**
     * Adds the job to {@code env}; with {@code stopAt} set the Kafka source is bounded there, so a
     * test job finishes.
     */
    public static void configure(
            StreamExecutionEnvironment env,
            PlatformConfig config,
            OffsetsInitializer stopAt,
            DefinitionsSource definitions,
            MetricsSettings settings) {
        ClickHouseSettings clickhouse = JobParts.prepare(env, config);
        // Safe here: no function keeps a reference to a record it received (they copy what they
        // keep), and it spares a copy of every record between chained operators.
        env.getConfig().enableObjectReuse();
        DataStream<MetricEvent> events =
                env.fromSource(
                                JobParts.kafkaSource(
                                        config.kafka().effectiveBootstrapServers(),
                                        config.kafka().rawTopic(),
                                        NAME,
                                        new MetricEventDeserializer(),
                                        stopAt),
                                WatermarkStrategy.<MetricEvent>forBoundedOutOfOrderness(
                                                settings.outOfOrderness())
                                        .withTimestampAssigner((e, previous) -> e.timestamp)
                                        .withIdleness(Duration.ofMinutes(1)),
                                "events.raw")
                        .uid("metrics-events-raw-source");
        // events.enriched is committed with the pipeline's checkpoints: a session start shows a
        // checkpoint interval later than the events themselves
        DataStream<Event> sessionized =
                env.fromSource(
                                JobParts.kafkaSource(
                                        config.kafka().effectiveBootstrapServers(),
                                        config.kafka().enrichedTopic(),
                                        NAME + "-sessions",
                                        new AcceptedEventDeserializer(),
                                        stopAt),
                                // idle quickly: a quiet pipeline must not hold back the minutes
                                WatermarkStrategy.<Event>forBoundedOutOfOrderness(
                                                settings.outOfOrderness())
                                        .withTimestampAssigner((e, previous) -> e.timestamp)
                                        .withIdleness(Duration.ofSeconds(5)),
                                "events.enriched")
                        .uid("metrics-events-enriched-source");
        MetricsPipeline.Outputs outputs =
                MetricsPipeline.build(events, sessionized, definitions, settings);
        String redis = config.redis().effectiveUrl();
        outputs.live()
                .sinkTo(
                        new RedisSink<>(
                                redis,
                                new MinuteMetricWrites(),
                                settings.flushInterval(),
                                LiveMetricsLayout.RETENTION,
                                LiveMetricsLayout.STREAM_LENGTH))
                .uid("redis-metrics-sink")
                .name("Redis live metrics");
        outputs.liveEvents()
                .sinkTo(
                        new RedisSink<>(
                                redis,
                                new LiveEventWrites(),
                                settings.flushInterval(),
                                LiveMetricsLayout.RETENTION,
                                LiveMetricsLayout.STREAM_LENGTH))
                .uid("redis-live-feed-sink")
                .name("Redis live feed");
        JobParts.toClickHouse(
                outputs.finals(),
                clickhouse,
                "metrics_1m",
                new MinuteMetricRowFormat(),
                MinuteMetricRowFormat.PARTITION_FILTER);
    }
}
