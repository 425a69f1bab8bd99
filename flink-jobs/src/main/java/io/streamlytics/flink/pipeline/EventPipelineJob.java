package io.streamlytics.flink.pipeline;

import io.streamlytics.core.clickhouse.ClickHouseSettings;
import io.streamlytics.core.config.PlatformConfig;
import io.streamlytics.core.postgres.PostgresSettings;
import io.streamlytics.core.postgres.Projects;
import io.streamlytics.flink.clickhouse.Unpartitioned;
import io.streamlytics.flink.common.JobParts;
import io.streamlytics.flink.identity.AliasRowFormat;
import io.streamlytics.flink.identity.PersonRowFormat;
import io.streamlytics.flink.pipeline.records.EnrichedEventSerializer;
import io.streamlytics.flink.pipeline.records.EventRowFormat;
import io.streamlytics.flink.pipeline.records.RawRecordDeserializer;
import io.streamlytics.flink.quality.DataQuality;
import io.streamlytics.flink.quality.DataQualityRow;
import io.streamlytics.flink.quality.DataQualityRowFormat;
import io.streamlytics.flink.sessions.CountTooLate;
import io.streamlytics.flink.sessions.ProjectSessionRules;
import io.streamlytics.flink.sessions.SessionRowFormat;
import io.streamlytics.flink.sessions.SessionRules;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Kafka {@code events.raw} → decode → dedup → identity → person properties → sessions → ClickHouse
 * {@code events}, {@code persons}, {@code person_aliases}, {@code sessions}, and Kafka {@code
 * events.enriched}, exactly once. Undecodable records go to {@code events.dlq}; the accepted events
 * and {@code events.dlq} feed {@code data_quality}.
 */
public final class EventPipelineJob {
    public static final String NAME = "event-pipeline";

    private EventPipelineJob() {}

    public static void main(String[] args) throws Exception {
        PlatformConfig config = PlatformConfig.fromEnvironment();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        if (env.getConfiguration()
                .getOptional(
                        org.apache.flink.configuration.CheckpointingOptions.CHECKPOINTS_DIRECTORY)
                .isEmpty()) {
            // checkpoints carry a checkpoint interval's rows for ClickHouse: the JobManager's
            // memory storage (5 MB at most) fails them under load and the job restarts forever
            throw new IllegalStateException(
                    "set execution.checkpointing.dir (durable storage shared by the cluster) before"
                            + " running "
                            + NAME);
        }
        configure(env, config);
        env.execute(NAME);
    }

    /**
     * Applies the ClickHouse migrations, reads the projects' session rules from PostgreSQL, then
     * adds the pipeline to {@code env}.
     */
    public static void configure(StreamExecutionEnvironment env, PlatformConfig config) {
        configure(
                env,
                config,
                null,
                sessionRules(
                        config,
                        new Projects(PostgresSettings.from(config.postgres())).sessionSettings()));
    }

