package io.streamlytics.flink.redis;

import java.net.URI;
import java.util.List;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisException;

/** See {@link RedisSink}. Flushes on a processing-time timer; backs off while Redis is away. */
final class RedisWriter<T> implements StatefulSinkWriter<T, RedisBacklog> {
    private static final Logger LOG = LoggerFactory.getLogger(RedisWriter.class);
    private static final int TIMEOUT_MILLIS = 2000;
    private static final long MAX_BACKOFF_MILLIS = 5000;
    private static final long REWRITE_DELAY_MILLIS = 1000;

    private final JedisPooled redis;
    private final RedisWrites<T> writes;

    /** Written with every flush when set, so readers can tell live data from stale. */
    private final String heartbeatKey;

    private final RedisBacklog backlog;
    private final long flushIntervalMillis;
    private final long ttlMillis;
    private final ProcessingTimeService time;
    private final Counter failures;
    private int failuresInARow;
    private long nextAttempt;

    /** What the first flush after an outage wrote, to be written once more; see tryFlush. */
    private RedisBacklog rewrite;

    private long rewriteAt;

    RedisWriter(
            String url,
            RedisWrites<T> writes,
            RedisBacklog backlog,
            long flushIntervalMillis,
            long ttlMillis,
            String heartbeatKey,
            ProcessingTimeService time,
            SinkWriterMetricGroup metrics) {
        this.heartbeatKey = heartbeatKey;
        this.redis = new JedisPooled(URI.create(url), TIMEOUT_MILLIS);
        this.writes = writes;
        this.backlog = backlog;
        this.flushIntervalMillis = flushIntervalMillis;
        this.ttlMillis = ttlMillis;
        this.time = time;
        this.failures = metrics.counter("redisWriteFailures");
        metrics.gauge("redisBacklog", backlog::size);
        schedule();
    }

    private void schedule() {
        time.registerTimer(
                time.getCurrentProcessingTime() + flushIntervalMillis,
                now -> {
                    tryFlush(now);
                    schedule();
                });
    }

    @Override
    public void write(T element, Context context) {
        writes.add(element, backlog);
    }

    /**
     * Sends the backlog unless Redis failed recently. Returns whether Redis has everything. The
     * heartbeat goes with every flush, so readers can tell live data from stale data even when
     * nothing changes.
     */
    private boolean tryFlush(long now) {
        if (now < nextAttempt) {
            return false;
        }
        if (rewrite != null && now >= rewriteAt) {
            // newer values in the backlog win over the rewritten ones
            RedisBacklog newest = rewrite;
            newest.addAll(backlog);
            backlog.clear();
            backlog.addAll(newest);
            rewrite = null;
        }
        if (heartbeatKey != null) {
            backlog.set(heartbeatKey, Long.toString(System.currentTimeMillis()));
        } else if (backlog.isEmpty()) {
            return true;
        }
        try (AbstractPipeline pipeline = redis.pipelined()) {
            backlog.writeTo(pipeline, ttlMillis);
            pipeline.sync();
        } catch (JedisException e) {
            failures.inc();
            failuresInARow++;
            nextAttempt = now + Math.min(MAX_BACKOFF_MILLIS, 100L << Math.min(failuresInARow, 6));
            if (failuresInARow % 10 == 1) {
                LOG.warn(
                        "Redis unreachable ({} failures in a row), {} keys wait: {}",
                        failuresInARow,
                        backlog.size(),
                        e.getMessage());
            }
            return false;
        }
        if (failuresInARow > 0) {
            LOG.info("Redis reachable again after {} failures", failuresInARow);
            // Requests of the failed attempts may still sit in the server's socket buffers (a
            // hung server reads them when it resumes) and land after this flush, setting older
            // values. So everything written in the next second is written once more after it,
            // with the newest value of each key.
            if (rewrite == null) {
                rewrite = new RedisBacklog(backlog.streamCap());
            }
            rewriteAt = now + REWRITE_DELAY_MILLIS;
        }
        if (rewrite != null) {
            rewrite.addAll(backlog.withoutStreams());
        }
        failuresInARow = 0;
        backlog.clear();
        return true;
    }

    @Override
    public void flush(boolean endOfInput) throws InterruptedException {
        if (!endOfInput) {
            // a checkpoint: whatever Redis has not got yet is in the writer's state
            tryFlush(time.getCurrentProcessingTime());
            return;
        }
        // end of a bounded input: there is no later, so wait for Redis
        while (!tryFlush(time.getCurrentProcessingTime())) {
            Thread.sleep(Math.max(1, nextAttempt - time.getCurrentProcessingTime()));
        }
    }

    @Override
    public List<RedisBacklog> snapshotState(long checkpointId) {
        return List.of(backlog.copy());
    }

    @Override
    public void close() {
        redis.close();
    }
}
