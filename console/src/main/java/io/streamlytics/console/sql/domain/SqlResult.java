package io.streamlytics.console.sql.domain;

import java.util.List;

/**
 * What a query returned: its columns, its rows as text (at most {@link #MAX_ROWS}), and whether
 * there were more.
 */
public record SqlResult(
        List<String> columns, List<List<String>> rows, boolean truncated, long tookMillis) {
    public static final int MAX_ROWS = 10_000;
}
