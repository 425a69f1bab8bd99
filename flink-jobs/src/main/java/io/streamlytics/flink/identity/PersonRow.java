package io.streamlytics.flink.identity;

/**
 * A row of ClickHouse {@code persons}: a person's properties after an event changed them. The
 * highest {@link #version} of a person wins.
 */
public class PersonRow {
    public long projectId;
    public String personId;

    /** JSON object text. */
    public String properties;

    public long createdAt;
    public long updatedAt;
    public long version;

    public PersonRow() {}
}
