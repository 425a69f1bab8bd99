package io.streamlytics.flink.quality;

/** A row of ClickHouse {@code data_quality}: one hour of one event name of one project. */
public class DataQualityRow {
    public long hour;
    public long projectId;
    public String event;
    public long events;
    public long invalid;

    /** JSON object: reason → count. */
    public String invalidReasons;

    public String[] newProperties = {};
    public String[] typeChanges = {};

    /** JSON object: key field → share of accepted events without it. */
    public String nullRates;

    /** Accepted events of the same hour a week earlier; -1 when not known. */
    public long sameHourLastWeek;

    public boolean anomaly;

    /** How unusual the volume is: (now - last week) / sqrt(last week); 0 when not known. */
    public double anomalyScore;

    public DataQualityRow() {}
}
