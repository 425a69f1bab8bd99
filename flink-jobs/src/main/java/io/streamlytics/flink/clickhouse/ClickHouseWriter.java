package io.streamlytics.flink.clickhouse;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;

/**
 * Buffers rows per table partition until the next checkpoint, then hands them to the committer as
 * {@link ClickHouseBatch}es. Nothing is written to ClickHouse here: rows become visible only when
 * their checkpoint completes.
 */
final class ClickHouseWriter<T> implements CommittingSinkWriter<T, ClickHouseBatch> {
    private final String table;
    private final RowFormat<T> format;
    private final int maxRowsPerBatch;
    private final String attempt;
    private final Map<String, Pending> open = new HashMap<>();
    private final List<ClickHouseBatch> sealed = new ArrayList<>();

    ClickHouseWriter(String table, RowFormat<T> format, int maxRowsPerBatch, String attempt) {
        this.table = table;
        this.format = format;
        this.maxRowsPerBatch = maxRowsPerBatch;
        this.attempt = attempt;
    }

    private final class Pending {
        final String partition;
        final String token = UUID.randomUUID().toString();
        final ByteArrayOutputStream data = new ByteArrayOutputStream(64 * 1024);
        int rows;

        Pending(String partition) {
            this.partition = partition;
        }

        ClickHouseBatch seal() {
            return new ClickHouseBatch(token, table, partition, rows, data.toByteArray(), attempt);
        }
    }

    @Override
    public void write(T element, Context context) {
        String partition = format.partition(element);
        Pending pending = open.computeIfAbsent(partition, Pending::new);
        pending.data.writeBytes(format.toJsonRow(element, pending.token));
        pending.data.write('\n');
        pending.rows++;
        if (pending.rows >= maxRowsPerBatch) {
            sealed.add(pending.seal());
            open.remove(partition);
        }
    }

    @Override
    public Collection<ClickHouseBatch> prepareCommit() {
        List<ClickHouseBatch> batches = new ArrayList<>(sealed);
        open.values().forEach(p -> batches.add(p.seal()));
        sealed.clear();
        open.clear();
        return batches;
    }

    @Override
    public void flush(boolean endOfInput) {
        // rows are committed at checkpoints only; the final checkpoint commits the last ones
    }

    @Override
    public void close() {}
}
