package io.streamlytics.flink.identity;

/** What {@link PersonProperties} keeps per person. */
public class PersonState {
    /** JSON object text. */
    public String properties = "{}";

    public long createdAt;
    public long version;

    public PersonState() {}
}
