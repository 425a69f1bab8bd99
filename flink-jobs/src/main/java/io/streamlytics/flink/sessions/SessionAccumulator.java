package io.streamlytics.flink.sessions;

/** What a session window keeps while it is open: first and last event, counts. */
public class SessionAccumulator {
    public long projectId;
    public String distinctId = "";
    public long first = Long.MAX_VALUE;
    public long last = Long.MIN_VALUE;
    public long events;
    public long pageviews;
    public String entryUrl = "";
    public String exitUrl = "";
    public String referrer = "";
    public String utmSource = "";
    public String utmMedium = "";
    public String utmCampaign = "";
    public String deviceType = "";
    public double revenue;

    public SessionAccumulator() {}
}
