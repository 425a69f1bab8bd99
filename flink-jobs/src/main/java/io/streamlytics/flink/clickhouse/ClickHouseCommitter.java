package io.streamlytics.flink.clickhouse;

import io.streamlytics.core.clickhouse.ClickHouse;
import io.streamlytics.core.clickhouse.ClickHouseException;
import io.streamlytics.core.clickhouse.ClickHouseSettings;
import io.streamlytics.core.clickhouse.Sql;
import java.util.Collection;
import org.apache.flink.api.connector.sink2.Committer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inserts each batch once its checkpoint completed, exactly once:
 *
 * <ul>
 *   <li>a batch written by this very task attempt and not tried before is simply inserted;
 *   <li>a batch restored from a checkpoint, or retried after an unclear failure, may already be in
 *       ClickHouse: it is inserted only when neither {@code sink_commits} nor the target partition
 *       holds its token.
 * </ul>
 *
 * After the insert its token is recorded in {@code sink_commits}, which keeps the usual check
 * cheap; scanning the partition covers a crash between the insert and that record.
 */
final class ClickHouseCommitter implements Committer<ClickHouseBatch> {
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseCommitter.class);

    private final ClickHouse clickhouse;
    private final String attempt;
    private final PartitionFilter partitionFilter;

    ClickHouseCommitter(
            ClickHouseSettings settings, String attempt, PartitionFilter partitionFilter) {
        this.clickhouse = ClickHouse.connect(settings);
        this.attempt = attempt;
        this.partitionFilter = partitionFilter;
    }

    @Override
    public void commit(Collection<CommitRequest<ClickHouseBatch>> requests) {
        for (CommitRequest<ClickHouseBatch> request : requests) {
            ClickHouseBatch batch = request.getCommittable();
            try {
                boolean mayExist =
                        !attempt.equals(batch.writerAttempt) || request.getNumberOfRetries() > 0;
                if (mayExist && alreadyCommitted(batch)) {
                    LOG.info("{} was committed before; skipping it", batch);
                    request.signalAlreadyCommitted();
                    continue;
                }
                clickhouse.insertJsonEachRow(batch.table, batch::jsonRows);
                record(batch);
            } catch (ClickHouseException e) {
                // ClickHouse down or the request cut off: the outcome is unknown, so the retry
                // checks for the token before inserting again.
                int retries = request.getNumberOfRetries();
                if (retries % 10 == 0) {
                    LOG.warn(
                            "commit of {} failed ({} retries so far), will retry: {}",
                            batch,
                            retries,
                            e.getMessage());
                }
                backOff(retries);
                request.retryLater();
            }
        }
    }

    /**
     * Waits before the next attempt, longer after each failure (up to 2 s), so that a ClickHouse
     * outage is not met with a busy loop of requests and log lines.
     */
    private static void backOff(int retries) {
        try {
            Thread.sleep(Math.min(2000L, 50L << Math.min(retries, 6)));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean alreadyCommitted(ClickHouseBatch batch) {
        String token = Sql.quote(batch.token);
        if (clickhouse.queryLong(
                        "SELECT count() AS n FROM "
                                + clickhouse.table("sink_commits")
                                + " WHERE token = "
                                + token,
                        "n")
                > 0) {
            return true;
        }
        return clickhouse.queryLong(
                        "SELECT count() AS n FROM "
                                + clickhouse.table(batch.table)
                                + " WHERE "
                                + partitionFilter.where(batch.partition)
                                + " AND _batch = "
                                + token,
                        "n")
                > 0;
    }

    private void record(ClickHouseBatch batch) {
        try {
            clickhouse.execute(
                    "INSERT INTO "
                            + clickhouse.table("sink_commits")
                            + " (token, target_table, rows, committed_at) VALUES ("
                            + Sql.quote(batch.token)
                            + ", "
                            + Sql.quote(batch.table)
                            + ", "
                            + batch.rows
                            + ", now())");
        } catch (ClickHouseException e) {
            // The rows are in; without the record a later retry finds them by scanning the
            // partition.
            LOG.warn("could not record commit of {}: {}", batch, e.getMessage());
        }
    }

    @Override
    public void close() {
        clickhouse.close();
    }
}
