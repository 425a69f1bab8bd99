package io.streamlytics.flink.identity;

/**
 * A row of ClickHouse {@code person_aliases}: which person a distinct id belongs to. The highest
 * {@link #version} of a distinct id wins (a merge outranks the id's first sighting).
 */
public class AliasRow {
    public static final long FIRST_SEEN = 1;
    public static final long MERGED = 2;

    public long projectId;
    public String distinctId;
    public String personId;
    public long version;

    public AliasRow() {}

    public static AliasRow of(long projectId, String distinctId, String personId, long version) {
        AliasRow row = new AliasRow();
        row.projectId = projectId;
        row.distinctId = distinctId;
        row.personId = personId;
        row.version = version;
        return row;
    }
}
