package io.streamlytics.flink.sessions;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.streaming.api.windowing.assigners.MergingWindowAssigner;
import org.apache.flink.streaming.api.windowing.triggers.EventTimeTrigger;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * Event-time session windows with the rules analytics products use: a session ends after a gap of
 * inactivity, lasts at most {@code maxLength} (a longer run of activity becomes several sessions),
 * and optionally ends at midnight in a time zone. Windows merge as Flink's session windows do,
 * except when the merged session would break a rule.
 */
public final class CappedSessionWindows extends MergingWindowAssigner<Object, TimeWindow> {
    private final long gap;
    private final long maxLength;

    /** Zone id whose midnight ends sessions; null for no split. */
    private final String midnightZone;

    private CappedSessionWindows(Duration gap, Duration maxLength, ZoneId midnightZone) {
        this.gap = gap.toMillis();
        this.maxLength = maxLength.toMillis();
        this.midnightZone = midnightZone == null ? null : midnightZone.getId();
    }

    /**
     * @param midnightZone where midnight ends a session, or null to not split at midnight
     */
    public static CappedSessionWindows of(Duration gap, Duration maxLength, ZoneId midnightZone) {
        if (gap.isNegative() || gap.isZero() || maxLength.compareTo(gap) < 0) {
            throw new IllegalArgumentException(
                    "need 0 < gap <= max length, got " + gap + " and " + maxLength);
        }
        return new CappedSessionWindows(gap, maxLength, midnightZone);
    }

    @Override
    public Collection<TimeWindow> assignWindows(
            Object element, long timestamp, WindowAssignerContext context) {
        return List.of(new TimeWindow(timestamp, timestamp + gap));
    }

    @Override
    public void mergeWindows(Collection<TimeWindow> windows, MergeCallback<TimeWindow> callback) {
        List<TimeWindow> sorted = new ArrayList<>(windows);
        sorted.sort((a, b) -> Long.compare(a.getStart(), b.getStart()));
        List<TimeWindow> members = new ArrayList<>();
        TimeWindow current = null;
        for (TimeWindow window : sorted) {
            if (current != null && current.intersects(window) && allowed(current.cover(window))) {
                current = current.cover(window);
                members.add(window);
                continue;
            }
            emit(members, current, callback);
            current = window;
            members = new ArrayList<>(List.of(window));
        }
        emit(members, current, callback);
    }

    /** A session from its first event to its last (window end minus the gap) within the rules. */
    boolean allowed(TimeWindow session) {
        return fits(session.getStart(), session.getEnd() - gap);
    }

    /** Whether events from {@code first} to {@code last} may form one session. */
    public boolean fits(long first, long last) {
        if (last - first > maxLength) {
            return false;
        }
        if (midnightZone == null) {
            return true;
        }
        ZoneId zone = ZoneId.of(midnightZone);
        return Instant.ofEpochMilli(first)
                .atZone(zone)
                .toLocalDate()
                .equals(Instant.ofEpochMilli(last).atZone(zone).toLocalDate());
    }

    private static void emit(
            List<TimeWindow> members, TimeWindow merged, MergeCallback<TimeWindow> callback) {
        if (members.size() > 1) {
            callback.merge(members, merged);
        }
    }

    /** Whether an event at {@code time} falls within a gap of the session [first, last]. */
    public boolean near(long time, long first, long last) {
        return time > first - gap && time < last + gap;
    }

    public Duration gap() {
        return Duration.ofMillis(gap);
    }

    public Duration maxLength() {
        return Duration.ofMillis(maxLength);
    }

    @Override
    public Trigger<Object, TimeWindow> getDefaultTrigger() {
        return EventTimeTrigger.create();
    }

    @Override
    public TypeSerializer<TimeWindow> getWindowSerializer(ExecutionConfig config) {
        return new TimeWindow.Serializer();
    }

    @Override
    public boolean isEventTime() {
        return true;
    }

    @Override
    public String toString() {
        return "CappedSessionWindows(gap="
                + gap
                + "ms, max="
                + maxLength
                + "ms, midnight="
                + midnightZone
                + ")";
    }
}
