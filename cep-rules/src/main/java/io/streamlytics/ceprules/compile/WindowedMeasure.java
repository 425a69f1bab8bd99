package io.streamlytics.ceprules.compile;

import io.streamlytics.ceprules.rule.Aggregate;
import io.streamlytics.ceprules.rule.Detection;
import io.streamlytics.ceprules.rule.Rule;
import io.streamlytics.ceprules.rule.RuleEvent;
import io.streamlytics.core.text.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * A measure per tumbling window (aligned to the epoch, closed by event time) and the rule's
 * condition on it: threshold, change against the window before, distance from an EWMA baseline or
 * from the same window a week before. A condition becoming true fires, becoming false resolves.
 *
 * <p>Conditions that an empty window can meet (below a threshold, a drop, an anomaly) keep
 * evaluating windows without events for as long as the key had an event in the last 7 days; a
 * firing alert evaluates the next window to resolve. Events of a window already evaluated are left
 * out.
 */
final class WindowedMeasure extends KeyedProcessFunction<String, RuleEvent, Detection> {
    private static final long IDLE = Duration.ofDays(7).toMillis();
    private static final long WEEK = Duration.ofDays(7).toMillis();

    private final Rule rule;
    private final Aggregate aggregate;
    private final long size;
    private transient MapState<Long, Double> values;
    private transient MapState<String, Boolean> people;
    private transient MapState<Long, Double> history;
    private transient ValueState<Double> previous;
    private transient ValueState<Baseline> baseline;
    private transient ValueState<Boolean> firing;
    private transient ValueState<Long> lastEvent;

    WindowedMeasure(Rule rule) {
        this.rule = rule;
        this.aggregate = rule.aggregate();
        this.size = aggregate.window().toMillis();
    }

    @Override
    public void open(OpenContext context) {
        var runtime = getRuntimeContext();
        values = runtime.getMapState(new MapStateDescriptor<>("values", Long.class, Double.class));
        people =
                runtime.getMapState(
                        new MapStateDescriptor<>("people", String.class, Boolean.class));
        history =
                runtime.getMapState(new MapStateDescriptor<>("history", Long.class, Double.class));
        previous = runtime.getState(new ValueStateDescriptor<>("previous", Double.class));
        baseline = runtime.getState(new ValueStateDescriptor<>("baseline", Baseline.class));
        firing = runtime.getState(new ValueStateDescriptor<>("firing", Boolean.class));
        lastEvent = runtime.getState(new ValueStateDescriptor<>("last", Long.class));
    }

