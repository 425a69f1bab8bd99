package io.streamlytics.flink.redis;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.params.XAddParams;

/**
 * Writes waiting for Redis, coalesced: a hash field or a sorted-set member keeps only its newest
 * value, a HyperLogLog the union of what is to be added, a stream its newest entries up to a cap.
 * So while Redis is away the backlog grows with the number of distinct things changed, not with the
 * number of updates, and it is part of the sink's checkpointed state.
 *
 * <p>Every write is idempotent except stream entries (the live feed and update notices), which are
 * at least once: a restart may repeat a few.
 */
public final class RedisBacklog {
    final Map<String, Map<String, String>> hashes = new LinkedHashMap<>();
    final Map<String, Set<String>> hyperLogLogs = new LinkedHashMap<>();
    final Map<String, Map<String, Double>> sortedSets = new LinkedHashMap<>();
    final Map<String, Deque<Map<String, String>>> streams = new LinkedHashMap<>();
    final Map<String, Map<String, String>> notices = new LinkedHashMap<>();
    final Map<String, String> strings = new LinkedHashMap<>();
    private final int streamCap;

    public RedisBacklog(int streamCap) {
        this.streamCap = streamCap;
    }

    public void hset(String key, String field, String value) {
        hashes.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(field, value);
    }

    public void pfadd(String key, String... elements) {
        if (elements.length > 0) {
            Set<String> set = hyperLogLogs.computeIfAbsent(key, k -> new LinkedHashSet<>());
            for (String e : elements) {
                set.add(e);
            }
        }
    }

    public void zadd(String key, String member, double score) {
        sortedSets.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(member, score);
    }

    public void xadd(String stream, Map<String, String> entry) {
        Deque<Map<String, String>> entries =
                streams.computeIfAbsent(stream, k -> new ArrayDeque<>());
        entries.addLast(entry);
        while (entries.size() > streamCap) {
            entries.removeFirst();
        }
    }

    /**
     * Adds one entry to {@code stream} at the next flush, however many times it is called before:
     * the newest {@code entry} wins. For "something changed" notices that readers wait on.
     */
    public void notice(String stream, Map<String, String> entry) {
        notices.put(stream, entry);
    }

    public void set(String key, String value) {
        strings.put(key, value);
    }

    int streamCap() {
        return streamCap;
    }

    public boolean isEmpty() {
        return hashes.isEmpty()
                && hyperLogLogs.isEmpty()
                && sortedSets.isEmpty()
                && streams.isEmpty()
                && notices.isEmpty()
                && strings.isEmpty();
    }

    /** Things waiting (keys, not fields): what the writer bounds and reports. */
    public int size() {
        return hashes.size()
                + hyperLogLogs.size()
                + sortedSets.size()
                + streams.size()
                + notices.size()
                + strings.size();
    }

    /** Queues every write on {@code pipeline}; each key written also gets {@code ttlMillis}. */
    void writeTo(AbstractPipeline pipeline, long ttlMillis) {
        hashes.forEach(
                (key, fields) -> {
                    pipeline.hset(key, fields);
                    pipeline.pexpire(key, ttlMillis);
                });
        hyperLogLogs.forEach(
                (key, elements) -> {
                    pipeline.pfadd(key, elements.toArray(new String[0]));
                    pipeline.pexpire(key, ttlMillis);
                });
        sortedSets.forEach(
                (key, members) -> {
                    pipeline.zadd(key, members);
                    pipeline.pexpire(key, ttlMillis);
                });
        streams.forEach(
                (key, entries) -> {
                    for (Map<String, String> entry : entries) {
                        pipeline.xadd(
                                key,
                                XAddParams.xAddParams().maxLen(streamCap).approximateTrimming(),
                                entry);
                    }
                    pipeline.pexpire(key, ttlMillis);
                });
        notices.forEach(
                (key, entry) -> {
                    pipeline.xadd(
                            key,
                            XAddParams.xAddParams().maxLen(streamCap).approximateTrimming(),
                            entry);
                    pipeline.pexpire(key, ttlMillis);
                });
        strings.forEach(
                (key, value) -> {
                    pipeline.set(key, value);
                    pipeline.pexpire(key, ttlMillis);
                });
    }

