package io.streamlytics.flink.rules;

/**
 * A key (person, session, …) reaching a step of a live funnel: step n of n is a conversion. A plain
 * POJO for Flink.
 */
public class FunnelProgress {
    public long projectId;
    public String ruleId = "";
    public int ruleVersion;

    /** 1-based. */
    public int step;

    public int steps;
    public String stepName = "";
    public String key = "";

    /** Event time of the step's event, epoch ms. */
    public long at;

    /** The step's event, so that one reached step is one row whatever the retries. */
    public String insertId = "";

    public FunnelProgress() {}
}
