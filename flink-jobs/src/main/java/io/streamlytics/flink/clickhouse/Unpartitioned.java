package io.streamlytics.flink.clickhouse;

/** Tables without {@code PARTITION BY}: ClickHouse keeps them in one partition. */
public final class Unpartitioned {
    /** The one partition's name, for {@link RowFormat#partition}. */
    public static final String PARTITION = "all";

    /** A token lookup has to scan the whole table. */
    public static final PartitionFilter FILTER = partition -> "1";

    private Unpartitioned() {}
}
