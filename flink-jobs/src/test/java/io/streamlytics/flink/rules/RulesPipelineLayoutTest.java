package io.streamlytics.flink.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlytics.ceprules.read.RuleReader;
import io.streamlytics.ceprules.rule.ProjectRule;
import io.streamlytics.ceprules.rule.RuleEvent;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;

/**
 * The Rules job's layout: rules that follow the same key share one exchange, and each rule's filter
 * and operator run chained behind it, so an event crosses the network once per key kind whatever
 * the number of rules. (What the rules detect is tested in RulesJobTest and cep-rules.)
 */
class RulesPipelineLayoutTest {
    private final RuleReader reader = new RuleReader();

    @Test
    void rulesOfOneKeyShareOneExchangeAndRunChainedBehindIt() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        DataStream<RuleEvent> events =
                env.fromData(new RuleEvent())
                        .setParallelism(2)
                        .assignTimestampsAndWatermarks(WatermarkStrategy.noWatermarks());
        RulesPipeline.Outputs outputs =
                RulesPipeline.build(
                        events,
                        List.of(
                                rule(
                                        "a",
                                        "within: 1m\nsteps:\n  - {name: a, event: x}\n  - {name: b, event: y}"),
                                rule(
                                        "b",
                                        "within: 1m\nsteps:\n  - {name: a, event: x}\n  - {name: b, event: z}"),
                                rule("c", "aggregate: {event: x, window: 1m, when: {above: 3}}"),
                                rule(
                                        "d",
                                        "key: {property: plan}\naggregate: {event: y, window: 1m, when: {above: 3}}")));
        outputs.alerts().sinkTo(new DiscardingSink<>());
        outputs.progress().sinkTo(new DiscardingSink<>());

        List<String> vertices =
                StreamSupport.stream(
                                env.getStreamGraph().getJobGraph().getVertices().spliterator(),
                                false)
                        .map(JobVertex::getName)
                        .toList();
        assertThat(vertices.stream().filter(v -> v.startsWith("rules by ")))
                .as("one task chain per key kind: %s", vertices)
                .hasSize(3)
                .anySatisfy(
                        v ->
                                assertThat(v)
                                        .startsWith("rules by person")
                                        .contains("rule a", "rule b"))
                .anySatisfy(v -> assertThat(v).startsWith("rules by project").contains("rule c"))
                .anySatisfy(
                        v -> assertThat(v).startsWith("rules by property-plan").contains("rule d"));
        assertThat(vertices.stream().filter(v -> v.contains("rule a") || v.contains("rule b")))
                .as("the person rules are nowhere else")
                .hasSize(1);
    }

    private ProjectRule rule(String id, String body) {
        return new ProjectRule(
                1, 1, reader.read("version: 1\nid: " + id + "\ntype: alert\n" + body + "\n"));
    }
}
