package io.streamlytics.console.live.service;

import static io.streamlytics.core.metrics.LiveMetricsLayout.allEvents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamlytics.console.live.domain.LiveFeedEvent;
import io.streamlytics.console.live.domain.LiveSnapshot;
import io.streamlytics.console.live.domain.MinuteValue;
import io.streamlytics.console.live.domain.WindowValue;
import io.streamlytics.core.metrics.LiveMetricsLayout;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ZParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.Tuple;

/**
 * Reads a project's live numbers from the minutes the Metrics job keeps in Redis ({@link
 * LiveMetricsLayout}), merging minutes into windows: counts and sums add, HyperLogLogs merge in
 * {@code PFCOUNT}, top lists in {@code ZUNION}. One pipelined round trip per snapshot.
 */
@Service
public class LiveMetricsReader {
    /** Data older than this is flagged stale: the job writes a heartbeat every flush (200 ms). */
    public static final Duration STALE_AFTER = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(LiveMetricsReader.class);
    private static final long MINUTE = 60_000;
    private static final int HOUR = 60;
    private static final int ACTIVE_WINDOW = 5;
    private static final int TOP = 10;
    private static final String SESSIONS_STARTED =
            LiveMetricsLayout.count(
                    LiveMetricsLayout.name(LiveMetricsLayout.SESSIONS_STARTED, "", ""));

    /** The most minutes one request may ask for: what Redis keeps. */
    public static final int MAX_MINUTES = (int) LiveMetricsLayout.RETENTION.toMinutes();

    private final JedisPooled redis;
    private final Clock clock;
    private final ObjectMapper json;

    public LiveMetricsReader(JedisPooled redis, Clock clock, ObjectMapper json) {
        this.redis = redis;
        this.clock = clock;
        this.json = json;
    }

    public LiveSnapshot snapshot(long project) {
        long now = clock.millis();
        long minute = now / MINUTE * MINUTE;
        long[] minutes =
                IntStream.range(0, HOUR).mapToLong(i -> minute - (HOUR - 1 - i) * MINUTE).toArray();
        String all = allEvents();
        try (AbstractPipeline p = redis.pipelined()) {
            List<Response<List<String>>> values = new ArrayList<>(HOUR);
            for (long m : minutes) {
                values.add(
                        p.hmget(
                                LiveMetricsLayout.values(project, m),
                                LiveMetricsLayout.count(all),
                                LiveMetricsLayout.measure(all, "s", LiveMetricsLayout.REVENUE),
                                SESSIONS_STARTED));
            }
            Response<Long> active = p.pfcount(lastUniques(project, minutes, ACTIVE_WINDOW));
            Response<Long> hour = p.pfcount(lastUniques(project, minutes, HOUR));
            Response<List<Tuple>> topEvents =
                    p.zunionWithScores(
                            new ZParams().aggregate(ZParams.Aggregate.SUM),
                            last(
                                    minutes,
                                    ACTIVE_WINDOW,
                                    m -> LiveMetricsLayout.topEvents(project, m)));
            Response<List<Tuple>> topPages =
                    p.zunionWithScores(
                            new ZParams().aggregate(ZParams.Aggregate.SUM),
                            last(
                                    minutes,
                                    ACTIVE_WINDOW,
                                    m -> LiveMetricsLayout.topPages(project, m)));
            Response<String> heartbeat = p.get(LiveMetricsLayout.HEARTBEAT);
            p.sync();

            List<Long> counts = new ArrayList<>(HOUR);
            double revenue = 0;
            long sessions = 0;
            for (Response<List<String>> v : values) {
                counts.add(count(v.get().get(0)));
                revenue += amount(v.get().get(1));
                sessions += count(v.get().get(2));
            }
            long age = heartbeat.get() == null ? -1 : now - Long.parseLong(heartbeat.get());
            return new LiveSnapshot(
                    project,
                    minute,
                    counts,
                    active.get(),
                    hour.get(),
                    revenue,
                    sessions,
                    ranked(topEvents.get()),
                    ranked(topPages.get()),
                    age,
                    age < 0 || age > STALE_AFTER.toMillis());
        } catch (JedisException e) {
            LOG.debug("Redis unreadable: {}", e.getMessage());
            return unavailable(project, minute);
        }
    }

    /**
     * One metric ({@code event}, or {@code *} for all, broken down by {@code dimension} = {@code
     * value}, or "" for none) over the last {@code minutes} minutes, oldest first.
     */
    public List<MinuteValue> minutes(
            long project, String event, String dimension, String value, int minutes) {
        if (minutes < 1 || minutes > MAX_MINUTES) {
            throw new IllegalArgumentException(
                    "minutes must be between 1 and " + MAX_MINUTES + ", got " + minutes);
        }
        long current = clock.millis() / MINUTE * MINUTE;
        String name = LiveMetricsLayout.name(event, dimension, value);
        List<Response<List<String>>> responses = new ArrayList<>(minutes);
        try (AbstractPipeline p = redis.pipelined()) {
            for (int i = minutes - 1; i >= 0; i--) {
                responses.add(
                        p.hmget(
                                LiveMetricsLayout.values(project, current - i * MINUTE),
                                LiveMetricsLayout.count(name),
                                LiveMetricsLayout.uniquesEstimate(name),
                                LiveMetricsLayout.measure(name, "s", LiveMetricsLayout.REVENUE)));
            }
            p.sync();
        }
        List<MinuteValue> values = new ArrayList<>(minutes);
        for (int i = 0; i < minutes; i++) {
            List<String> v = responses.get(i).get();
            values.add(
                    new MinuteValue(
                            current - (minutes - 1 - i) * MINUTE,
                            count(v.get(0)),
                            count(v.get(1)),
                            amount(v.get(2))));
        }
        return values;
    }

