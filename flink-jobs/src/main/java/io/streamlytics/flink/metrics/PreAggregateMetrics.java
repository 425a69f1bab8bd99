package io.streamlytics.flink.metrics;

import io.streamlytics.core.metrics.MetricDefinition;
import io.streamlytics.flink.common.SelectedProperties;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each event into its metric keys (the event and "all events", each overall and broken down
 * by country, device, page and the project's configured properties) and sums them per key and
 * minute for a short interval before emitting {@link MetricPartial}s.
 *
 * <p>Nothing is kept in state: the buffer is emitted before every checkpoint barrier and before
 * every watermark, so a checkpoint never holds half-counted events and a partial is never behind
 * the watermark it travels with. It also emits a sample of the events for the live feed (at most
 * {@code sampledPerSecond} per project and second on each subtask).
 */
public final class PreAggregateMetrics extends AbstractStreamOperator<MetricPartial>
        implements OneInputStreamOperator<MetricEvent, MetricPartial> {
    public static final OutputTag<LiveEvent> LIVE_EVENTS =
            new OutputTag<>(
                    "live-events",
                    org.apache.flink.api.common.typeinfo.TypeInformation.of(LiveEvent.class));

    static final Set<String> VIEWS = Set.of("page_view", "$pageview", "screen_view", "$screen");

    private static final Logger LOG = LoggerFactory.getLogger(PreAggregateMetrics.class);
    private static final long MINUTE = 60_000;

    private final long flushIntervalMillis;
    private final DefinitionsSource definitionsSource;
    private final long definitionsRefreshMillis;
    private final int sampledPerSecond;

    private transient Map<BufferKey, Builder> buffer;
    private transient volatile Map<Long, MetricDefinition> definitions;
    private transient ScheduledExecutorService refresher;
    private transient Map<Long, long[]> sampled; // project -> {second, count}
    private transient Map<String, String> propertyValues;
    private transient Map<MetricDefinition, Plan> plans;
    private transient Map<Long, MetricDefinition> plannedFor;

    public PreAggregateMetrics(
            long flushIntervalMillis,
            DefinitionsSource definitionsSource,
            long definitionsRefreshMillis,
            int sampledPerSecond) {
        this.flushIntervalMillis = flushIntervalMillis;
        this.definitionsSource = definitionsSource;
        this.definitionsRefreshMillis = definitionsRefreshMillis;
        this.sampledPerSecond = sampledPerSecond;
    }

    @Override
    public void open() throws Exception {
        super.open();
        buffer = new LinkedHashMap<>();
        sampled = new HashMap<>();
        propertyValues = new HashMap<>();
        plans = new java.util.IdentityHashMap<>();
        definitions = definitionsSource.load();
        refresher =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "metric-definitions");
                            t.setDaemon(true);
                            return t;
                        });
        // read off the task thread: a slow database must not stall the events
        refresher.scheduleWithFixedDelay(
                this::refreshDefinitions,
                definitionsRefreshMillis,
                definitionsRefreshMillis,
                TimeUnit.MILLISECONDS);
        scheduleFlush();
    }

    private void refreshDefinitions() {
        try {
            definitions = definitionsSource.load();
        } catch (RuntimeException e) {
            LOG.warn(
                    "could not read the metric definitions, keeping the last ones: {}",
                    e.getMessage());
        }
    }

    private void scheduleFlush() {
        long now = getProcessingTimeService().getCurrentProcessingTime();
        getProcessingTimeService()
                .registerTimer(
                        now + flushIntervalMillis,
                        time -> {
                            flush();
                            scheduleFlush();
                        });
    }

    @Override
    public void processElement(StreamRecord<MetricEvent> record) {
        MetricEvent e = record.getValue();
        MetricDefinition definition =
                definitions.getOrDefault(e.projectId, MetricDefinition.DEFAULT);
        long minute = Math.floorDiv(e.timestamp, MINUTE) * MINUTE;
        Plan plan = plan(definition);
        Map<String, Double> measures = measures(e, definition, plan);
        String country = orUnknown(e.country);
        String device = orUnknown(e.device);
        for (String event : new String[] {e.event, MetricKeys.ALL_EVENTS}) {
            add(e, event, MetricKeys.NO_DIMENSION, "", minute, measures);
            add(e, event, MetricKeys.COUNTRY, country, minute, measures);
            add(e, event, MetricKeys.DEVICE, device, minute, measures);
            List<String> dimensions = definition.dimensions();
            for (int i = 0; i < dimensions.size(); i++) {
                add(
                        e,
                        event,
                        plan.dimensionNames()[i],
                        orUnknown(propertyValues.get(dimensions.get(i))),
                        minute,
                        measures);
            }
        }
        if (VIEWS.contains(e.event)) {
            add(e, e.event, MetricKeys.PAGE, orUnknown(e.page), minute, measures);
        }
        sample(e, record.getTimestamp());
    }

    /** Reads the definition's properties of {@code e} into {@link #propertyValues}. */
    private Map<String, Double> measures(MetricEvent e, MetricDefinition definition, Plan plan) {
        propertyValues.clear();
        if (plan.wanted().isEmpty()) {
            return Map.of();
        }
        SelectedProperties.read(e.properties, plan.wanted(), propertyValues);
        Map<String, Double> numbers = new HashMap<>(4);
        for (String measure : definition.measures()) {
            double value = SelectedProperties.number(propertyValues.get(measure));
            if (!Double.isNaN(value)) {
                numbers.put(measure, value);
            }
        }
        return numbers;
    }

    private void add(
            MetricEvent e,
            String event,
            String dimension,
            String value,
            long minute,
            Map<String, Double> measures) {
        BufferKey key = new BufferKey(e.projectId, event, dimension, value, minute);
        Builder builder = buffer.get(key);
        if (builder == null) {
            builder = new Builder(e.projectId, event, dimension, value, minute);
            buffer.put(key, builder);
        }
        builder.count++;
        builder.distinctIds.add(e.distinctId);
        measures.forEach(builder::addMeasure);
    }

    private void sample(MetricEvent e, long timestamp) {
        long second = getProcessingTimeService().getCurrentProcessingTime() / 1000;
        long[] window = sampled.computeIfAbsent(e.projectId, p -> new long[2]);
        if (window[0] != second) {
            window[0] = second;
            window[1] = 0;
        }
        if (window[1]++ >= sampledPerSecond) {
            return;
        }
        LiveEvent live = new LiveEvent();
        live.projectId = e.projectId;
        live.event = e.event;
        live.distinctId = e.distinctId;
        live.timestamp = e.timestamp;
        live.page = e.page;
        live.country = e.country;
        live.device = e.device;
        output.collect(LIVE_EVENTS, new StreamRecord<>(live, timestamp));
    }

    private static String orUnknown(String value) {
        return value == null || value.isEmpty() ? MetricKeys.UNKNOWN : value;
    }

    private void flush() {
        if (buffer.isEmpty()) {
            return;
        }
        for (Builder builder : buffer.values()) {
            output.collect(new StreamRecord<>(builder.build(), builder.minute));
        }
        buffer.clear();
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        flush();
        super.processWatermark(mark);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        flush();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void finish() throws Exception {
        flush();
        super.finish();
    }

    @Override
    public void close() throws Exception {
        if (refresher != null) {
            refresher.shutdownNow();
        }
        super.close();
    }

    /**
     * What a definition asks of each event, worked out once per definition rather than per event:
     * the properties to read, and the names of its breakdowns.
     */
    private record Plan(Set<String> wanted, String[] dimensionNames) {
        static Plan of(MetricDefinition definition) {
            Set<String> wanted = new HashSet<>(definition.dimensions());
            wanted.addAll(definition.measures());
            return new Plan(
                    Set.copyOf(wanted),
                    definition.dimensions().stream()
                            .map(p -> MetricKeys.PROPERTY + p)
                            .toArray(String[]::new));
        }
    }

    private Plan plan(MetricDefinition definition) {
        Map<Long, MetricDefinition> current = definitions;
        if (current != plannedFor) {
            // definitions were read again: new objects, so plans start afresh
            plans.clear();
            plannedFor = current;
        }
        return plans.computeIfAbsent(definition, Plan::of);
    }

    /** One metric in one minute: where the buffer sums it. */
    private record BufferKey(
            long projectId, String event, String dimension, String value, long minute) {}

    private static final class Builder {
        final long projectId;
        final String event;
        final String dimension;
        final String value;
        final long minute;
        long count;
        final Set<String> distinctIds = new LinkedHashSet<>();
        Map<String, List<Double>> measures;

        Builder(long projectId, String event, String dimension, String value, long minute) {
            this.projectId = projectId;
            this.event = event;
            this.dimension = dimension;
            this.value = value;
            this.minute = minute;
        }

        void addMeasure(String name, double value) {
            if (measures == null) {
                measures = new LinkedHashMap<>();
            }
            measures.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }

        MetricPartial build() {
            MetricPartial p = new MetricPartial();
            p.projectId = projectId;
            p.event = event;
            p.dimension = dimension;
            p.value = value;
            p.minute = minute;
            p.count = count;
            p.distinctIds = distinctIds.toArray(new String[0]);
            if (measures == null) {
                p.measures = new MeasurePartial[0];
            } else {
                p.measures =
                        measures.entrySet().stream()
                                .map(
                                        m ->
                                                new MeasurePartial(
                                                        m.getKey(),
                                                        m.getValue().stream()
                                                                .mapToDouble(Double::doubleValue)
                                                                .toArray()))
                                .toArray(MeasurePartial[]::new);
            }
            return p;
        }
    }
}
