package io.streamlytics.ceprules.compile;

import io.streamlytics.ceprules.rule.Detection;
import io.streamlytics.ceprules.rule.Rule;
import io.streamlytics.ceprules.rule.RuleEvent;
import io.streamlytics.core.text.Durations;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Absence: each matching event of a key sets a deadline one window later; reaching it (by event
 * time) fires the alert, and the key's next matching event resolves it.
 */
final class AbsenceFunction extends KeyedProcessFunction<String, RuleEvent, Detection> {
    private final Rule rule;
    private final long window;
    private transient ValueState<Long> deadline;
    private transient ValueState<RuleEvent> last;
    private transient ValueState<Boolean> firing;

    AbsenceFunction(Rule rule) {
        this.rule = rule;
        this.window = rule.aggregate().window().toMillis();
    }

    @Override
    public void open(OpenContext context) {
        deadline = getRuntimeContext().getState(new ValueStateDescriptor<>("deadline", Long.class));
        last = getRuntimeContext().getState(new ValueStateDescriptor<>("last", RuleEvent.class));
        firing = getRuntimeContext().getState(new ValueStateDescriptor<>("firing", Boolean.class));
    }

    @Override
    public void processElement(RuleEvent event, Context ctx, Collector<Detection> out)
            throws Exception {
        RuleEvent previous = last.value();
        if (previous != null && previous.timestamp > event.timestamp) {
            return; // an older event moves no deadline
        }
        Long due = deadline.value();
        boolean fired = Boolean.TRUE.equals(firing.value());
        if (due != null) {
            ctx.timerService().deleteEventTimeTimer(due);
            if (event.timestamp >= due) {
                // the deadline passed before this event, but the watermark that fires its timer
                // has not come through every input yet: an element of one channel may overtake
                // another channel's watermark
                out.collect(absent(previous, due));
                fired = true;
            }
        }
        if (fired) {
            firing.clear();
            out.collect(
                    detection(
                            event,
                            event.timestamp,
                            false,
                            "\""
                                    + rule.aggregate().event()
                                    + "\" again at "
                                    + Instant.ofEpochMilli(event.timestamp)));
        }
        long next = event.timestamp + window;
        ctx.timerService().registerEventTimeTimer(next);
        deadline.update(next);
        last.update(event);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Detection> out)
            throws Exception {
        deadline.clear();
        firing.update(true);
        out.collect(absent(last.value(), timestamp));
    }

    private Detection absent(RuleEvent previous, long at) {
        return detection(
                previous,
                at,
                true,
                "no \""
                        + rule.aggregate().event()
                        + "\" for "
                        + Durations.format(rule.aggregate().window())
                        + " since "
                        + Instant.ofEpochMilli(previous.timestamp));
    }

    private Detection detection(RuleEvent event, long at, boolean fires, String summary) {
        Detection d = new Detection();
        d.ruleId = rule.id();
        d.projectId = event.projectId;
        d.key = rule.key().value(event);
        d.at = at;
        d.firing = fires;
        d.summary = summary;
        return d;
    }
}
