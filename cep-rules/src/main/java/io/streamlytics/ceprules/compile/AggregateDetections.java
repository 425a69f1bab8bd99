package io.streamlytics.ceprules.compile;

import io.streamlytics.ceprules.rule.Aggregate;
import io.streamlytics.ceprules.rule.Detection;
import io.streamlytics.ceprules.rule.Rule;
import io.streamlytics.ceprules.rule.RuleEvent;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;

/** An aggregate alert rule over a stream of events (with event-time timestamps). */
public final class AggregateDetections {
    private AggregateDetections() {}

    public static DataStream<Detection> of(DataStream<RuleEvent> events, Rule rule, String uid) {
        Aggregate aggregate = rule.aggregate();
        DataStream<RuleEvent> matching =
                events.filter(aggregate::matches)
                        .name("rule " + rule.id() + " events")
                        .uid(uid + "-events");
        return ofMatching(matching.keyBy(rule.key()::of), rule, uid);
    }

    /**
     * The same over events already keyed by the rule's key and cut to those its aggregate takes.
     */
    public static DataStream<Detection> ofMatching(
            KeyedStream<RuleEvent, String> matching, Rule rule, String uid) {
        return matching.process(
                        rule.aggregate().when() instanceof Aggregate.Absence
                                ? new AbsenceFunction(rule)
                                : new WindowedMeasure(rule))
                .name("rule " + rule.id())
                .uid(uid);
    }
}
