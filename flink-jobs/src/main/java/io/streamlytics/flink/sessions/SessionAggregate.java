package io.streamlytics.flink.sessions;

import io.streamlytics.core.event.Event;
import java.util.Set;
import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * Folds a session's events into a {@link SessionRow} (its version is set when the window fires) as
 * they come, so a window holds one row rather than every event. The id is the one {@link
 * AssignSessionIds} gave the first event added, so the row and its events agree even when a late
 * event moves the start. Entry page, referrer, campaign and device come from the earliest event;
 * the exit page from the latest, the person from the last added.
 */
public final class SessionAggregate implements AggregateFunction<Event, SessionRow, SessionRow> {
    static final Set<String> VIEWS = Set.of("page_view", "$pageview", "screen_view", "$screen");

    @Override
    public SessionRow createAccumulator() {
        SessionRow open = new SessionRow();
        open.startedAt = Long.MAX_VALUE;
        open.endedAt = Long.MIN_VALUE;
        return open;
    }

    @Override
    public SessionRow add(Event e, SessionRow a) {
        a.projectId = e.projectId;
        if (a.sessionId == null) {
            a.sessionId = e.sessionId;
            a.distinctId = e.distinctId;
        }
        if (!e.personId.isEmpty()) {
            a.personId = e.personId;
        }
        a.events++;
        if (VIEWS.contains(e.event)) {
            a.pageviews++;
        }
        a.revenue += Revenue.of(e.properties);
        String page = e.context.pageUrl.isEmpty() ? e.context.pagePath : e.context.pageUrl;
        if (e.timestamp < a.startedAt) {
            a.startedAt = e.timestamp;
            a.entryUrl = page;
            a.referrer = e.context.pageReferrer;
            a.utmSource = e.context.utmSource;
            a.utmMedium = e.context.utmMedium;
            a.utmCampaign = e.context.utmCampaign;
            a.deviceType = e.context.deviceType;
        }
        if (e.timestamp >= a.endedAt) {
            a.endedAt = e.timestamp;
            a.exitUrl = page;
        }
        return a;
    }

    @Override
    public SessionRow getResult(SessionRow a) {
        return a;
    }

    @Override
    public SessionRow merge(SessionRow a, SessionRow b) {
        SessionRow earlier = a.startedAt <= b.startedAt ? a : b;
        SessionRow later = a.endedAt >= b.endedAt ? a : b;
        SessionRow m = new SessionRow();
        m.projectId = a.projectId;
        m.sessionId = earlier.sessionId;
        m.distinctId = earlier.distinctId;
        m.personId = later.personId;
        m.events = a.events + b.events;
        m.pageviews = a.pageviews + b.pageviews;
        m.startedAt = earlier.startedAt;
        m.entryUrl = earlier.entryUrl;
        m.referrer = earlier.referrer;
        m.utmSource = earlier.utmSource;
        m.utmMedium = earlier.utmMedium;
        m.utmCampaign = earlier.utmCampaign;
        m.deviceType = earlier.deviceType;
        m.revenue = a.revenue + b.revenue;
        m.endedAt = later.endedAt;
        m.exitUrl = later.exitUrl;
        return m;
    }
}
