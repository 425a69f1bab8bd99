package io.streamlytics.flink.clickhouse;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** Tables partitioned {@code BY toYYYYMM(<column>)} in UTC, as all of ours are. */
public final class MonthlyPartitions {
    private MonthlyPartitions() {}

    /** The partition of a time: {@code 202605} for any instant in May 2026 (UTC). */
    public static String of(long epochMillis) {
        ZonedDateTime time = Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC);
        return Integer.toString(time.getYear() * 100 + time.getMonthValue());
    }

    /** A filter that limits a token lookup to one month of {@code column}. */
    public static PartitionFilter filter(String column) {
        String checked = io.streamlytics.core.clickhouse.Sql.identifier(column);
        return partition -> "toYYYYMM(" + checked + ") = " + Integer.parseInt(partition);
    }
}
