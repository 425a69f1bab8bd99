package io.streamlytics.flink.metrics;

import static io.streamlytics.flink.TestEvents.BEGINNING;
import static io.streamlytics.flink.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamlytics.core.event.Event;
import io.streamlytics.core.metrics.MetricDefinition;
import io.streamlytics.flink.common.SelectedProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Fan-out of events to metric keys, flushing, measures, the live sample, live definitions. */
class PreAggregateMetricsTest {
    /** What the running job would read from PostgreSQL; tests change it. */
    static final AtomicReference<Map<Long, MetricDefinition>> DEFINITIONS =
            new AtomicReference<>(Map.of());

    private static OneInputStreamOperatorTestHarness<MetricEvent, MetricPartial> harness(
            DefinitionsSource definitions, long refreshMillis, int sampled) throws Exception {
        var harness =
                new OneInputStreamOperatorTestHarness<>(
                        new PreAggregateMetrics(200, definitions, refreshMillis, sampled));
        harness.open();
        return harness;
    }

    private static MetricEvent purchase(
            String insertId, String user, String country, String properties) {
        Event e = event(1, insertId, "purchase", user, BEGINNING.plusSeconds(10));
        e.context.country = country;
        e.context.deviceType = "desktop";
        e.properties = properties;
        return MetricEvent.of(e);
    }

    /** Partials by {@code event/dimension/value}, and {@code @60} for the minute after. */
    private static Map<String, MetricPartial> byKey(List<MetricPartial> partials) {
        long first = BEGINNING.toEpochMilli();
        return partials.stream()
                .collect(
                        Collectors.toMap(
                                p ->
                                        p.event
                                                + "/"
                                                + p.dimension
                                                + "/"
                                                + p.value
                                                + (p.minute == first
                                                        ? ""
                                                        : "@" + (p.minute - first) / 1000),
                                p -> p));
    }

    @Test
    void eachEventCountsUnderItsNameAndAllEventsOverallAndPerBreakdown() throws Exception {
        DefinitionsSource definitions =
                DefinitionsSource.fixed(
                        Map.of(1L, new MetricDefinition(List.of("plan"), List.of("revenue"))));
        try (var harness = harness(definitions, 60_000, 100)) {
            harness.processElement(
                    new StreamRecord<>(
                            purchase("1", "ann", "DE", "{\"plan\":\"pro\",\"revenue\":10}")));
            harness.processElement(
                    new StreamRecord<>(
                            purchase("2", "ann", "DE", "{\"plan\":\"pro\",\"revenue\":\"5.5\"}")));
            harness.processElement(new StreamRecord<>(purchase("3", "bob", "", "{}")));
            Event view = event(1, "4", "$pageview", "bob", BEGINNING.plusSeconds(70));
            view.context.pagePath = "/pricing";
            harness.processElement(new StreamRecord<>(MetricEvent.of(view)));
            assertThat(harness.extractOutputValues()).as("nothing before a flush").isEmpty();

            harness.prepareSnapshotPreBarrier(1);

            Map<String, MetricPartial> partials = byKey(harness.extractOutputValues());
            assertThat(partials.get("purchase//").count).isEqualTo(3);
            assertThat(partials.get("purchase//").distinctIds).containsExactly("ann", "bob");
            assertThat(partials.get("purchase/country/DE").count).isEqualTo(2);
            assertThat(partials.get("purchase/country/(none)").count).isEqualTo(1);
            assertThat(partials.get("purchase/device/desktop").count).isEqualTo(3);
            assertThat(partials.get("purchase/prop:plan/pro").count).isEqualTo(2);
            assertThat(partials.get("purchase/prop:plan/(none)").count).isEqualTo(1);
            assertThat(partials.get("*//").count)
                    .as("all events, but the page view is a minute later")
                    .isEqualTo(3);
            assertThat(partials.get("*//@60").count).isEqualTo(1);
            assertThat(partials.get("$pageview/page//pricing@60").count).isEqualTo(1);
            assertThat(partials.get("purchase//").measures)
                    .singleElement()
                    .satisfies(
                            m -> {
                                assertThat(m.name).isEqualTo("revenue");
                                assertThat(m.values).containsExactly(10.0, 5.5);
                            });
            assertThat(partials).doesNotContainKey("purchase/page/(none)");

            harness.prepareSnapshotPreBarrier(2);
            assertThat(harness.extractOutputValues())
                    .as("the buffer was emptied by the first flush")
                    .hasSize(partials.size());
        }
    }

