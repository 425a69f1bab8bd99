package io.streamlytics.flink.clickhouse;

import java.io.Serializable;

/** How the sink writes one element: the table partition it falls in, and its JSONEachRow object. */
public interface RowFormat<T> extends Serializable {
    /** The ClickHouse partition of the row (same expression as the table's PARTITION BY). */
    String partition(T element);

    /**
     * The row as one JSON object on one line, without a trailing newline, including the {@code
     * _batch} column set to {@code token}.
     */
    byte[] toJsonRow(T element, String token);
}
