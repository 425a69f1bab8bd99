package io.streamlytics.flink.metrics;

import io.streamlytics.core.event.Event;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The Metrics job's logic, free of sources and sinks: drop repeated insert ids, sum events per
 * metric and minute on each subtask for a flush interval ({@link PreAggregateMetrics}), then per
 * metric across subtasks ({@link MinuteMetrics}).
 */
public final class MetricsPipeline {
    /**
     * @param live every change of a minute's metric, for Redis
     * @param finals each minute's metric once, after its lateness, for ClickHouse
     * @param liveEvents the sampled live feed
     */
    public record Outputs(
            DataStream<MinuteMetric> live,
            DataStream<MinuteMetric> finals,
            DataStream<LiveEvent> liveEvents) {}

    /** How long a session id is remembered: the longest session (24 h) plus lateness. */
    static final java.time.Duration SESSION_MEMORY = java.time.Duration.ofHours(26);

    private MetricsPipeline() {}

    /**
     * {@code events} must carry event-time timestamps and watermarks, best made in the source per
     * Kafka partition ({@code Sessions.watermarks}).
     */
    public static Outputs build(
            DataStream<MetricEvent> events,
            DefinitionsSource definitions,
            MetricsSettings settings) {
        return build(events, null, definitions, settings);
    }

    /**
     * As above, with {@code sessionized} (the pipeline's {@code events.enriched}, which carry
     * session ids) counted as sessions started; null for none.
     */
    public static Outputs build(
            DataStream<MetricEvent> events,
            DataStream<Event> sessionized,
            DefinitionsSource definitions,
            MetricsSettings settings) {
        SingleOutputStreamOperator<MetricPartial> partials =
                events.keyBy(MetricEvent::userKey)
                        .process(new RecentInsertIds(settings.dedupWindow()))
                        .uid("metrics-recent-insert-ids")
                        .name("drop repeated insert ids")
                        .transform(
                                "sum per metric and minute",
                                TypeInformation.of(MetricPartial.class),
                                new PreAggregateMetrics(
                                        settings.flushInterval().toMillis(),
                                        definitions,
                                        settings.definitionsRefresh().toMillis(),
                                        settings.sampledPerSecond()))
                        .uid("metrics-pre-aggregate");
        DataStream<MetricPartial> all = partials;
        if (sessionized != null) {
            all =
                    partials.union(
                            sessionized
                                    .keyBy(FirstEventOfSession::key)
                                    .process(new FirstEventOfSession(SESSION_MEMORY))
                                    .uid("metrics-sessions-started")
                                    .name("sessions started"));
        }
        SingleOutputStreamOperator<MinuteMetric> minutes =
                all.keyBy(MetricPartial::key)
                        .process(new MinuteMetrics(settings.lateness()))
                        .uid("metrics-minutes")
                        .name("minute metrics");
        return new Outputs(
                minutes,
                minutes.getSideOutput(MinuteMetrics.FINAL),
                partials.getSideOutput(PreAggregateMetrics.LIVE_EVENTS));
    }
}
