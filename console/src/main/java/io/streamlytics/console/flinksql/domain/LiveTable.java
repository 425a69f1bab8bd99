package io.streamlytics.console.flinksql.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * A streaming query's result as it stands: Flink sends a changelog (a row inserted, a row's old
 * value retracted and its new value added, a row deleted), and this applies it, so a {@code GROUP
 * BY} shows one current row per group. Rows beyond {@link #MAX_ROWS} are not kept (an append-only
 * stream keeps its newest).
 */
public final class LiveTable {
    public static final int MAX_ROWS = 1000;

    private final List<String> columns = new ArrayList<>();
    private final List<List<String>> rows = new ArrayList<>();
    private long changes;

    public void columns(List<String> names) {
        if (columns.isEmpty()) {
            columns.addAll(names);
        }
    }

    /**
     * Applies one change: {@code INSERT}, {@code UPDATE_BEFORE}, {@code UPDATE_AFTER}, {@code
     * DELETE}.
     */
    public void apply(String kind, List<String> row) {
        changes++;
        switch (kind) {
            case "UPDATE_BEFORE", "DELETE" -> rows.remove(row);
            default -> {
                rows.add(row);
                if (rows.size() > MAX_ROWS) {
                    rows.remove(0);
                }
            }
        }
    }

    public List<String> columns() {
        return List.copyOf(columns);
    }

    /** The current rows, newest last. */
    public List<List<String>> rows() {
        return List.copyOf(rows);
    }

    /** Changes applied so far. */
    public long changes() {
        return changes;
    }
}
