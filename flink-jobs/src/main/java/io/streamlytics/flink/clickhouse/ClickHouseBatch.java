package io.streamlytics.flink.clickhouse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import net.jpountz.lz4.LZ4FrameInputStream;

/**
 * Rows for one table partition, written between two checkpoints, to be inserted by one INSERT when
 * the checkpoint completes. ClickHouse writes one INSERT of fewer than {@code
 * max_insert_block_size} rows into one partition as one part, all or nothing; {@link #token} is in
 * every row's {@code _batch} column, so a retried commit can see whether the rows landed.
 */
public final class ClickHouseBatch {
    final String token;
    final String table;
    final String partition;
    final int rows;

    /**
     * JSONEachRow text, as an LZ4 frame when {@link #compressed}: JSON rows shrink about five
     * times, and the batch sits in memory and in every checkpoint until it is committed.
     */
    final byte[] data;

    /** False only for batches restored from checkpoints written before compression. */
    final boolean compressed;

    /**
     * The job and task attempt that wrote it: a batch from an earlier attempt may have been tried.
     */
    final String writerAttempt;

    ClickHouseBatch(
            String token,
            String table,
            String partition,
            int rows,
            byte[] data,
            boolean compressed,
            String writerAttempt) {
        this.token = token;
        this.table = table;
        this.partition = partition;
        this.rows = rows;
        this.data = data;
        this.compressed = compressed;
        this.writerAttempt = writerAttempt;
    }

    public String token() {
        return token;
    }

    public int rows() {
        return rows;
    }

    /** The JSONEachRow text, decompressed as it is read. */
    InputStream jsonRows() {
        ByteArrayInputStream bytes = new ByteArrayInputStream(data);
        if (!compressed) {
            return bytes;
        }
        try {
            return new LZ4FrameInputStream(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt batch " + token, e);
        }
    }

    @Override
    public String toString() {
        return "ClickHouseBatch["
                + table
                + "/"
                + partition
                + ", "
                + rows
                + " rows, token "
                + token
                + "]";
    }
}