    /**
     * As {@link #configure(StreamExecutionEnvironment, PlatformConfig)} with the session rules
     * given; with {@code stopAt} set the Kafka sources are bounded there, so a test job finishes
     * (its final checkpoint commits).
     */
    public static void configure(
            StreamExecutionEnvironment env,
            PlatformConfig config,
            OffsetsInitializer stopAt,
            ProjectSessionRules sessionRules) {
        ClickHouseSettings clickhouse = JobParts.prepare(env, config);
        // Safe here: no function keeps a reference to a record it received, and the sinks and the
        // data-quality map that share the sessionized events only read them. Saves a deep copy of
        // every event for each of those consumers.
        env.getConfig().enableObjectReuse();
        String bootstrap = config.kafka().effectiveBootstrapServers();

        EventPipeline.Outputs outputs =
                EventPipeline.build(
                        env.fromSource(
                                        JobParts.kafkaSource(
                                                bootstrap,
                                                config.kafka().rawTopic(),
                                                NAME,
                                                new RawRecordDeserializer(),
                                                stopAt),
                                        WatermarkStrategy.noWatermarks(),
                                        "events.raw")
                                .uid("events-raw-source"),
                        config.flink().dedupWindow(),
                        sessionRules);
        JobParts.toClickHouse(
                outputs.events(),
                clickhouse,
                "events",
                new EventRowFormat(),
                EventRowFormat.PARTITION_FILTER);
        JobParts.toClickHouse(
                outputs.persons(),
                clickhouse,
                "persons",
                new PersonRowFormat(),
                Unpartitioned.FILTER);
        JobParts.toClickHouse(
                outputs.aliases(),
                clickhouse,
                "person_aliases",
                new AliasRowFormat(),
                Unpartitioned.FILTER);
        outputs.events()
                .sinkTo(
                        KafkaSink.<io.streamlytics.core.event.Event>builder()
                                .setBootstrapServers(bootstrap)
                                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                                .setTransactionalIdPrefix(NAME + "-enriched")
                                // within the default transaction.max.timeout.ms of brokers (15 min)
                                .setProperty("transaction.timeout.ms", "900000")
                                .setRecordSerializer(
                                        new EnrichedEventSerializer(config.kafka().enrichedTopic()))
                                .build())
                .uid("kafka-enriched-sink")
                .name("events.enriched");

        DataStream<DataQualityRow> quality =
                DataQuality.build(
                        outputs.events(),
                        env.fromSource(
                                        JobParts.kafkaSource(
                                                bootstrap,
                                                config.kafka().dlqTopic(),
                                                NAME + "-data-quality",
                                                KafkaRecordDeserializationSchema.valueOnly(
                                                        new RawBytes()),
                                                stopAt),
                                        WatermarkStrategy.noWatermarks(),
                                        "events.dlq")
                                .uid("events-dlq-source"));
        JobParts.toClickHouse(
                quality,
                clickhouse,
                "data_quality",
                new DataQualityRowFormat(),
                DataQualityRowFormat.PARTITION_FILTER);

        JobParts.toClickHouse(
                outputs.sessions(),
                clickhouse,
                "sessions",
                new SessionRowFormat(),
                SessionRowFormat.PARTITION_FILTER);
        outputs.tooLateForSessions()
                .filter(new CountTooLate())
                .uid("count-too-late")
                .name("count events too late for sessions")
                .sinkTo(new DiscardingSink<>())
                .uid("too-late-discard");
        outputs.deadLetters()
                .sinkTo(
                        KafkaSink.<byte[]>builder()
                                .setBootstrapServers(bootstrap)
                                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                                .setRecordSerializer(
                                        KafkaRecordSerializationSchema.<byte[]>builder()
                                                .setTopic(config.kafka().dlqTopic())
                                                .setValueSerializationSchema(
                                                        new PassThroughSerializer())
                                                .build())
                                .build())
                .uid("dlq-sink")
                .name("events.dlq");
    }

    /**
     * The session rules: the platform's defaults ({@code ANALYTICS_SESSION_*}) where a project sets
     * none of its own.
     */
    public static ProjectSessionRules sessionRules(
            PlatformConfig config, Map<Long, Projects.SessionSettings> projects) {
        PlatformConfig.Flink flink = config.flink();
        SessionRules defaults =
                SessionRules.of(
                        flink.sessionGap(),
                        flink.sessionMaxLength(),
                        zone(flink.sessionMidnightZone()));
        Map<Long, SessionRules> own = new HashMap<>();
        projects.forEach(
                (project, s) ->
                        own.put(
                                project,
                                SessionRules.of(
                                        s.gapMinutes() == null
                                                ? flink.sessionGap()
                                                : Duration.ofMinutes(s.gapMinutes()),
                                        s.maxHours() == null
                                                ? flink.sessionMaxLength()
                                                : Duration.ofHours(s.maxHours()),
                                        zone(
                                                s.midnightZone() == null
                                                        ? flink.sessionMidnightZone()
                                                        : s.midnightZone()))));
        return new ProjectSessionRules(defaults, own);
    }

    /** The platform's session rules for every project, whatever the projects set. */
    public static ProjectSessionRules defaultSessionRules(PlatformConfig config) {
        return sessionRules(config, Map.of());
    }

    private static ZoneId zone(String id) {
        return id.isEmpty() ? null : ZoneId.of(id);
    }

    /** Dead letters are read as the bytes they are. */
    static final class RawBytes
            implements org.apache.flink.api.common.serialization.DeserializationSchema<byte[]> {
        @Override
        public byte[] deserialize(byte[] message) {
            return message;
        }

        @Override
        public boolean isEndOfStream(byte[] next) {
            return false;
        }

        @Override
        public org.apache.flink.api.common.typeinfo.TypeInformation<byte[]> getProducedType() {
            return org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo
                    .BYTE_PRIMITIVE_ARRAY_TYPE_INFO;
        }
    }

    /** DLQ records are already JSON bytes. */
    static final class PassThroughSerializer
            implements org.apache.flink.api.common.serialization.SerializationSchema<byte[]> {
        @Override
        public byte[] serialize(byte[] element) {
            return element;
        }
    }

    /** Starts the job without blocking (the local stack runs it on a MiniCluster). */
    public static JobClient start(StreamExecutionEnvironment env, PlatformConfig config)
            throws Exception {
        configure(env, config);
        return env.executeAsync(NAME);
    }
}