    /** The idempotent writes only: hashes, HyperLogLogs, sorted sets and strings. */
    RedisBacklog withoutStreams() {
        RedisBacklog copy = copy();
        copy.streams.clear();
        copy.notices.clear();
        return copy;
    }

    RedisBacklog copy() {
        RedisBacklog copy = new RedisBacklog(streamCap);
        copy.addAll(this);
        return copy;
    }

    void clear() {
        hashes.clear();
        hyperLogLogs.clear();
        sortedSets.clear();
        streams.clear();
        notices.clear();
        strings.clear();
    }

    /** Adds {@code other}'s writes, as if they had been made after this backlog's. */
    void addAll(RedisBacklog other) {
        other.hashes.forEach((k, f) -> f.forEach((field, v) -> hset(k, field, v)));
        other.hyperLogLogs.forEach((k, e) -> pfadd(k, e.toArray(new String[0])));
        other.sortedSets.forEach((k, m) -> m.forEach((member, s) -> zadd(k, member, s)));
        other.streams.forEach((k, entries) -> entries.forEach(e -> xadd(k, e)));
        notices.putAll(other.notices);
        strings.putAll(other.strings);
    }

    void writeTo(DataOutputStream out) throws IOException {
        out.writeInt(streamCap);
        out.writeInt(hashes.size());
        for (var e : hashes.entrySet()) {
            out.writeUTF(e.getKey());
            writeMap(out, e.getValue());
        }
        out.writeInt(hyperLogLogs.size());
        for (var e : hyperLogLogs.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeInt(e.getValue().size());
            for (String element : e.getValue()) {
                out.writeUTF(element);
            }
        }
        out.writeInt(sortedSets.size());
        for (var e : sortedSets.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeInt(e.getValue().size());
            for (var m : e.getValue().entrySet()) {
                out.writeUTF(m.getKey());
                out.writeDouble(m.getValue());
            }
        }
        out.writeInt(streams.size());
        for (var e : streams.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeInt(e.getValue().size());
            for (Map<String, String> entry : e.getValue()) {
                writeMap(out, entry);
            }
        }
        out.writeInt(notices.size());
        for (var e : notices.entrySet()) {
            out.writeUTF(e.getKey());
            writeMap(out, e.getValue());
        }
        writeMap(out, strings);
    }

    static RedisBacklog readFrom(DataInputStream in) throws IOException {
        RedisBacklog b = new RedisBacklog(in.readInt());
        for (int i = in.readInt(); i > 0; i--) {
            b.hashes.put(in.readUTF(), readMap(in));
        }
        for (int i = in.readInt(); i > 0; i--) {
            String key = in.readUTF();
            Set<String> elements = new LinkedHashSet<>();
            for (int j = in.readInt(); j > 0; j--) {
                elements.add(in.readUTF());
            }
            b.hyperLogLogs.put(key, elements);
        }
        for (int i = in.readInt(); i > 0; i--) {
            String key = in.readUTF();
            Map<String, Double> members = new LinkedHashMap<>();
            for (int j = in.readInt(); j > 0; j--) {
                members.put(in.readUTF(), in.readDouble());
            }
            b.sortedSets.put(key, members);
        }
        for (int i = in.readInt(); i > 0; i--) {
            String key = in.readUTF();
            Deque<Map<String, String>> entries = new ArrayDeque<>();
            for (int j = in.readInt(); j > 0; j--) {
                entries.add(readMap(in));
            }
            b.streams.put(key, entries);
        }
        for (int i = in.readInt(); i > 0; i--) {
            b.notices.put(in.readUTF(), readMap(in));
        }
        b.strings.putAll(readMap(in));
        return b;
    }

    private static void writeMap(DataOutputStream out, Map<String, String> map) throws IOException {
        out.writeInt(map.size());
        for (var e : map.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeUTF(e.getValue());
        }
    }

    private static Map<String, String> readMap(DataInputStream in) throws IOException {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = in.readInt(); i > 0; i--) {
            map.put(in.readUTF(), in.readUTF());
        }
        return map;
    }
}
