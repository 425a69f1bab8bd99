package io.streamlytics.flink.clickhouse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jpountz.lz4.LZ4FrameOutputStream;
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
        final ByteArrayOutputStream compressed = new ByteArrayOutputStream(16 * 1024);
        final LZ4FrameOutputStream data;
        int rows;

        Pending(String partition) {
            this.partition = partition;
            try {
                // rows are compressed as they come, so the buffer stays small and the checkpoint
                // barrier does not wait for a compression pass
                this.data =
                        new LZ4FrameOutputStream(
                                compressed, LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void add(byte[] row) {
            try {
                data.write(row);
                data.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e); // not thrown by an in-memory stream
            }
            rows++;
        }

        ClickHouseBatch seal() {
            try {
                data.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new ClickHouseBatch(
                    token, table, partition, rows, compressed.toByteArray(), true, attempt);
        }
    }

    @Override
    public void write(T element, Context context) {
        String partition = format.partition(element);
        Pending pending = open.computeIfAbsent(partition, Pending::new);
        pending.add(format.toJsonRow(element, pending.token));
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
