package io.streamlytics.ceprules;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlytics.ceprules.read.InvalidRuleException;
import io.streamlytics.ceprules.read.RuleProblem;
import io.streamlytics.ceprules.read.RuleReader;
import io.streamlytics.ceprules.rule.Aggregate;
import io.streamlytics.ceprules.rule.AlertSpec;
import io.streamlytics.ceprules.rule.Key;
import io.streamlytics.ceprules.rule.Rule;
import io.streamlytics.ceprules.rule.Step;
import io.streamlytics.ceprules.rule.Times;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The YAML format read into rules, and its mistakes reported where they are in the text. */
class RuleReaderTest {
    private final RuleReader reader = new RuleReader();

    private List<String> problems(String yaml) {
        try {
            reader.read(yaml);
        } catch (InvalidRuleException e) {
            return e.problems().stream().map(RuleProblem::toString).toList();
        }
        throw new AssertionError("read without a problem:\n" + yaml);
    }

    @Test
    void readsEveryPartOfASequence() {
        Rule rule =
                reader.read(
                        """
                        version: 1
                        id: r
                        type: alert
                        key: {property: account}
                        within: 2h
                        steps:
                          - name: a
                            event: view
                            where: [{property: plan, op: equals, value: [pro, 3]}]
                          - {name: b, event: '*', after: strict, within: 90s, times: {min: 2, max: 4}}
                          - {name: c, event: c, after: any, times: one_or_more, optional: true}
                          - {name: d, event: d, absent: true}
                        alert: {severity: critical, summary: hi}
                        """);
        assertThat(rule.key()).isEqualTo(new Key(Key.Kind.PROPERTY, "account"));
        assertThat(rule.within()).isEqualTo(Duration.ofHours(2));
        assertThat(rule.steps()).extracting(Step::name).containsExactly("a", "b", "c", "d");
        Step b = rule.steps().get(1);
        assertThat(b.after()).isEqualTo(Step.Contiguity.STRICT);
        assertThat(b.within()).isEqualTo(Duration.ofSeconds(90));
        assertThat(b.times()).isEqualTo(new Times(2, 4));
        assertThat(rule.steps().get(2).times()).isEqualTo(Times.ONE_OR_MORE);
        assertThat(rule.steps().get(2).optional()).isTrue();
        assertThat(rule.steps().get(3).absent()).isTrue();
        assertThat(rule.steps().get(0).where().get(0).values()).hasSize(2);
        assertThat(rule.alert().summary()).isEqualTo("hi");
    }

    @Test
    void readsAggregatesWithTheirDefaults() {
        Rule rule =
                reader.read(
                        """
                        version: 1
                        id: r
                        type: alert
                        aggregate: {event: e, window: 1h, when: {anomaly: {baseline: ewma}}}
                        """);
        assertThat(rule.key()).isEqualTo(Key.PROJECT);
        assertThat(rule.aggregate().measure()).isEqualTo(Aggregate.Measure.COUNT);
        assertThat(rule.aggregate().when()).isEqualTo(new Aggregate.Ewma(0.3, 3, 5));
    }

    @Test
    void schemaProblemsPointAtTheirLineAndColumn() {
        assertThat(
                        problems(
                                """
                                version: 1
                                id: Bad Id
                                type: funnel
                                within: 10 minutes
                                steps:
                                  - {name: a, event: a}
                                  - {name: b, evnt: b}
                                """))
                .contains(
                        "2:5 id: does not match the regex pattern ^[a-z0-9][a-z0-9_-]{0,62}$",
                        "4:9 within: does not match the regex pattern ^[1-9][0-9]{0,5}[smhd]$",
                        "7:5 steps.1.event: required")
                .anySatisfy(p -> assertThat(p).startsWith("7:5 steps.1: property 'evnt'"));
    }

    @Test
    void meaningProblemsPointAtTheirLineAndColumnToo() {
        assertThat(
                        problems(
                                """
                                version: 1
                                id: r
                                type: alert
                                steps:
                                  - {name: a, event: a, absent: true}
                                  - name: a
                                    event: b
                                    times: {min: 3, max: 2}
                                    where: [{property: p, op: regex, value: "(unclosed"}]
                                """))
                .containsExactlyInAnyOrder(
                        "5:5 steps.0: the first step cannot be absent or optional",
                        "6:11 steps.1.name: \"a\" names another step too",
                        "8:12 steps.1.times: min (3) is more than max (2)",
                        "9:45 steps.1.where.0.value: not a regular expression: Unclosed group",
                        "1:1 within: required for a rule with steps: partial matches are kept at most"
                                + " this long");
    }

    @Test
    void aNegationAtTheEndTakesTheRulesWithin() {
        assertThat(
                        problems(
                                """
                                version: 1
                                id: r
                                type: alert
                                within: 1h
                                steps:
                                  - {name: a, event: a}
                                  - {name: b, event: b, absent: true, within: 5m}
                                """))
                .containsExactly(
                        "7:47 steps.1.within: an absent last step's deadline is the rule's within,"
                                + " from the first step");
    }

    @Test
    void alertSettingsAreReadAndKeptToTheKindOfRuleTheyFit() {
        Rule aggregate =
                reader.read(
                        """
                        version: 1
                        id: r
                        type: alert
                        aggregate: {event: e, window: 5m, when: {above: 3}}
                        alert: {severity: critical, policy: on-call, for: 2m}
                        """);
        assertThat(aggregate.alert())
                .isEqualTo(
                        new AlertSpec(
                                AlertSpec.Severity.CRITICAL,
                                "",
                                "on-call",
                                Duration.ofMinutes(2),
                                AlertSpec.DEFAULT_RESOLVE_AFTER));
        assertThat(
                        problems(
                                """
                                version: 1
                                id: r
                                type: alert
                                within: 1h
                                steps:
                                  - {name: a, event: a}
                                  - {name: b, event: b}
                                alert: {for: 5m, resolve_after: 1h}
                                """))
                .containsExactly(
                        "8:14 alert.for: is for aggregates: a sequence's match has no condition that"
                                + " lasts");
    }

    @Test
    void funnelsAndAlertsKeepToTheirOwnParts() {
        assertThat(
                        problems(
                                """
                                version: 1
                                id: r
                                type: funnel
                                within: 1h
                                steps: [{name: a, event: a}]
                                alert: {severity: info}
                                """))
                .containsExactlyInAnyOrder(
                        "5:8 steps: a funnel has at least two steps",
                        "6:8 alert: is for alert rules");
        assertThat(
                        problems(
                                "version: 1\nid: r\ntype: alert\naggregate: {event: e, window: 11m,"
                                        + " when: {anomaly: {baseline: same_hour_last_week}}}\n"))
                .containsExactly(
                        "4:31 aggregate.window: same_hour_last_week needs a window that divides a"
                                + " week evenly (1m, 5m, 1h, 1d …)");
    }

    @Test
    void brokenYamlSaysWhere() {
        assertThat(problems("version: 1\nid: [unclosed\n"))
                .singleElement()
                .asString()
                .startsWith("2:14 not valid YAML: while parsing a flow sequence");
        assertThat(problems("")).containsExactly("1:1 the document is empty");
    }
}
