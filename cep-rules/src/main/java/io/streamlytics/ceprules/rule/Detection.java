package io.streamlytics.ceprules.rule;

import java.util.ArrayList;
import java.util.List;

/**
 * What a rule found: a completed sequence (its steps' events), or an aggregate alert's condition
 * becoming true ({@code firing}) or false again. A plain POJO for Flink.
 */
public class Detection {
    public String ruleId = "";
    public int ruleVersion;
    public long projectId;

    /** The key's value: the person, the session, the property's value; "" for the project. */
    public String key = "";

    /** Event time of the detection: the last matched event, or the end of the window. */
    public long at;

    public boolean firing = true;

    /** The aggregate's measure in the window; 0 for sequences. */
    public double value;

    /** One line for people: what happened, with the numbers. */
    public String summary = "";

    /** A sequence's steps in order, each with its events; empty for aggregates. */
    public List<MatchedStep> steps = new ArrayList<>();

    public Detection() {}

    /** A step of a completed sequence and the events that matched it. */
    public static class MatchedStep {
        public String name = "";
        public List<String> insertIds = new ArrayList<>();
        public List<Long> timestamps = new ArrayList<>();

        public MatchedStep() {}
    }

    @Override
    public String toString() {
        return ruleId + " " + key + " @" + at + (firing ? " firing: " : " resolved: ") + summary;
    }
}
