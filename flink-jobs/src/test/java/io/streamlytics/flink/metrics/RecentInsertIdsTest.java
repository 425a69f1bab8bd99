package io.streamlytics.flink.metrics;

import static io.streamlytics.flink.TestEvents.BEGINNING;
import static io.streamlytics.flink.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Repeats of a user's recent events are dropped; memory is per user and bounded. */
class RecentInsertIdsTest {

    private static MetricEvent of(String user, String insertId) {
        return MetricEvent.of(event(1, insertId, "click", user, BEGINNING));
    }

    @Test
    void aRepeatAmongAUsersRecentEventsIsDroppedOthersPass() throws Exception {
        try (var harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new RecentInsertIds(Duration.ofHours(1))),
                        MetricEvent::userKey,
                        Types.STRING)) {
            harness.open();
            harness.processElement(new StreamRecord<>(of("ann", "a1")));
            harness.processElement(new StreamRecord<>(of("ann", "a2")));
            harness.processElement(new StreamRecord<>(of("ann", "a1"))); // an SDK retry
            harness.processElement(new StreamRecord<>(of("bob", "a1"))); // another user's id
            assertThat(harness.extractOutputValues())
                    .extracting(e -> e.distinctId)
                    .containsExactly("ann", "ann", "bob");

            // after REMEMBERED newer events of ann, a1 is forgotten: the memory is bounded
            for (int i = 0; i < RecentInsertIds.REMEMBERED; i++) {
                harness.processElement(new StreamRecord<>(of("ann", "n" + i)));
            }
            harness.getOutput().clear();
            harness.processElement(new StreamRecord<>(of("ann", "n0"))); // forgotten? no: recent
            harness.processElement(new StreamRecord<>(of("ann", "a2"))); // forgotten: passes
            assertThat(harness.extractOutputValues()).hasSize(1);
            assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
        }
    }
}
