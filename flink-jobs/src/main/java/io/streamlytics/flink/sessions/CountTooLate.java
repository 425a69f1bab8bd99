package io.streamlytics.flink.sessions;

import io.streamlytics.core.event.Event;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFilterFunction;
import org.apache.flink.metrics.Counter;

/**
 * Counts events that came after their session was final (metric {@code eventsTooLateForSessions});
 * they are stored in {@code events} like any other, only their session is not updated.
 */
public final class CountTooLate extends RichFilterFunction<Event> {
    private transient Counter tooLate;

    @Override
    public void open(OpenContext context) {
        tooLate = getRuntimeContext().getMetricGroup().counter("eventsTooLateForSessions");
    }

    @Override
    public boolean filter(Event event) {
        tooLate.inc();
        return false;
    }
}
