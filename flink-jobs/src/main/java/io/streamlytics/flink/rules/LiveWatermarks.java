package io.streamlytics.flink.rules;

import io.streamlytics.ceprules.rule.RuleEvent;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermarks for rules on a live stream: the newest event time seen, minus the lateness allowed,
 * and, while no event comes, moved on as fast as the wall clock since the last one, as long as the
 * job keeps up with the stream.
 *
 * <p>Plain bounded out-of-orderness waits for the next event: on a quiet stream a sequence's last
 * step, a closed window or a missing heartbeat would be noticed only when traffic resumed. Moving
 * on by the time elapsed since the last event never claims more than really passed. It is done only
 * while the job keeps up, that is while the newest event was read within {@link #KEEPING_UP} (plus
 * the lateness) of its arrival at the collector: a backlog (after an outage, under backpressure,
 * history in tests) is read at its own pace with plain bounded out-of-orderness, so nothing in it
 * turns late. A partition that has seen no event since the job (re)started claims nothing at all.
 */
public final class LiveWatermarks implements WatermarkGenerator<RuleEvent> {
    /** How far behind the collector a reader may be and still count as keeping up. */
    static final Duration KEEPING_UP = Duration.ofSeconds(10);

    private final long lateness;
    private final long keepingUp;
    private final LongSupplier clock;
    private long newest = Long.MIN_VALUE;
    private long newestSeenAt;
    private boolean live;
    private long emitted = Long.MIN_VALUE;

    LiveWatermarks(Duration lateness, LongSupplier clock) {
        this.lateness = lateness.toMillis();
        this.keepingUp = lateness.plus(KEEPING_UP).toMillis();
        this.clock = clock;
    }

    /** The strategy for the Rules job's source: events may be {@code lateness} late. */
    public static WatermarkStrategy<RuleEvent> strategy(Duration lateness) {
        return WatermarkStrategy.<RuleEvent>forGenerator(
                        context -> new LiveWatermarks(lateness, System::currentTimeMillis))
                .withTimestampAssigner((e, previous) -> e.timestamp);
    }

    @Override
    public void onEvent(RuleEvent event, long timestamp, WatermarkOutput output) {
        if (timestamp > newest) {
            newest = timestamp;
        }
        newestSeenAt = clock.getAsLong();
        live = event.receivedAt > 0 && newestSeenAt - event.receivedAt <= keepingUp;
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        if (newest == Long.MIN_VALUE) {
            return;
        }
        long quietFor = live ? Math.max(0, clock.getAsLong() - newestSeenAt) : 0;
        long watermark = newest + quietFor - lateness - 1;
        if (watermark > emitted) {
            emitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }
}
