package io.streamlytics.flink.clickhouse;

import io.streamlytics.core.clickhouse.ClickHouseSettings;
import io.streamlytics.core.clickhouse.Sql;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.InitContext;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * An exactly-once sink into a ClickHouse MergeTree table, for ClickHouse 18.16 and current servers
 * alike (it needs neither insert deduplication nor transactions). Rows are buffered per partition
 * until a checkpoint and inserted by {@link ClickHouseCommitter} when it completes; the table needs
 * a {@code _batch String} column. Visibility latency is therefore one checkpoint interval.
 */
public final class ClickHouseSink<T> implements Sink<T>, SupportsCommitter<ClickHouseBatch> {
    /** Well below ClickHouse's default {@code max_insert_block_size} (1,048,576). */
    public static final int DEFAULT_MAX_ROWS_PER_BATCH = 200_000;

    private final ClickHouseSettings settings;
    private final String table;
    private final RowFormat<T> format;
    private final PartitionFilter partitionFilter;
    private final int maxRowsPerBatch;

    public ClickHouseSink(
            ClickHouseSettings settings,
            String table,
            RowFormat<T> format,
            PartitionFilter partitionFilter,
            int maxRowsPerBatch) {
        this.settings = settings;
        this.table = Sql.identifier(table);
        this.format = format;
        this.partitionFilter = partitionFilter;
        this.maxRowsPerBatch = maxRowsPerBatch;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new ClickHouseWriter<>(table, format, maxRowsPerBatch, attempt(context));
    }

    @Override
    public Committer<ClickHouseBatch> createCommitter(CommitterInitContext context) {
        return new ClickHouseCommitter(settings, attempt(context), partitionFilter);
    }

    @Override
    public SimpleVersionedSerializer<ClickHouseBatch> getCommittableSerializer() {
        return new ClickHouseBatchSerializer();
    }

    /** Identifies one run of one subtask: job, subtask index and attempt number. */
    private static String attempt(InitContext context) {
        return context.getJobInfo().getJobId()
                + "/"
                + context.getTaskInfo().getIndexOfThisSubtask()
                + "/"
                + context.getTaskInfo().getAttemptNumber();
    }
}