    /**
     * One metric over the last {@code minutes} minutes (the current one included): a sliding window
     * read by merging minutes, with {@code measure}'s sum, average and percentiles.
     */
    public WindowValue window(
            long project,
            String event,
            String dimension,
            String value,
            int minutes,
            String measure) {
        if (minutes < 1 || minutes > MAX_MINUTES) {
            throw new IllegalArgumentException(
                    "minutes must be between 1 and " + MAX_MINUTES + ", got " + minutes);
        }
        long current = clock.millis() / MINUTE * MINUTE;
        String name = LiveMetricsLayout.name(event, dimension, value);
        List<Response<List<String>>> values = new ArrayList<>(minutes);
        List<Response<String>> sketches = new ArrayList<>(minutes);
        String[] uniques = new String[minutes];
        Response<Long> distinct;
        try (AbstractPipeline p = redis.pipelined()) {
            for (int i = 0; i < minutes; i++) {
                long m = current - (long) i * MINUTE;
                values.add(
                        p.hmget(
                                LiveMetricsLayout.values(project, m),
                                LiveMetricsLayout.count(name),
                                LiveMetricsLayout.measure(name, "n", measure),
                                LiveMetricsLayout.measure(name, "s", measure)));
                sketches.add(
                        p.hget(
                                LiveMetricsLayout.sketches(project, m),
                                name + LiveMetricsLayout.SEPARATOR + measure));
                uniques[i] = LiveMetricsLayout.uniques(project, m, name);
            }
            distinct = p.pfcount(uniques);
            p.sync();
        }
        long events = 0;
        long count = 0;
        double sum = 0;
        for (Response<List<String>> v : values) {
            events += count(v.get().get(0));
            count += count(v.get().get(1));
            sum += amount(v.get().get(2));
        }
        KllDoublesSketch merged = KllDoublesSketch.newHeapInstance();
        for (Response<String> s : sketches) {
            if (s.get() != null) {
                merged.merge(
                        KllDoublesSketch.heapify(
                                Memory.wrap(java.util.Base64.getDecoder().decode(s.get()))));
            }
        }
        boolean empty = merged.isEmpty();
        return new WindowValue(
                minutes,
                events,
                distinct.get(),
                measure,
                count,
                sum,
                count == 0 ? 0 : sum / count,
                empty ? null : merged.getQuantile(0.5),
                empty ? null : merged.getQuantile(0.95));
    }

    /** The newest {@code max} events of the feed after {@code afterId} ("" for the newest). */
    public List<LiveFeedEvent> feed(long project, String afterId, int max) {
        String stream = LiveMetricsLayout.events(project);
        try {
            List<StreamEntry> entries;
            if (afterId == null || afterId.isEmpty()) {
                entries = new ArrayList<>(redis.xrevrange(stream, "+", "-", max));
                java.util.Collections.reverse(entries);
            } else {
                entries = redis.xrange(stream, "(" + new StreamEntryID(afterId), "+", max);
            }
            return entries.stream().map(this::feedEvent).toList();
        } catch (JedisException | IllegalArgumentException e) {
            LOG.debug("live feed unreadable: {}", e.getMessage());
            return List.of();
        }
    }

    LiveFeedEvent feedEvent(StreamEntry entry) {
        Map<String, String> fields = entry.getFields();
        try {
            JsonNode e = json.readTree(fields.getOrDefault("event", "{}"));
            return new LiveFeedEvent(
                    entry.getID().toString(),
                    e.path("event").asText(),
                    e.path("distinct_id").asText(),
                    e.path("timestamp").asLong(),
                    e.path("page").asText(),
                    e.path("country").asText(),
                    e.path("device").asText());
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            return new LiveFeedEvent(entry.getID().toString(), "", "", 0, "", "", "");
        }
    }

    public static LiveSnapshot unavailable(long project, long minute) {
        return new LiveSnapshot(
                project, minute, List.of(), 0, 0, 0, 0, List.of(), List.of(), -1, true);
    }

    private static String[] lastUniques(long project, long[] minutes, int n) {
        return last(minutes, n, m -> LiveMetricsLayout.uniques(project, m, allEvents()));
    }

    private static String[] last(
            long[] minutes, int n, java.util.function.LongFunction<String> key) {
        String[] keys = new String[n];
        for (int i = 0; i < n; i++) {
            keys[i] = key.apply(minutes[minutes.length - n + i]);
        }
        return keys;
    }

    private static List<LiveSnapshot.Ranked> ranked(List<Tuple> tuples) {
        return tuples.stream()
                .sorted((a, b) -> Double.compare(b.getScore(), a.getScore()))
                .limit(TOP)
                .map(t -> new LiveSnapshot.Ranked(t.getElement(), Math.round(t.getScore())))
                .toList();
    }

    /** A count as the job writes it (an integer), 0 when absent. */
    private static long count(String value) {
        return value == null ? 0 : Long.parseLong(value);
    }

    /** A sum as the job writes it (a double), 0 when absent. */
    private static double amount(String value) {
        return value == null ? 0 : Double.parseDouble(value);
    }
}
