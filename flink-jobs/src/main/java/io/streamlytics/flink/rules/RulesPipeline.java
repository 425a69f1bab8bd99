package io.streamlytics.flink.rules;

import io.streamlytics.ceprules.compile.RuleDetections;
import io.streamlytics.ceprules.compile.SequenceDetections;
import io.streamlytics.ceprules.rule.Detection;
import io.streamlytics.ceprules.rule.Key;
import io.streamlytics.ceprules.rule.ProjectRule;
import io.streamlytics.ceprules.rule.Rule;
import io.streamlytics.ceprules.rule.RuleEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.util.Collector;

/**
 * Every rule over the events (with event-time timestamps): alert rules give detections, funnel
 * rules the steps keys reach. Rules that follow the same key (person, session, project, a property)
 * share one keyed exchange: the events any of them can react to, stripped to the properties they
 * read ({@link KeyGroup}), are sent once, and each rule's scope filter and keyed CEP or aggregate
 * operator are chained behind that exchange. Each rule's operator is named by {@link
 * ProjectRule#uid()}; a funnel of n steps runs n prefixes of itself, so each step is counted as it
 * is reached.
 */
public final class RulesPipeline {
    private RulesPipeline() {}

    /**
     * What the rules give; each stream is joined from its rules' operators when asked for, so a job
     * running one kind of rule has no operator for the other.
     */
    public static final class Outputs {
        private final DataStream<RuleEvent> events;
        private final List<DataStream<Detection>> alerts;
        private final List<DataStream<FunnelProgress>> progress;

        Outputs(
                DataStream<RuleEvent> events,
                List<DataStream<Detection>> alerts,
                List<DataStream<FunnelProgress>> progress) {
            this.events = events;
            this.alerts = alerts;
            this.progress = progress;
        }

        public DataStream<Detection> alerts() {
            return union(events, alerts, Detection.class);
        }

        public DataStream<FunnelProgress> progress() {
            return union(events, progress, FunnelProgress.class);
        }
    }

    public static Outputs build(DataStream<RuleEvent> events, List<ProjectRule> rules) {
        List<DataStream<Detection>> alerts = new ArrayList<>();
        List<DataStream<FunnelProgress>> progress = new ArrayList<>();
        Map<Key, List<ProjectRule>> byKey = new TreeMap<>(Comparator.comparing(KeyGroup::name));
        rules.forEach(r -> byKey.computeIfAbsent(r.rule().key(), k -> new ArrayList<>()).add(r));
        byKey.forEach(
                (key, group) -> {
                    String name = "rules-by-" + KeyGroup.name(key);
                    KeySelector<RuleEvent, String> selector = key::of;
                    DataStream<RuleEvent> shared =
                            events.process(new KeyGroup(group))
                                    .uid(name + "-events")
                                    .name("events for rules by " + KeyGroup.name(key))
                                    .keyBy(selector)
                                    .map(new Shared())
                                    .uid(name)
                                    .name("rules by " + KeyGroup.name(key));
                    for (ProjectRule rule : group) {
                        KeyedStream<RuleEvent, String> scoped =
                                DataStreamUtils.reinterpretAsKeyedStream(
                                        shared.filter(new RuleScope(rule))
                                                .uid(rule.uid() + "-scope")
                                                .name("events of " + rule.uid()),
                                        selector);
                        add(rule, scoped, alerts, progress);
                    }
                });
        return new Outputs(events, alerts, progress);
    }

    private static void add(
            ProjectRule rule,
            KeyedStream<RuleEvent, String> scoped,
            List<DataStream<Detection>> alerts,
            List<DataStream<FunnelProgress>> progress) {
        if (rule.rule().type() == Rule.Type.ALERT) {
            alerts.add(
                    RuleDetections.ofKeyed(scoped, rule.rule(), rule.uid())
                            .map(new Versioned(rule.version()))
                            .uid(rule.uid() + "-version")
                            .name("version of " + rule.uid()));
            return;
        }
        int steps = rule.rule().steps().size();
        for (int n = 1; n <= steps; n++) {
            progress.add(
                    SequenceDetections.of(
                                    scoped, rule.rule().firstSteps(n), rule.uid() + "-step-" + n)
                            .flatMap(new ToProgress(rule, n))
                            .uid(rule.uid() + "-step-" + n + "-progress")
                            .name(rule.uid() + " step " + n));
        }
    }

    private static <T> DataStream<T> union(
            DataStream<RuleEvent> events, List<DataStream<T>> streams, Class<T> type) {
        if (streams.isEmpty()) {
            // no rule of this kind: an empty stream keeps the sinks' wiring the same
            return events.flatMap((RuleEvent e, Collector<T> out) -> {})
                    .returns(type)
                    .uid("no-" + type.getSimpleName())
                    .name("no " + type.getSimpleName());
        }
        DataStream<T> all = streams.get(0);
        for (DataStream<T> s : streams.subList(1, streams.size())) {
            all = all.union(s);
        }
        return all;
    }

    /**
     * The one operator behind a key's exchange; its rules' filters and operators chain to it, so an
     * event crosses the network once per key, not once per rule.
     */
    static final class Shared implements MapFunction<RuleEvent, RuleEvent> {
        @Override
        public RuleEvent map(RuleEvent event) {
            return event;
        }
    }

    /** Stamps the rule's version on its detections. */
    static final class Versioned implements MapFunction<Detection, Detection> {
        private final int version;

        Versioned(int version) {
            this.version = version;
        }

        @Override
        public Detection map(Detection d) {
            d.ruleVersion = version;
            return d;
        }
    }

    /** A match of a funnel's first n steps: the key reached step n with the last event. */
    static final class ToProgress implements FlatMapFunction<Detection, FunnelProgress> {
        private final ProjectRule rule;
        private final int step;

        ToProgress(ProjectRule rule, int step) {
            this.rule = rule;
            this.step = step;
        }

        @Override
        public void flatMap(Detection d, Collector<FunnelProgress> out) {
            Detection.MatchedStep last = d.steps.get(d.steps.size() - 1);
            FunnelProgress p = new FunnelProgress();
            p.projectId = rule.projectId();
            p.ruleId = rule.rule().id();
            p.ruleVersion = rule.version();
            p.step = step;
            p.steps = rule.rule().steps().size();
            p.stepName = last.name;
            p.key = d.key;
            p.at = last.timestamps.get(last.timestamps.size() - 1);
            p.insertId = last.insertIds.get(last.insertIds.size() - 1);
            out.collect(p);
        }
    }
}
