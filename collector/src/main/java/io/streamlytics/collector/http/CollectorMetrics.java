package io.streamlytics.collector.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;

/** The collector's Prometheus metrics, served on {@code /metrics}. */
public final class CollectorMetrics {
    private final PrometheusMeterRegistry registry =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter accepted =
            Counter.builder("collector_events_accepted").register(registry);
    private final Timer kafkaSend =
            Timer.builder("collector_kafka_send").publishPercentileHistogram().register(registry);

    void request(String dialect, int status) {
        registry.counter(
                        "collector_requests",
                        "dialect",
                        dialect,
                        "status",
                        Integer.toString(status))
                .increment();
    }

    Timer.Sample startRequest() {
        return Timer.start(registry);
    }

    void finishRequest(Timer.Sample sample, String dialect) {
        sample.stop(
                Timer.builder("collector_request")
                        .tag("dialect", dialect)
                        .publishPercentileHistogram()
                        .register(registry));
    }

    void acceptedEvents(int count) {
        accepted.increment(count);
    }

    /** A rejected event, counted by the first words of its reason (its field or rule). */
    void rejectedEvent(String reason) {
        registry.counter("collector_events_rejected", "reason", reasonTag(reason)).increment();
    }

    void rejectedRequest(int status) {
        registry.counter("collector_requests_rejected", "status", Integer.toString(status))
                .increment();
    }

    void kafkaSend(long nanos) {
        kafkaSend.record(nanos, TimeUnit.NANOSECONDS);
    }

    String scrape() {
        return registry.scrape();
    }

    /** Bounded tag values: the field a reason names, never free text. */
    static String reasonTag(String reason) {
        int colon = reason.indexOf(':');
        String field = colon > 0 ? reason.substring(0, colon) : "other";
        return field.matches("[A-Za-z0-9_.$\\[\\]]{1,40}")
                ? field.replaceAll("\\[\\d+]", "[]")
                : "other";
    }
}
