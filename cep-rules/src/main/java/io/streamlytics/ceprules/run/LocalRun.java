package io.streamlytics.ceprules.run;

import io.streamlytics.ceprules.compile.RuleDetections;
import io.streamlytics.ceprules.rule.Detection;
import io.streamlytics.ceprules.rule.Rule;
import io.streamlytics.ceprules.rule.RuleEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * A rule over a finite list of events, as a bounded Flink job: what {@code rules test} prints and
 * what the compiler's tests check. The events are taken as all that happened until the rule's
 * horizon after the last of them (its window, or its {@code within}): detections up to then are
 * kept, so pending windows close and absent steps' deadlines pass, and later ones (a week of empty
 * windows judged after the input ends) are not.
 */
public final class LocalRun {
    private LocalRun() {}

    /** The detections in event-time order (then by key). */
    public static List<Detection> detections(
            StreamExecutionEnvironment env, Rule rule, List<RuleEvent> events) throws Exception {
        long last = events.stream().mapToLong(e -> e.timestamp).max().orElse(0);
        Duration horizon = rule.sequence() ? rule.within() : rule.aggregate().window();
        return detections(env, rule, events, last + horizon.toMillis());
    }

    /**
     * Event time advances after each event to just before the next one, as in a stream that is
     * never behind: a periodic watermark would jump from the first event to the last of a small
     * file at once, and one that follows each event (Flink emits it after the event) would let the
     * next event cancel a deadline before the deadline is seen to pass.
     */
    private static final class UpToTheNext implements WatermarkGenerator<RuleEvent> {
        private final long[] timestamps;
        private int seen;

        UpToTheNext(long[] timestamps) {
            this.timestamps = timestamps;
        }

        @Override
        public void onEvent(RuleEvent event, long timestamp, WatermarkOutput output) {
            seen++;
            if (seen < timestamps.length) {
                output.emitWatermark(new Watermark(timestamps[seen] - 1));
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {}
    }

    /** The detections up to {@code until} (epoch ms, inclusive). */
    public static List<Detection> detections(
            StreamExecutionEnvironment env, Rule rule, List<RuleEvent> events, long until)
            throws Exception {
        List<RuleEvent> ordered = new ArrayList<>(events);
        ordered.sort(Comparator.comparingLong(e -> e.timestamp));
        long[] timestamps = ordered.stream().mapToLong(e -> e.timestamp).toArray();
        DataStream<RuleEvent> stream =
                env.fromData(ordered, TypeInformation.of(RuleEvent.class))
                        // one reader of the ordered list: an idle second one would hold event time
                        // back until the end
                        .setParallelism(1)
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<RuleEvent>forGenerator(
                                                c -> new UpToTheNext(timestamps))
                                        .withTimestampAssigner((e, previous) -> e.timestamp))
                        .setParallelism(1);
        List<Detection> found = new ArrayList<>();
        try (CloseableIterator<Detection> it =
                RuleDetections.of(stream, rule).executeAndCollect("rule " + rule.id())) {
            it.forEachRemaining(
                    d -> {
                        if (d.at <= until) {
                            found.add(d);
                        }
                    });
        }
        found.sort(
                Comparator.comparingLong((Detection d) -> d.at)
                        .thenComparing(d -> d.key)
                        .thenComparing(d -> !d.firing));
        return found;
    }
}