    @Test
    void flushesOnItsTimerAndBeforeEachWatermark() throws Exception {
        try (var harness = harness(DefinitionsSource.fixed(Map.of()), 60_000, 100)) {
            harness.setProcessingTime(0);
            harness.processElement(new StreamRecord<>(purchase("1", "ann", "DE", "{}")));
            harness.setProcessingTime(200);
            int afterTimer = harness.extractOutputValues().size();
            assertThat(afterTimer).isPositive();

            harness.processElement(new StreamRecord<>(purchase("2", "ann", "DE", "{}")));
            harness.processWatermark(BEGINNING.toEpochMilli());
            List<Object> output = List.copyOf(harness.getOutput());
            // the partials come before the watermark that follows them
            assertThat(output.get(output.size() - 1))
                    .isInstanceOf(org.apache.flink.streaming.api.watermark.Watermark.class);
            assertThat(harness.extractOutputValues()).hasSize(2 * afterTimer);
        }
    }

    @Test
    void theLiveFeedIsASampleOfAtMostTheConfiguredEventsPerSecond() throws Exception {
        try (var harness = harness(DefinitionsSource.fixed(Map.of()), 60_000, 3)) {
            harness.setProcessingTime(1_000);
            for (int i = 0; i < 10; i++) {
                harness.processElement(new StreamRecord<>(purchase("a" + i, "ann", "DE", "{}")));
            }
            harness.setProcessingTime(2_000);
            harness.processElement(new StreamRecord<>(purchase("b", "ann", "DE", "{}")));

            var sampled = harness.getSideOutput(PreAggregateMetrics.LIVE_EVENTS);
            assertThat(sampled).hasSize(4);
            assertThat(sampled.peek().getValue().country).isEqualTo("DE");
        }
    }

    @Test
    void aChangedDefinitionAppliesWithoutARestart() throws Exception {
        DEFINITIONS.set(Map.of());
        try (var harness = harness(() -> DEFINITIONS.get(), 20, 100)) {
            harness.processElement(
                    new StreamRecord<>(purchase("1", "ann", "DE", "{\"plan\":\"pro\"}")));
            harness.prepareSnapshotPreBarrier(1);
            assertThat(byKey(harness.extractOutputValues()))
                    .doesNotContainKey("purchase/prop:plan/pro");

            DEFINITIONS.set(Map.of(1L, new MetricDefinition(List.of("plan"), List.of())));
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .untilAsserted(
                            () -> {
                                harness.getOutput().clear();
                                harness.processElement(
                                        new StreamRecord<>(
                                                purchase("2", "ann", "DE", "{\"plan\":\"pro\"}")));
                                harness.prepareSnapshotPreBarrier(2);
                                assertThat(byKey(harness.extractOutputValues()))
                                        .containsKey("purchase/prop:plan/pro");
                            });
        }
    }

    @Test
    void propertiesAreReadWithoutParsingWhatIsNotAsked() {
        Map<String, String> values = new java.util.HashMap<>();
        SelectedProperties.read(
                "{\"nested\":{\"plan\":\"no\"},\"list\":[1,{\"plan\":2}],\"plan\":\"pro\","
                        + "\"revenue\":12.5,\"other\":null,\"flag\":true}",
                java.util.Set.of("plan", "revenue", "flag", "other"),
                values);
        assertThat(values)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("plan", "pro", "revenue", "12.5", "flag", "true"));
        assertThat(SelectedProperties.number("12.5")).isEqualTo(12.5);
        assertThat(Double.isNaN(SelectedProperties.number("abc"))).isTrue();
        assertThat(Double.isNaN(SelectedProperties.number("Infinity"))).isTrue();
    }
}
