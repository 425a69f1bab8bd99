package io.streamlytics.flink.rules;

/** How many times keys reached one step of a funnel, in all and on one day. A plain POJO. */
public class FunnelCount {
    public long projectId;
    public String ruleId = "";
    public int ruleVersion;
    public int step;
    public long total;

    /** Epoch day (UTC) of {@link #dayCount}. */
    public long day;

    public long dayCount;

    public FunnelCount() {}
}
