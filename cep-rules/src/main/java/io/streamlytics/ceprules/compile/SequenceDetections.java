package io.streamlytics.ceprules.compile;

import io.streamlytics.ceprules.rule.Detection;
import io.streamlytics.ceprules.rule.Rule;
import io.streamlytics.ceprules.rule.RuleEvent;
import io.streamlytics.ceprules.rule.Step;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.util.Collector;

/** A sequence rule over a stream of events (with event-time timestamps): its detections. */
public final class SequenceDetections {
    private SequenceDetections() {}

    public static DataStream<Detection> of(DataStream<RuleEvent> events, Rule rule, String uid) {
        return of(events.keyBy(rule.key()::of), rule, uid);
    }

    /** The same over events already keyed by the rule's key. */
    public static DataStream<Detection> of(
            KeyedStream<RuleEvent, String> keyed, Rule rule, String uid) {
        return CEP.pattern(keyed, PatternCompiler.compile(rule))
                .inEventTime()
                .process(new ToDetection(rule))
                .name("rule " + rule.id())
                .uid(uid);
    }

    /** A match as a detection: its steps in the rule's order, absent ones left out. */
    static final class ToDetection extends PatternProcessFunction<RuleEvent, Detection> {
        private final Rule rule;

        ToDetection(Rule rule) {
            this.rule = rule;
        }

        @Override
        public void processMatch(
                Map<String, List<RuleEvent>> match, Context ctx, Collector<Detection> out) {
            Detection d = new Detection();
            d.ruleId = rule.id();
            StringJoiner summary = new StringJoiner(", ");
            for (Step step : rule.steps()) {
                List<RuleEvent> events = match.get(step.name());
                if (events == null) {
                    continue;
                }
                Detection.MatchedStep matched = new Detection.MatchedStep();
                matched.name = step.name();
                for (RuleEvent e : events) {
                    matched.insertIds.add(e.insertId);
                    matched.timestamps.add(e.timestamp);
                    d.projectId = e.projectId;
                    d.key = rule.key().value(e);
                    d.at = Math.max(d.at, e.timestamp);
                }
                d.steps.add(matched);
                summary.add(step.name() + " at " + Instant.ofEpochMilli(events.get(0).timestamp));
            }
            if (rule.steps().get(rule.steps().size() - 1).absent()) {
                // CEP emits the match with whatever event or watermark comes after the deadline;
                // what happened is that the rule's time from the first step ran out
                long first = match.get(rule.steps().get(0).name()).get(0).timestamp;
                d.at = first + rule.within().toMillis();
            }
            d.summary = summary.toString();
            out.collect(d);
        }
    }
}
