package io.streamlytics.flink.rules;

import io.streamlytics.ceprules.rule.Detection;
import io.streamlytics.ceprules.rule.ProjectRule;
import io.streamlytics.ceprules.rule.Rule;
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
 * Kafka {@code events.enriched} → the enabled rules of every project, as two jobs ({@link Part}):
 * alert rules → alerts to Kafka {@code alerts} exactly once; funnel rules → funnel steps to
 * ClickHouse {@code funnel_progress} exactly once and live funnel counts to Redis (absolute values
 * from checkpointed state: a replay writes them again). The rules are read when a job starts: a
 * changed rule set restarts the job it belongs to from a savepoint (docs/rules.md, "How rule
 * changes reach the job").
 */
public final class RulesJob {
    /**
     * The rules are run by two jobs so that an alert waits only for the alert rules' checkpoints:
     * an alert is readable once the checkpoint after it completes, and the funnels' partial matches
     * (kept as long as a funnel's window) made those checkpoints four times longer.
     */
    public enum Part {
        /**
         * Named "rules", as the one job before funnels moved out: its savepoints restore. Both
         * parts keep that job's operator uids, so the funnels job's first start can restore its
         * rules' state and the source's offsets from the same savepoint.
         */
        ALERTS("rules", Rule.Type.ALERT),
        FUNNELS("funnels", Rule.Type.FUNNEL);

        private final String jobName;
        private final Rule.Type type;

        Part(String jobName, Rule.Type type) {
            this.jobName = jobName;
            this.type = type;
        }

        public String jobName() {
            return jobName;
        }

        /** The rules this part runs. */
        public List<ProjectRule> of(List<ProjectRule> rules) {
            return rules.stream().filter(r -> r.rule().type() == type).toList();
        }

        /** {@code alerts} or {@code funnels}, as the job's argument names it. */
        public static Part named(String name) {
            for (Part part : values()) {
                if (part.name().equalsIgnoreCase(name)) {
                    return part;
                }
            }
            throw new IllegalArgumentException(
                    "unknown rules job '" + name + "': expected alerts or funnels");
        }
    }

    /** How often live funnel counts are written to Redis. */
    static final Duration FUNNEL_COUNTS_FLUSH = Duration.ofMillis(500);

    private RulesJob() {}

    /** {@code RulesJob alerts} or {@code RulesJob funnels}. */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: RulesJob alerts|funnels");
        }
        Part part = Part.named(args[0]);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        PlatformConfig config = PlatformConfig.fromEnvironment();
        configure(env, config, null, rules(config), part);
        env.execute(part.jobName());
    }

    /** Every enabled rule's newest version, as PostgreSQL holds them now. */
    public static List<ProjectRule> rules(PlatformConfig config) {
        return StoredRules.read(
                new RuleDefinitions(PostgresSettings.from(config.postgres())).enabled());
    }

    /**
     * Adds {@code part}'s job, running its share of {@code rules}, to {@code env}; with {@code
     * stopAt} set the Kafka source is bounded there, so a test job finishes.
     */
    public static void configure(
            StreamExecutionEnvironment env,
            PlatformConfig config,
            OffsetsInitializer stopAt,
            List<ProjectRule> rules,
            Part part) {
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
                                        part.jobName(),
                                        new RuleEventDeserializer(),
                                        stopAt),
                                LiveWatermarks.strategy(config.flink().rulesLateness()),
                                "events.enriched")
                        .uid("rules-events-enriched-source");
        RulesPipeline.Outputs outputs = RulesPipeline.build(events, part.of(rules));
        if (part == Part.ALERTS) {
            toKafka(outputs.alerts(), config);
        } else {
            toRedisAndClickHouse(outputs.progress(), config, clickhouse);
        }
    }

    private static void toKafka(DataStream<Detection> alerts, PlatformConfig config) {
        alerts.sinkTo(
                        KafkaSink.<Detection>builder()
                                .setBootstrapServers(config.kafka().effectiveBootstrapServers())
                                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                                .setTransactionalIdPrefix(Part.ALERTS.jobName() + "-alerts")
                                // within the default transaction.max.timeout.ms of brokers (15 min)
                                .setProperty("transaction.timeout.ms", "900000")
                                .setRecordSerializer(
                                        new AlertSerializer(config.kafka().alertsTopic()))
                                .build())
                .uid("kafka-alerts-sink")
                .name("alerts");
    }

    private static void toRedisAndClickHouse(
            DataStream<FunnelProgress> progress,
            PlatformConfig config,
            ClickHouseSettings clickhouse) {
        progress.keyBy(FunnelCounts::key)
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
                progress,
                clickhouse,
                "funnel_progress",
                new FunnelProgressRowFormat(),
                FunnelProgressRowFormat.PARTITION_FILTER);
    }
}
