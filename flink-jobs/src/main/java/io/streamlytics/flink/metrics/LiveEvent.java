package io.streamlytics.flink.metrics;

/** An event of the sampled live feed: what a person watching the feed wants to see. */
public class LiveEvent {
    public long projectId;
    public String event;
    public String distinctId;
    public long timestamp;
    public String page;
    public String country;
    public String device;

    public LiveEvent() {}
}
