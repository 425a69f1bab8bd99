package io.streamlytics.flink.redis;

import io.streamlytics.core.metrics.LiveMetricsLayout;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Writes to Redis in pipelined batches every {@code flushInterval}, and never makes the job wait
 * for Redis: while Redis is unreachable, writes wait in a coalescing {@link RedisBacklog} that is
 * part of the checkpoint, and are sent when Redis is back. Use it for writes that are idempotent
 * (absolute values, HyperLogLog adds): after a restore, replayed elements write the same values
 * again.
 */
public final class RedisSink<T> implements Sink<T>, SupportsWriterState<T, RedisBacklog> {
    private final String url;
    private final RedisWrites<T> writes;
    private final Duration flushInterval;
    private final Duration ttl;
    private final int streamCap;
    private final boolean heartbeat;

    public RedisSink(
            String url,
            RedisWrites<T> writes,
            Duration flushInterval,
            Duration ttl,
            int streamCap) {
        this(url, writes, flushInterval, ttl, streamCap, true);
    }

    private RedisSink(
            String url,
            RedisWrites<T> writes,
            Duration flushInterval,
            Duration ttl,
            int streamCap,
            boolean heartbeat) {
        this.url = url;
        this.heartbeat = heartbeat;
        this.writes = writes;
        this.flushInterval = flushInterval;
        this.ttl = ttl;
        this.streamCap = streamCap;
    }

    /**
     * The same sink without the live metrics' heartbeat ({@code live:heartbeat}, which tells
     * readers the Metrics job is writing): for other jobs' writes. It reaches Redis only when it
     * has something to write.
     */
    public RedisSink<T> withoutHeartbeat() {
        return new RedisSink<>(url, writes, flushInterval, ttl, streamCap, false);
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return restoreWriter(context, java.util.List.of());
    }

    @Override
    public StatefulSinkWriter<T, RedisBacklog> restoreWriter(
            WriterInitContext context, Collection<RedisBacklog> recovered) {
        RedisBacklog backlog = new RedisBacklog(streamCap);
        recovered.forEach(backlog::addAll);
        return new RedisWriter<>(
                url,
                writes,
                backlog,
                flushInterval.toMillis(),
                ttl.toMillis(),
                heartbeat ? LiveMetricsLayout.HEARTBEAT : null,
                context.getProcessingTimeService(),
                context.metricGroup());
    }

    @Override
    public SimpleVersionedSerializer<RedisBacklog> getWriterStateSerializer() {
        return new SimpleVersionedSerializer<>() {
            @Override
            public int getVersion() {
                return 1;
            }

            @Override
            public byte[] serialize(RedisBacklog backlog) throws IOException {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (DataOutputStream out = new DataOutputStream(bytes)) {
                    backlog.writeTo(out);
                }
                return bytes.toByteArray();
            }

            @Override
            public RedisBacklog deserialize(int version, byte[] serialized) throws IOException {
                if (version != 1) {
                    throw new IOException("unknown RedisBacklog version " + version);
                }
                try (DataInputStream in =
                        new DataInputStream(new ByteArrayInputStream(serialized))) {
                    return RedisBacklog.readFrom(in);
                }
            }
        };
    }
}
