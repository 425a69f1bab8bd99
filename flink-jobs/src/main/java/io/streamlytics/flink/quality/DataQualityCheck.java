package io.streamlytics.flink.quality;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keyed by project and event name: collects each event-time hour (volume, rejections by reason,
 * empty key fields, schema drift) and writes it as a {@link DataQualityRow} once the watermark is
 * {@code lateness} past the hour. The schema is everything seen so far: a property name not seen
 * before is drift (except in the event name's very first event, which sets the baseline), and so is
 * a value of another JSON type than the last one. The volume is compared with the same hour a week
 * earlier (kept for 8 days); an hour without events is reported too when last week's had some,
 * since a stream that stops is the anomaly that matters most.
 */
public final class DataQualityCheck
        extends KeyedProcessFunction<String, QualitySample, DataQualityRow> {
    static final long HOUR = Duration.ofHours(1).toMillis();
    static final long WEEK = Duration.ofDays(7).toMillis();

    /** Last week's volume must be at least this for a change to count as an anomaly. */
    static final long MIN_BASELINE = 20;

    /** An anomaly is at least this many standard deviations (Poisson) from last week ... */
    static final double MIN_SCORE = 4.0;

    /** ... and at least this relative change. */
    static final double MIN_CHANGE = 0.3;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final long lateness;
    private transient MapState<Long, HourStats> hours;
    private transient MapState<String, String> schema;
    private transient MapState<Long, Long> volumes;
    private transient ValueState<Long> lastActiveHour;
    private transient Counter invalidEvents;
    private transient Counter schemaChanges;
    private transient Counter volumeAnomalies;

    public DataQualityCheck(Duration lateness) {
        this.lateness = lateness.toMillis();
    }

    @Override
    public void open(OpenContext context) {
        var state = getRuntimeContext();
        hours = state.getMapState(new MapStateDescriptor<>("hours", Long.class, HourStats.class));
        schema = state.getMapState(new MapStateDescriptor<>("schema", String.class, String.class));
        MapStateDescriptor<Long, Long> volumesDescriptor =
                new MapStateDescriptor<>("volumes", Long.class, Long.class);
        volumesDescriptor.enableTimeToLive(
                StateTtlConfig.newBuilder(Duration.ofDays(8))
                        .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                        .build());
        volumes = state.getMapState(volumesDescriptor);
        lastActiveHour = state.getState(new ValueStateDescriptor<>("last-active-hour", Long.class));
        var metrics = state.getMetricGroup();
        invalidEvents = metrics.counter("dataQualityInvalidEvents");
        schemaChanges = metrics.counter("dataQualitySchemaChanges");
        volumeAnomalies = metrics.counter("dataQualityVolumeAnomalies");
    }

    @Override
    public void processElement(QualitySample sample, Context ctx, Collector<DataQualityRow> out)
            throws Exception {
        long hour = Math.floorDiv(sample.time, HOUR) * HOUR;
        if (hour + HOUR + lateness <= ctx.timerService().currentWatermark()) {
            return; // that hour was reported already; the sessions' late counter sees such events
        }
        HourStats stats = hours.get(hour);
        if (stats == null) {
            stats = new HourStats();
            ctx.timerService().registerEventTimeTimer(hour + HOUR + lateness);
        }
        if (sample.valid()) {
            stats.events++;
            for (int i = 0; i < stats.empty.length; i++) {
                if ((sample.emptyFields & (1 << i)) != 0) {
                    stats.empty[i]++;
                }
            }
            checkSchema(sample, stats);
        } else {
            stats.invalid++;
            invalidEvents.inc();
            ObjectNode reasons = (ObjectNode) JSON.readTree(stats.invalidReasons);
            reasons.put(sample.reason, reasons.path(sample.reason).asLong(0) + 1);
            stats.invalidReasons = JSON.writeValueAsString(reasons);
        }
        hours.put(hour, stats);
    }

    private void checkSchema(QualitySample sample, HourStats stats) throws Exception {
        if (sample.properties.equals("{}")) {
            return;
        }
        boolean baseline = schema.isEmpty();
        for (Map.Entry<String, JsonNode> property : JSON.readTree(sample.properties).properties()) {
            String type = typeOf(property.getValue());
            if (type == null) {
                continue; // null says nothing about the type
            }
            String name = property.getKey();
            String known = schema.get(name);
            if (known == null) {
                schema.put(name, type);
                if (!baseline) {
                    stats.newProperties = append(stats.newProperties, name);
                    schemaChanges.inc();
                }
            } else if (!known.equals(type)) {
                schema.put(name, type);
                stats.typeChanges = append(stats.typeChanges, name + ": " + known + "→" + type);
                schemaChanges.inc();
            }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<DataQualityRow> out)
            throws Exception {
        long hour = timestamp - lateness - HOUR;
        HourStats stats = hours.get(hour);
        Long lastWeek = volumes.get(hour - WEEK);
        if (stats != null) {
            hours.remove(hour);
            if (stats.events > 0) {
                lastActiveHour.update(hour);
            }
        } else if (lastWeek == null || lastWeek < MIN_BASELINE) {
            rearm(ctx, hour);
            return; // a quiet hour after a quiet one: nothing to say
        } else {
            stats = new HourStats();
        }
        volumes.put(hour, stats.events);
        DataQualityRow row = row(ctx.getCurrentKey(), hour, stats, lastWeek);
        if (row.anomaly) {
            volumeAnomalies.inc();
        }
        out.collect(row);
        rearm(ctx, hour);
    }

    /** Looks at the next hour too, while a week-old comparison could still find a drop. */
    private void rearm(OnTimerContext ctx, long hour) throws Exception {
        Long active = lastActiveHour.value();
        if (active != null && hour + HOUR - active <= WEEK && !hours.contains(hour + HOUR)) {
            ctx.timerService().registerEventTimeTimer(hour + 2 * HOUR + lateness);
        }
    }

    static DataQualityRow row(String key, long hour, HourStats stats, Long lastWeek) {
        DataQualityRow row = new DataQualityRow();
        int colon = key.indexOf(':');
        row.projectId = Long.parseLong(key.substring(0, colon));
        row.event = key.substring(colon + 1);
        row.hour = hour;
        row.events = stats.events;
        row.invalid = stats.invalid;
        row.invalidReasons = stats.invalidReasons;
        row.newProperties = lines(stats.newProperties);
        row.typeChanges = lines(stats.typeChanges);
        ObjectNode rates = JSON.createObjectNode();
        for (int i = 0; i < QualitySample.KEY_FIELDS.length; i++) {
            double rate = stats.events == 0 ? 0 : (double) stats.empty[i] / stats.events;
            rates.put(QualitySample.KEY_FIELDS[i], Math.round(rate * 10_000) / 10_000.0);
        }
        row.nullRates = JSON.writeValueAsString(rates);
        row.sameHourLastWeek = lastWeek == null ? -1 : lastWeek;
        if (lastWeek != null && lastWeek >= MIN_BASELINE) {
            double change = stats.events - lastWeek;
            row.anomalyScore = change / Math.sqrt(lastWeek);
            row.anomaly =
                    Math.abs(row.anomalyScore) >= MIN_SCORE
                            && Math.abs(change) / lastWeek >= MIN_CHANGE;
        }
        return row;
    }

    static String typeOf(JsonNode value) {
        if (value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isNumber()) {
            return "number";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        if (value.isObject()) {
            return "object";
        }
        return value.isArray() ? "array" : "string";
    }

    private static String append(String lines, String line) {
        if (Arrays.asList(lines(lines)).contains(line)) {
            return lines;
        }
        return lines.isEmpty() ? line : lines + "\n" + line;
    }

    private static String[] lines(String lines) {
        return lines.isEmpty() ? new String[0] : lines.split("\n");
    }
}
