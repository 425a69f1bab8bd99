package io.streamlytics.ceprules.compile;

import io.streamlytics.ceprules.rule.Detection;
import io.streamlytics.ceprules.rule.Rule;
import io.streamlytics.ceprules.rule.RuleEvent;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;

/** Any rule over a stream of events with event-time timestamps: its detections. */
public final class RuleDetections {
    private RuleDetections() {}

    public static DataStream<Detection> of(DataStream<RuleEvent> events, Rule rule) {
        return of(events, rule, "rule-" + rule.id());
    }

    /**
     * The same with the rule's operator under {@code uid}: a job running many rules names each
     * after its project, id and version, so a savepoint restores every unchanged rule's state.
     */
    /**
     * The rule over events already keyed by its key and cut to those it can react to (for an
     * aggregate, those its {@code event} and {@code where} take): many rules share one exchange.
     */
    public static DataStream<Detection> ofKeyed(
            KeyedStream<RuleEvent, String> keyed, Rule rule, String uid) {
        return rule.sequence()
                ? SequenceDetections.of(keyed, rule, uid)
                : AggregateDetections.ofMatching(keyed, rule, uid);
    }

    public static DataStream<Detection> of(DataStream<RuleEvent> events, Rule rule, String uid) {
        return rule.sequence()
                ? SequenceDetections.of(events, rule, uid)
                : AggregateDetections.of(events, rule, uid);
    }
}
