package io.streamlytics.flink.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlytics.ceprules.read.RuleReader;
import io.streamlytics.ceprules.rule.ProjectRule;
import io.streamlytics.ceprules.rule.RuleEvent;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Before a key's exchange: only events some rule can react to, with only what rules read. */
class KeyGroupTest {
    private final RuleReader reader = new RuleReader();

    @Test
    void passesWhatSomeRuleTakesStrippedToThePropertiesRulesReadAndCountsLateOnes()
            throws Exception {
        KeyGroup group =
                new KeyGroup(
                        List.of(
                                rule(
                                        7,
                                        "within: 1m\nsteps:\n  - {name: a, event: cart, where: [{property: value, op: gt, value: 50}]}\n  - {name: b, event: paid}"),
                                rule(
                                        7,
                                        "aggregate: {event: error, where: [{property: code, op: equals, value: '500'}], measure: {sum: cost}, window: 1m, when: {above: 3}}")));
        var harness = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(group));
        harness.open();
        harness.processElement(event(7, "cart", 1000, Map.of("value", "80", "utm", "x")), 1000);
        harness.processElement(event(7, "page_view", 1100, Map.of("value", "80")), 1100);
        harness.processElement(event(8, "cart", 1200, Map.of("value", "80")), 1200);
        harness.processElement(event(7, "error", 1300, Map.of("code", "404", "cost", "2")), 1300);
        harness.processElement(
                event(7, "error", 1400, Map.of("code", "500", "cost", "2", "trace", "…")), 1400);
        harness.processWatermark(new Watermark(5000));
        harness.processElement(event(7, "paid", 4000, Map.of()), 4000);

        List<RuleEvent> passed =
                harness.extractOutputStreamRecords().stream()
                        .map(r -> (RuleEvent) r.getValue())
                        .toList();
        assertThat(passed).extracting(e -> e.event).containsExactly("cart", "error", "paid");
        assertThat(passed.get(0).properties).isEqualTo(Map.of("value", "80"));
        assertThat(passed.get(1).properties).isEqualTo(Map.of("code", "500", "cost", "2"));
        assertThat(group.lateCount()).as("paid at 4 s behind the watermark at 5 s").isEqualTo(1);
        harness.close();
    }

    private ProjectRule rule(long project, String body) {
        return new ProjectRule(
                project, 1, reader.read("version: 1\nid: r\ntype: alert\n" + body + "\n"));
    }

    private static RuleEvent event(
            long project, String name, long timestamp, Map<String, String> properties) {
        RuleEvent e = new RuleEvent();
        e.projectId = project;
        e.event = name;
        e.person = "ann";
        e.timestamp = timestamp;
        e.properties = new java.util.HashMap<>(properties);
        return e;
    }
}
