package io.streamlytics.flink.pipeline;

import io.streamlytics.core.event.Event;
import io.streamlytics.flink.identity.AliasRow;
import io.streamlytics.flink.identity.IdentityLinks;
import io.streamlytics.flink.identity.IdentityMessage;
import io.streamlytics.flink.identity.PersonProperties;
import io.streamlytics.flink.identity.PersonRow;
import io.streamlytics.flink.identity.ResolvePerson;
import io.streamlytics.flink.pipeline.functions.DecodeEvent;
import io.streamlytics.flink.pipeline.functions.DeduplicateByInsertId;
import io.streamlytics.flink.pipeline.records.RawRecord;
import io.streamlytics.flink.sessions.ProjectSessionRules;
import io.streamlytics.flink.sessions.SessionRow;
import io.streamlytics.flink.sessions.Sessions;
import java.time.Duration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The event pipeline's logic, free of sources and sinks: decode; drop repeated insert ids; resolve
 * each distinct id to its person and apply person properties; assign sessions. {@link
 * EventPipelineJob} plugs in Kafka and ClickHouse; tests plug in bounded streams.
 */
public final class EventPipeline {
    /** How far behind the newest event time an event may arrive before it counts as late. */
    public static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(30);

    /** How late an event may be and still update its session. */
    public static final Duration SESSION_LATENESS = Duration.ofHours(1);

    /** The pipeline's outputs, one per ClickHouse table, plus records for the dead-letter topic. */
    public record Outputs(
            DataStream<Event> events,
            DataStream<SessionRow> sessions,
            DataStream<Event> tooLateForSessions,
            DataStream<PersonRow> persons,
            DataStream<AliasRow> aliases,
            DataStream<byte[]> deadLetters) {}

    private EventPipeline() {}

    public static Outputs build(
            DataStream<RawRecord> raw, Duration dedupWindow, ProjectSessionRules sessionRules) {
        SingleOutputStreamOperator<Event> decoded =
                raw.process(new DecodeEvent()).uid("decode-events").name("decode events");
        SingleOutputStreamOperator<Event> resolved =
                decoded.keyBy(DeduplicateByInsertId::key)
                        .process(new DeduplicateByInsertId(dedupWindow))
                        .uid("dedup-insert-id")
                        .name("deduplicate by insert_id")
                        .flatMap(new IdentityLinks())
                        .uid("identity-links")
                        .name("identity links")
                        .keyBy(IdentityMessage::key)
                        .process(new ResolvePerson())
                        .uid("resolve-person")
                        .name("resolve person");
        SingleOutputStreamOperator<Event> withPersons =
                resolved.keyBy(PersonProperties::key)
                        .process(new PersonProperties())
                        .uid("person-properties")
                        .name("person properties");
        Sessions.Outputs sessions =
                Sessions.build(
                        withPersons
                                .assignTimestampsAndWatermarks(
                                        Sessions.watermarks(OUT_OF_ORDERNESS))
                                .uid("session-watermarks")
                                .name("event time"),
                        sessionRules,
                        SESSION_LATENESS);
        return new Outputs(
                sessions.events(),
                sessions.rows(),
                sessions.tooLate(),
                withPersons.getSideOutput(PersonProperties.PERSONS),
                resolved.getSideOutput(ResolvePerson.ALIASES),
                decoded.getSideOutput(DecodeEvent.UNDECODABLE));
    }
}
