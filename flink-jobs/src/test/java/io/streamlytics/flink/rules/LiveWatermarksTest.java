package io.streamlytics.flink.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlytics.ceprules.rule.RuleEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

/** Rule watermarks: event time minus the lateness, moved on by the wall clock while quiet. */
class LiveWatermarksTest {
    private final AtomicLong wallClock = new AtomicLong(1_000_000);
    private final List<Long> emitted = new ArrayList<>();
    private final WatermarkOutput output =
            new WatermarkOutput() {
                @Override
                public void emitWatermark(Watermark watermark) {
                    emitted.add(watermark.getTimestamp());
                }

                @Override
                public void markIdle() {}

                @Override
                public void markActive() {}
            };
    private final LiveWatermarks watermarks =
            new LiveWatermarks(Duration.ofMillis(500), wallClock::get);

    @Test
    void nothingIsClaimedBeforeTheFirstEvent() {
        wallClock.addAndGet(60_000);
        watermarks.onPeriodicEmit(output);
        assertThat(emitted).isEmpty();
    }

    @Test
    void aQuietStreamMovesOnWithTheWallClockFromItsNewestEvent() {
        event(10_000);
        watermarks.onPeriodicEmit(output);
        wallClock.addAndGet(2_000);
        watermarks.onPeriodicEmit(output);
        assertThat(emitted).containsExactly(10_000L - 501, 12_000L - 501);
    }

    @Test
    void aBacklogKeepsItsOwnPaceEvenWhenReadingPauses() {
        // events that reached the collector a minute ago: the job is behind the stream
        long base = wallClock.get() - 60_000;
        for (long t = 0; t < 10; t++) {
            wallClock.addAndGet(1);
            event(base + t * 1000, base + t * 1000);
        }
        watermarks.onPeriodicEmit(output);
        wallClock.addAndGet(20_000); // backpressure, a GC pause: no event read for 20 s
        watermarks.onPeriodicEmit(output);
        assertThat(emitted).containsExactly(base + 9000 - 501);
    }

    @Test
    void watermarksNeverGoBack() {
        event(10_000);
        wallClock.addAndGet(5_000);
        watermarks.onPeriodicEmit(output);
        event(12_000); // an event older than the clock's estimate: the estimate stands
        watermarks.onPeriodicEmit(output);
        wallClock.addAndGet(4_000);
        watermarks.onPeriodicEmit(output);
        assertThat(emitted).containsExactly(14_499L, 15_499L);
    }

    /** An event the collector received just now. */
    private void event(long timestamp) {
        event(timestamp, wallClock.get());
    }

    private void event(long timestamp, long receivedAt) {
        RuleEvent e = new RuleEvent();
        e.timestamp = timestamp;
        e.receivedAt = receivedAt;
        watermarks.onEvent(e, timestamp, output);
    }
}
