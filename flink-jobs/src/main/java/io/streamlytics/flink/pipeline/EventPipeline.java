package io.streamlytics.flink.pipeline;

import io.streamlytics.core.event.Event;
import io.streamlytics.flink.pipeline.functions.DecodeEvent;
import io.streamlytics.flink.pipeline.functions.DeduplicateByInsertId;
import io.streamlytics.flink.pipeline.records.RawRecord;
import java.time.Duration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The event pipeline's logic, free of sources and sinks: decode, then drop repeated insert ids.
 * {@link EventPipelineJob} plugs in Kafka and ClickHouse; tests plug in bounded streams.
 */
public final class EventPipeline {
    /** The pipeline's outputs: events to store, and records for the dead-letter topic. */
    public record Outputs(DataStream<Event> events, DataStream<byte[]> deadLetters) {}

    private EventPipeline() {}

    public static Outputs build(DataStream<RawRecord> raw, Duration dedupWindow) {
        SingleOutputStreamOperator<Event> decoded =
                raw.process(new DecodeEvent()).uid("decode-events").name("decode events");
        DataStream<Event> unique =
                decoded.keyBy(DeduplicateByInsertId::key)
                        .process(new DeduplicateByInsertId(dedupWindow))
                        .uid("dedup-insert-id")
                        .name("deduplicate by insert_id");
        return new Outputs(unique, decoded.getSideOutput(DecodeEvent.UNDECODABLE));
    }
}
