package io.streamlytics.flink.sessions;

import io.streamlytics.core.event.Event;
import java.util.Set;

/**
 * Folds a session's events into its {@link SessionRow} as they come, so a session holds one row
 * rather than every event. Entry page, referrer, campaign and device come from the earliest event;
 * the exit page from the latest, the person from the last added.
 */
final class SessionAggregate {
    static final Set<String> VIEWS = Set.of("page_view", "$pageview", "screen_view", "$screen");

    private SessionAggregate() {}

    /** An empty session with the given id, of the event's project and distinct id. */
    static SessionRow open(String sessionId, Event first) {
        SessionRow row = new SessionRow();
        row.sessionId = sessionId;
        row.projectId = first.projectId;
        row.distinctId = first.distinctId;
        row.startedAt = Long.MAX_VALUE;
        row.endedAt = Long.MIN_VALUE;
        return row;
    }

    static void add(SessionRow a, Event e) {
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
            a.country = e.context.country;
        }
        if (e.timestamp >= a.endedAt) {
            a.endedAt = e.timestamp;
            a.exitUrl = page;
        }
    }
}
