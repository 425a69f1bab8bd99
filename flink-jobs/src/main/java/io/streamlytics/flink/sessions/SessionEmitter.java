package io.streamlytics.flink.sessions;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Turns a fired session window into a {@link SessionRow}. The id is derived from the person and the
 * session's start, so a window that fires again after late events updates the same row; the version
 * grows with the number of events.
 */
public final class SessionEmitter
        extends ProcessWindowFunction<SessionAccumulator, SessionRow, String, TimeWindow> {

    @Override
    public void process(
            String person,
            Context context,
            Iterable<SessionAccumulator> accumulators,
            Collector<SessionRow> out) {
        SessionAccumulator a = accumulators.iterator().next();
        SessionRow row = new SessionRow();
        row.projectId = a.projectId;
        row.distinctId = a.distinctId;
        row.sessionId = sessionId(person, a.first);
        row.startedAt = a.first;
        row.endedAt = a.last;
        row.events = a.events;
        row.pageviews = a.pageviews;
        row.entryUrl = a.entryUrl;
        row.exitUrl = a.exitUrl;
        row.referrer = a.referrer;
        row.utmSource = a.utmSource;
        row.utmMedium = a.utmMedium;
        row.utmCampaign = a.utmCampaign;
        row.deviceType = a.deviceType;
        row.revenue = a.revenue;
        row.version = a.events;
        out.collect(row);
    }

    static String sessionId(String person, long start) {
        return UUID.nameUUIDFromBytes((person + "@" + start).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
