package io.streamlytics.flink.sessions;

import io.streamlytics.core.event.Event;
import java.util.Set;
import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * Folds a session's events into a {@link SessionAccumulator} as they come, so a window holds a few
 * fields rather than every event. Entry page, referrer and campaign come from the earliest event;
 * the exit page from the latest.
 */
public final class SessionAggregate
        implements AggregateFunction<Event, SessionAccumulator, SessionAccumulator> {
    static final Set<String> VIEWS = Set.of("page_view", "$pageview", "screen_view", "$screen");

    @Override
    public SessionAccumulator createAccumulator() {
        return new SessionAccumulator();
    }

    @Override
    public SessionAccumulator add(Event e, SessionAccumulator a) {
        a.projectId = e.projectId;
        a.distinctId = e.distinctId;
        a.events++;
        if (VIEWS.contains(e.event)) {
            a.pageviews++;
        }
        a.revenue += Revenue.of(e.properties);
        String page = e.context.pageUrl.isEmpty() ? e.context.pagePath : e.context.pageUrl;
        if (e.timestamp < a.first) {
            a.first = e.timestamp;
            a.entryUrl = page;
            a.referrer = e.context.pageReferrer;
            a.utmSource = e.context.utmSource;
            a.utmMedium = e.context.utmMedium;
            a.utmCampaign = e.context.utmCampaign;
            a.deviceType = e.context.deviceType;
        }
        if (e.timestamp >= a.last) {
            a.last = e.timestamp;
            a.exitUrl = page;
        }
        return a;
    }

    @Override
    public SessionAccumulator getResult(SessionAccumulator a) {
        return a;
    }

    @Override
    public SessionAccumulator merge(SessionAccumulator a, SessionAccumulator b) {
        SessionAccumulator earlier = a.first <= b.first ? a : b;
        SessionAccumulator later = a.last >= b.last ? a : b;
        SessionAccumulator m = new SessionAccumulator();
        m.projectId = a.projectId;
        m.distinctId = a.distinctId;
        m.events = a.events + b.events;
        m.pageviews = a.pageviews + b.pageviews;
        m.first = earlier.first;
        m.entryUrl = earlier.entryUrl;
        m.referrer = earlier.referrer;
        m.utmSource = earlier.utmSource;
        m.utmMedium = earlier.utmMedium;
        m.utmCampaign = earlier.utmCampaign;
        m.deviceType = earlier.deviceType;
        m.revenue = a.revenue + b.revenue;
        m.last = later.last;
        m.exitUrl = later.exitUrl;
        return m;
    }
}
