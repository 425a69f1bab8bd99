package io.streamlytics.flink.quality;

import io.streamlytics.core.event.Event;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Data quality per project and event name and hour, from the accepted events and the dead letters
 * ({@link DataQualityCheck}). {@code events} must carry event-time watermarks.
 */
public final class DataQuality {
    /** How long after an hour ends (in event time) its row is written. */
    public static final Duration HOUR_CLOSES_AFTER = Duration.ofMinutes(5);

    private DataQuality() {}

    public static SingleOutputStreamOperator<DataQualityRow> build(
            DataStream<Event> events, DataStream<byte[]> deadLetters) {
        DataStream<QualitySample> rejected =
                deadLetters
                        .flatMap(new DeadLetterSamples())
                        .uid("dead-letter-samples")
                        .name("read dead letters")
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<QualitySample>forBoundedOutOfOrderness(
                                                Duration.ofSeconds(30))
                                        .withTimestampAssigner((s, previous) -> s.time)
                                        .withIdleness(Duration.ofMinutes(1)))
                        .uid("dead-letter-watermarks")
                        .name("receive time");
        return events.map(QualitySample::of)
                .uid("quality-samples")
                .name("quality samples")
                .union(rejected)
                .keyBy(s -> s.projectId + ":" + s.event)
                .process(new DataQualityCheck(HOUR_CLOSES_AFTER))
                .uid("data-quality")
                .name("data quality");
    }
}
