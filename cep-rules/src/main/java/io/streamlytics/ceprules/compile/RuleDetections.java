package io.streamlytics.ceprules.compile;

import io.streamlytics.ceprules.rule.Detection;
import io.streamlytics.ceprules.rule.Rule;
import io.streamlytics.ceprules.rule.RuleEvent;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Any rule over a stream of events with event-time timestamps: its detections. */
public final class RuleDetections {
    private RuleDetections() {}

    public static DataStream<Detection> of(DataStream<RuleEvent> events, Rule rule) {
        return rule.sequence()
                ? SequenceDetections.of(events, rule)
                : AggregateDetections.of(events, rule);
    }
}
