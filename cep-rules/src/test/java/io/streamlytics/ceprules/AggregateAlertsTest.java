package io.streamlytics.ceprules;

import static io.streamlytics.ceprules.RuleHarness.alerts;
import static io.streamlytics.ceprules.RuleHarness.e;
import static io.streamlytics.ceprules.RuleHarness.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamlytics.ceprules.rule.RuleEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Aggregate alerts: each condition over windows whose measures are known, firing when it becomes
 * true and resolving when it becomes false. Windows are 10 minutes from the hour; a detection is at
 * its window's end.
 */
class AggregateAlertsTest {
    @RegisterExtension static final MiniClusterExtension CLUSTER = RuleHarness.cluster();

    private static String alert(String measure, String when) {
        return "version: 1\nid: t\ntype: alert\naggregate:\n  event: pay_failed\n  measure: "
                + measure
                + "\n  window: 10m\n  when: "
                + when
                + "\n";
    }

    /** {@code counts[i]} events of {@code who} in the window starting at 10:00 + 10·i minutes. */
    private static List<RuleEvent> windows(String who, int... counts) {
        List<RuleEvent> events = new ArrayList<>();
        for (int w = 0; w < counts.length; w++) {
            for (int i = 0; i < counts[w]; i++) {
                Instant at = RuleHarness.at("10:00").plusSeconds(w * 600L + i * 7L);
                events.add(e(who + i % 3, "pay_failed", at.toString(), "amount", "2.5"));
            }
        }
        return events;
    }

    @Test
    void aThresholdFiresWhenCrossedAndResolvesWhenBack() throws Exception {
        var found =
                run(
                        alert("count", "{above: 3}"),
                        windows("p", 2, 4, 5, 1).toArray(RuleEvent[]::new));
        assertThat(alerts(found)).containsExactly("firing at 10:20 4", "resolved at 10:40 1");
    }

    /** Below fires on a window without any event too. */
    @Test
    void belowCountsEmptyWindows() throws Exception {
        var found =
                run(alert("count", "{below: 2}"), windows("p", 3, 0, 3).toArray(RuleEvent[]::new));
        assertThat(alerts(found)).containsExactly("firing at 10:20 0", "resolved at 10:30 3");
    }

    @Test
    void uniqueUsersAndSumsAreMeasured() throws Exception {
        RuleEvent[] events = windows("p", 6, 2).toArray(RuleEvent[]::new);
        assertThat(alerts(run(alert("unique_users", "{above: 2}"), events)))
                .containsExactly("firing at 10:10 3", "resolved at 10:20 2");
        assertThat(alerts(run(alert("{sum: amount}", "{above: 10}"), events)))
                .containsExactly("firing at 10:10 15", "resolved at 10:20 5");
    }

    @Test
    void aChangeComparesWithTheWindowBefore() throws Exception {
        var found =
                run(
                        alert("count", "{change: {percent: 50, direction: up}}"),
                        windows("p", 4, 5, 8, 8).toArray(RuleEvent[]::new));
        assertThat(alerts(found)).containsExactly("firing at 10:30 8", "resolved at 10:40 8");
    }

    /**
     * Eight steady windows (4 or 5 events: the average near 4.5, its deviation near 0.5), then 20,
     * far outside it; the 5 after it is within the wider deviation the 20 brought.
     */
    @Test
    void anEwmaAnomalyWaitsForItsWarmUp() throws Exception {
        var found =
                run(
                        alert(
                                "count",
                                "{anomaly: {baseline: ewma, alpha: 0.3, deviations: 3, warmup: 5}}"),
                        windows("p", 4, 5, 4, 5, 4, 5, 4, 5, 20, 5).toArray(RuleEvent[]::new));
        assertThat(alerts(found)).containsExactly("firing at 11:30 20", "resolved at 11:40 5");
    }

    /** Hourly windows: 10 payments failed at 10:00 on Monday and 25 at 10:00 a week later. */
    @Test
    void sameHourLastWeekComparesAWeekApart() throws Exception {
        String rule =
                "version: 1\nid: t\ntype: alert\naggregate:\n  event: pay_failed\n  window: 1h\n"
                        + "  when: {anomaly: {baseline: same_hour_last_week, factor: 2}}\n";
        List<RuleEvent> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            events.add(e("p", "pay_failed", "2026-11-02T10:0" + i + ":00Z"));
        }
        for (int i = 0; i < 25; i++) {
            events.add(
                    e(
                            "p",
                            "pay_failed",
                            Instant.parse("2026-11-09T10:00:00Z").plusSeconds(i * 60L).toString()));
        }
        events.add(e("p", "pay_failed", "2026-11-09T11:30:00Z"));
        var found = run(rule, events.toArray(RuleEvent[]::new));
        assertThat(alerts(found)).containsExactly("firing at 2026-11-09T11:00 25");
    }

    @Test
    void absenceFiresAWindowAfterTheLastEventAndResolvesOnTheNext() throws Exception {
        String rule =
                "version: 1\nid: t\ntype: alert\nkey: person\naggregate:\n  event: heartbeat\n"
                        + "  window: 15m\n  when: {absent: true}\n";
        var found =
                run(
                        rule,
                        e("srv1", "heartbeat", "10:00"),
                        e("srv1", "heartbeat", "10:10"),
                        e("srv2", "heartbeat", "10:00"),
                        e("srv2", "heartbeat", "10:40"),
                        e("srv1", "heartbeat", "10:50"));
        assertThat(alerts(found))
                .containsExactly(
                        "firing at 10:15 srv2 0",
                        "firing at 10:25 srv1 0",
                        "resolved at 10:40 srv2 0",
                        "resolved at 10:50 srv1 0",
                        "firing at 10:55 srv2 0",
                        "firing at 11:05 srv1 0");
    }

    @Test
    void aKeyedAggregateAlertsPerKey() throws Exception {
        String rule =
                "version: 1\nid: t\ntype: alert\nkey: {property: plan}\naggregate:\n  event: pay_failed\n"
                        + "  window: 10m\n  when: {above: 1}\n";
        var found =
                run(
                        rule,
                        e("a", "pay_failed", "10:01", "plan", "pro"),
                        e("b", "pay_failed", "10:02", "plan", "pro"),
                        e("c", "pay_failed", "10:03", "plan", "free"));
        assertThat(alerts(found)).containsExactly("firing at 10:10 pro 2");
    }
}