    @Override
    public void processElement(RuleEvent event, Context ctx, Collector<Detection> out)
            throws Exception {
        long start = Windows.start(event.timestamp, size);
        long end = start + size - 1;
        if (end <= ctx.timerService().currentWatermark()) {
            return;
        }
        double add =
                switch (aggregate.measure().kind()) {
                    case COUNT -> 1;
                    case UNIQUE_USERS -> people.contains(start + "|" + event.person) ? 0 : 1;
                    case SUM -> number(event.property(aggregate.measure().property()));
                };
        if (aggregate.measure().kind() == Aggregate.Measure.Kind.UNIQUE_USERS) {
            people.put(start + "|" + event.person, true);
        }
        Double sofar = values.get(start);
        values.put(start, (sofar == null ? 0 : sofar) + add);
        ctx.timerService().registerEventTimeTimer(end);
        Long last = lastEvent.value();
        if (last == null || last < event.timestamp) {
            lastEvent.update(event.timestamp);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Detection> out)
            throws Exception {
        long start = timestamp + 1 - size;
        Double measured = values.get(start);
        double value = measured == null ? 0 : measured;
        values.remove(start);
        forgetPeople(start);
        String reason = evaluate(start, value);
        boolean wasFiring = Boolean.TRUE.equals(firing.value());
        if (reason != null && !reason.isEmpty() && !wasFiring) {
            firing.update(true);
            out.collect(detection(ctx.getCurrentKey(), timestamp + 1, true, value, reason));
        } else if (reason != null && reason.isEmpty() && wasFiring) {
            firing.clear();
            out.collect(
                    detection(
                            ctx.getCurrentKey(),
                            timestamp + 1,
                            false,
                            value,
                            describe(start, value) + ", back to normal"));
        }
        Long last = lastEvent.value();
        boolean recent = last != null && last > timestamp - IDLE;
        if (recent && (emptyWindowsCount() || Boolean.TRUE.equals(firing.value()))) {
            ctx.timerService().registerEventTimeTimer(timestamp + size);
        } else if (!recent && values.isEmpty()) {
            // a key quiet for a week is no longer watched, a firing alert of it included
            clearAll();
        }
    }

    /**
     * Why the window fires ("" when it does not, null when it cannot be judged yet), updating the
     * baselines with it.
     */
    private String evaluate(long start, double value) throws Exception {
        Aggregate.Condition when = aggregate.when();
        String window = describe(start, value);
        if (when instanceof Aggregate.Threshold t) {
            if (t.above() != null && value > t.above()) {
                return window + ", above " + format(t.above());
            }
            if (t.below() != null && value < t.below()) {
                return window + ", below " + format(t.below());
            }
            return "";
        }
        if (when instanceof Aggregate.Change c) {
            Double before = previous.value();
            previous.update(value);
            if (before == null || before == 0) {
                return null;
            }
            double percent = (value - before) / before * 100;
            boolean fires =
                    switch (c.direction()) {
                        case UP -> percent >= c.percent();
                        case DOWN -> -percent >= c.percent();
                        case ANY -> Math.abs(percent) >= c.percent();
                    };
            return fires
                    ? String.format(
                            Locale.ROOT,
                            "%s, %+.0f%% on the window before (%s)",
                            window,
                            percent,
                            format(before))
                    : "";
        }
        if (when instanceof Aggregate.Ewma e) {
            Baseline b = baseline.value();
            if (b == null) {
                b = new Baseline();
            }
            String result = null;
            if (b.windows >= e.warmup()) {
                result =
                        b.far(value, e.deviations())
                                ? String.format(
                                        Locale.ROOT,
                                        "%s, %s deviations from the moving average %.1f (sd %.1f)",
                                        window,
                                        format(e.deviations()),
                                        b.mean,
                                        Math.sqrt(b.variance))
                                : "";
            }
            b.add(value, e.alpha());
            baseline.update(b);
            return result;
        }
        Aggregate.SameHourLastWeek w = (Aggregate.SameHourLastWeek) when;
        history.put(start, value);
        List<Long> old = new ArrayList<>();
        for (Long s : history.keys()) {
            if (s <= start - WEEK) {
                old.add(s);
            }
        }
        Double lastWeek = history.get(start - WEEK);
        for (Long s : old) {
            history.remove(s);
        }
        if (lastWeek == null || lastWeek == 0) {
            return null;
        }
        boolean fires = value > w.factor() * lastWeek || value < lastWeek / w.factor();
        return fires ? window + ", against " + format(lastWeek) + " a week before" : "";
    }

    /** Whether a window without events can meet the condition, so empty windows are judged too. */
    private boolean emptyWindowsCount() {
        Aggregate.Condition when = aggregate.when();
        if (when instanceof Aggregate.Threshold t) {
            return t.below() != null;
        }
        if (when instanceof Aggregate.Change c) {
            return c.direction() != Aggregate.Change.Direction.UP;
        }
        return true;
    }

    private void forgetPeople(long start) throws Exception {
        if (aggregate.measure().kind() != Aggregate.Measure.Kind.UNIQUE_USERS) {
            return;
        }
        String prefix = start + "|";
        List<String> done = new ArrayList<>();
        for (String key : people.keys()) {
            if (key.startsWith(prefix)) {
                done.add(key);
            }
        }
        for (String key : done) {
            people.remove(key);
        }
    }

    private void clearAll() {
        values.clear();
        people.clear();
        history.clear();
        previous.clear();
        baseline.clear();
        firing.clear();
        lastEvent.clear();
    }

    private String describe(long start, double value) {
        return aggregate.measure()
                + " "
                + format(value)
                + " in the "
                + Durations.format(aggregate.window())
                + " from "
                + Instant.ofEpochMilli(start);
    }

    private Detection detection(String key, long at, boolean fires, double value, String summary) {
        Detection d = new Detection();
        d.ruleId = rule.id();
        int colon = key.indexOf(':');
        d.projectId = Long.parseLong(key.substring(0, colon));
        d.key = key.substring(colon + 1);
        d.at = at;
        d.firing = fires;
        d.value = value;
        d.summary = summary;
        return d;
    }

    private static double number(String text) {
        if (text == null) {
            return 0;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15
                ? String.valueOf((long) v)
                : String.format(Locale.ROOT, "%.2f", v);
    }
}
