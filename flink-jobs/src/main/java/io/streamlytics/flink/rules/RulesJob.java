package io.streamlytics.flink.rules;

import io.streamlytics.ceprules.rule.Detection;
import io.streamlytics.ceprules.rule.ProjectRule;
import io.streamlytics.ceprules.rule.RuleEvent;
import io.streamlytics.ceprules.store.StoredRules;
import io.streamlytics.core.clickhouse.ClickHouseSettings;
import io.streamlytics.core.config.PlatformConfig;
import io.streamlytics.core.metrics.LiveFunnelLayout;
import io.streamlytics.core.postgres.PostgresSettings;
import io.streamlytics.core.postgres.RuleDefinitions;
import io.streamlytics.flink.common.JobParts;
import io.streamlytics.flink.redis.RedisSink;
import java.time.Duration;
import java.util.List;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Kafka {@code events.enriched} → every enabled rule of every project → alerts to Kafka {@code
 * alerts} and funnel steps to ClickHouse {@code funnel_progress}, both exactly once, and live
 * funnel counts to Redis (absolute values from checkpointed state: a replay writes them again). The
 * rules are read when the job starts: a changed rule set restarts the job from a savepoint
 * (docs/rules.md, "How rule changes reach the job").
 */
public final class RulesJob {
    public static final String NAME = "rules";

    /** How often live funnel counts are written to Redis. */
    static final Duration FUNNEL_COUNTS_FLUSH = Duration.ofMillis(500);

    private RulesJob() {}

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        PlatformConfig config = PlatformConfig.fromEnvironment();
        configure(env, config, null, rules(config));
        env.execute(NAME);
    }

    /** Every enabled rule's newest version, as PostgreSQL holds them now. */
    public static List<ProjectRule> rules(PlatformConfig config) {
        return StoredRules.read(
                new RuleDefinitions(PostgresSettings.from(config.postgres())).enabled());
    }

    /**
     * Adds the job to {@code env}; with {@code stopAt} set the Kafka source is bounded there, so a
     * test job finishes.
     */
    public static void configure(
            StreamExecutionEnvironment env,
            PlatformConfig config,
            OffsetsInitializer stopAt,
            List<ProjectRule> rules) {
        ClickHouseSettings clickhouse = JobParts.prepare(env, config);
        // every rule's filter and operator is chained behind its key's exchange: without reuse,
        // each event would be copied once per rule. Safe here: no function changes an event it
        // was given, and events come fresh out of the exchange (CEP keeps them in its state)
        env.getConfig().enableObjectReuse();
        DataStream<RuleEvent> events =
                env.fromSource(
                                JobParts.kafkaSource(
                                        config.kafka().effectiveBootstrapServers(),
                                        config.kafka().enrichedTopic(),
                                        NAME,
                                        new RuleEventDeserializer(),
                                        stopAt),
                                LiveWatermarks.strategy(config.flink().rulesLateness()),
                                "events.enriched")
                        .uid("rules-events-enriched-source");
        RulesPipeline.Outputs outputs = RulesPipeline.build(events, rules);
        outputs.alerts()
                .sinkTo(
                        KafkaSink.<Detection>builder()
                                .setBootstrapServers(config.kafka().effectiveBootstrapServers())
                                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                                .setTransactionalIdPrefix(NAME + "-alerts")
                                // within the default transaction.max.timeout.ms of brokers (15 min)
                                .setProperty("transaction.timeout.ms", "900000")
                                .setRecordSerializer(
                                        new AlertSerializer(config.kafka().alertsTopic()))
                                .build())
                .uid("kafka-alerts-sink")
                .name("alerts");
        outputs.progress()
                .keyBy(FunnelCounts::key)
                .process(new FunnelCounts())
                .uid("funnel-counts")
                .name("funnel counts")
                .sinkTo(
                        new RedisSink<>(
                                        config.redis().effectiveUrl(),
                                        new FunnelCountWrites(),
                                        FUNNEL_COUNTS_FLUSH,
                                        LiveFunnelLayout.RETENTION,
                                        1)
                                .withoutHeartbeat())
                .uid("redis-funnel-counts-sink")
                .name("Redis funnel counts");
        JobParts.toClickHouse(
                outputs.progress(),
                clickhouse,
                "funnel_progress",
                new FunnelProgressRowFormat(),
                FunnelProgressRowFormat.PARTITION_FILTER);
    }
}
