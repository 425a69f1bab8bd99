package io.streamlytics.flink.clickhouse;

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

    /** JSONEachRow text. */
    final byte[] data;

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
            String writerAttempt) {
        this.token = token;
        this.table = table;
        this.partition = partition;
        this.rows = rows;
        this.data = data;
        this.writerAttempt = writerAttempt;
    }

    public String token() {
        return token;
    }

    public int rows() {
        return rows;
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
