package io.streamlytics.flink.rules;

import io.streamlytics.ceprules.rule.Detection;
import io.streamlytics.ceprules.rule.ProjectRule;
import io.streamlytics.ceprules.rule.RuleEvent;
import io.streamlytics.ceprules.store.StoredRules;
import io.streamlytics.core.clickhouse.ClickHouseSettings;
import io.streamlytics.core.config.PlatformConfig;
import io.streamlytics.core.postgres.PostgresSettings;
import io.streamlytics.core.postgres.RuleDefinitions;
import io.streamlytics.flink.common.JobParts;
import java.util.List;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Kafka {@code events.enriched} → every enabled rule of every project → alerts to Kafka {@code
 * alerts} and funnel steps to ClickHouse {@code funnel_progress}, both exactly once. The rules are
 * read when the job starts: a changed rule set restarts the job from a savepoint (docs/rules.md,
 * "How rule changes reach the job").
 */
public final class RulesJob {
    public static final String NAME = "rules";

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
        JobParts.toClickHouse(
                outputs.progress(),
                clickhouse,
                "funnel_progress",
                new FunnelProgressRowFormat(),
                FunnelProgressRowFormat.PARTITION_FILTER);
    }
}
