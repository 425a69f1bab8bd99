package io.streamlytics.flink.sessions;

/**
 * One session, as a row of ClickHouse {@code sessions}. A session that grows (late events) is
 * emitted again with a higher {@link #version}; the table keeps the latest.
 */
public class SessionRow {
    public long projectId;
    public String sessionId;
    public String distinctId;

    /** The person of the session's latest event (identity can be resolved mid-session). */
    public String personId = "";

    public long startedAt;
    public long endedAt;
    public long events;
    public long pageviews;
    public String entryUrl = "";
    public String exitUrl = "";
    public String referrer = "";
    public String utmSource = "";
    public String utmMedium = "";
    public String utmCampaign = "";
    public String deviceType = "";
    public String country = "";
    public double revenue;
    public long version;

    public SessionRow() {}

    public long durationSeconds() {
        return Math.max(0, (endedAt - startedAt) / 1000);
    }

    /** One page or screen view only. */
    public boolean bounce() {
        return pageviews <= 1 && events <= 1;
    }
}
