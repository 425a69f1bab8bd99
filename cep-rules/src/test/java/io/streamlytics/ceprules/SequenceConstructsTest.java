package io.streamlytics.ceprules;

import static io.streamlytics.ceprules.RuleHarness.alerts;
import static io.streamlytics.ceprules.RuleHarness.e;
import static io.streamlytics.ceprules.RuleHarness.paths;
import static io.streamlytics.ceprules.RuleHarness.run;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each construct of the sequence format against Flink CEP's meaning of it, with events that tell
 * the construct from its neighbours (relaxed from strict, strict from any, …).
 */
class SequenceConstructsTest {
    @RegisterExtension static final MiniClusterExtension CLUSTER = RuleHarness.cluster();

    /** The rule's header, then the steps. */
    private static String alert(String within, String steps) {
        return "version: 1\nid: t\ntype: alert\nwithin: " + within + "\nsteps:\n" + steps;
    }

    @Test
    void relaxedStepsAllowOtherEventsBetween() throws Exception {
        String rule = alert("1h", "  - {name: a, event: a}\n  - {name: b, event: b}\n");
        assertThat(
                        paths(
                                run(
                                        rule,
                                        e("ann", "a", "10:00"),
                                        e("ann", "x", "10:01"),
                                        e("ann", "b", "10:02"))))
                .containsExactly("ann: a=a@10:00 b=b@10:02");
    }

    @Test
    void strictStepsMustComeNext() throws Exception {
        String rule =
                alert("1h", "  - {name: a, event: a}\n  - {name: b, event: b, after: strict}\n");
        assertThat(
                        run(
                                rule,
                                e("ann", "a", "10:00"),
                                e("ann", "x", "10:01"),
                                e("ann", "b", "10:02")))
                .isEmpty();
        assertThat(paths(run(rule, e("bob", "a", "10:00"), e("bob", "b", "10:02"))))
                .containsExactly("bob: a=a@10:00 b=b@10:02");
    }

    /**
     * a, b, b, c with c strictly after b: relaxed takes the first b only, and the second b breaks
     * strictness; any also tries the second b, which c follows directly.
     */
    @Test
    void anyContiguityTriesEveryLaterMatch() throws Exception {
        String events =
                "  - {name: a, event: a}\n  - {name: b, event: b, after: %s}\n"
                        + "  - {name: c, event: c, after: strict}\n";
        var input =
                new io.streamlytics.ceprules.rule.RuleEvent[] {
                    e("ann", "a", "10:00"),
                    e("ann", "b", "10:01"),
                    e("ann", "b", "10:02"),
                    e("ann", "c", "10:03")
                };
        assertThat(run(alert("1h", events.formatted("relaxed")), input)).isEmpty();
        assertThat(paths(run(alert("1h", events.formatted("any")), input)))
                .containsExactly("ann: a=a@10:00 b=b@10:02 c=c@10:03");
    }

    @Test
    void anAbsentStepBetweenTwoOthersForbidsIt() throws Exception {
        String rule =
                alert(
                        "1h",
                        "  - {name: a, event: a}\n  - {name: no x, event: x, absent: true}\n  - {name: b, event: b}\n");
        assertThat(
                        run(
                                rule,
                                e("ann", "a", "10:00"),
                                e("ann", "x", "10:01"),
                                e("ann", "b", "10:02")))
                .isEmpty();
        assertThat(
                        paths(
                                run(
                                        rule,
                                        e("bob", "a", "10:00"),
                                        e("bob", "y", "10:01"),
                                        e("bob", "b", "10:02"))))
                .containsExactly("bob: a=a@10:00 b=b@10:02");
    }

    @Test
    void aStrictAbsentStepForbidsItOnlyAsTheNextEvent() throws Exception {
        String rule =
                alert(
                        "1h",
                        "  - {name: a, event: a}\n  - {name: no x, event: x, absent: true, after: strict}\n"
                                + "  - {name: b, event: b}\n");
        assertThat(
                        run(
                                rule,
                                e("ann", "a", "10:00"),
                                e("ann", "x", "10:01"),
                                e("ann", "b", "10:02")))
                .isEmpty();
        assertThat(
                        paths(
                                run(
                                        rule,
                                        e("bob", "a", "10:00"),
                                        e("bob", "y", "10:01"),
                                        e("bob", "x", "10:02"),
                                        e("bob", "b", "10:03"))))
                .containsExactly("bob: a=a@10:00 b=b@10:03");
    }

    /** "a then no b within 10 minutes": detected when the 10 minutes are up, not before. */
    @Test
    void anAbsentLastStepFiresWhenTheWindowPasses() throws Exception {
        String rule =
                alert(
                        "10m",
                        "  - {name: cart, event: cart}\n  - {name: no purchase, event: purchase, absent: true}\n");
        var found =
                run(
                        rule,
                        e("ann", "cart", "10:00"),
                        e("bob", "cart", "10:00"),
                        e("bob", "purchase", "10:05"),
                        e("cyd", "cart", "10:00"),
                        e("cyd", "purchase", "10:15"));
        assertThat(paths(found))
                .containsExactlyInAnyOrder("ann: cart=cart@10:00", "cyd: cart=cart@10:00");
        assertThat(alerts(found)).allSatisfy(a -> assertThat(a).startsWith("firing at 10:10"));
    }

    @Test
    void timesRepeatAStep() throws Exception {
        String rule = alert("1h", "  - {name: a, event: a}\n  - {name: b, event: b, times: 2}\n");
        assertThat(run(rule, e("ann", "a", "10:00"), e("ann", "b", "10:01"))).isEmpty();
        assertThat(
                        paths(
                                run(
                                        rule,
                                        e("bob", "a", "10:00"),
                                        e("bob", "b", "10:01"),
                                        e("bob", "x", "10:02"),
                                        e("bob", "b", "10:03"))))
                .containsExactly("bob: a=a@10:00 b=b@10:01+b@10:03");
    }

    @Test
    void strictRepeatsMustBeConsecutive() throws Exception {
        String rule =
                alert(
                        "1h",
                        "  - {name: a, event: a}\n  - {name: b, event: b, times: 2, after: strict}\n");
        assertThat(
                        run(
                                rule,
                                e("ann", "a", "10:00"),
                                e("ann", "b", "10:01"),
                                e("ann", "x", "10:02"),
                                e("ann", "b", "10:03")))
                .isEmpty();
        assertThat(
                        paths(
                                run(
                                        rule,
                                        e("bob", "a", "10:00"),
                                        e("bob", "b", "10:01"),
                                        e("bob", "b", "10:02"))))
                .containsExactly("bob: a=a@10:00 b=b@10:01+b@10:02");
    }

    @Test
    void aRangeOfTimesTakesAsManyAsItFindsUpToItsMax() throws Exception {
        String rule =
                alert(
                        "1h",
                        "  - {name: a, event: a}\n  - {name: b, event: b, times: {min: 2, max: 3}}\n  - {name: c, event: c}\n");
        assertThat(
                        run(
                                rule,
                                e("ann", "a", "10:00"),
                                e("ann", "b", "10:01"),
                                e("ann", "c", "10:02")))
                .isEmpty();
        assertThat(
                        paths(
                                run(
                                        rule,
                                        e("bob", "a", "10:00"),
                                        e("bob", "b", "10:01"),
                                        e("bob", "b", "10:02"),
                                        e("bob", "b", "10:03"),
                                        e("bob", "c", "10:04"))))
                .first()
                .asString()
                .startsWith("bob: a=a@10:00 b=b@10:01+b@10:02")
                .endsWith("c=c@10:04");
    }

    @Test
    void oneOrMoreTakesEveryRepeat() throws Exception {
        String rule =
                alert(
                        "1h",
                        "  - {name: a, event: a}\n  - {name: b, event: b, times: one_or_more}\n  - {name: c, event: c}\n");
        assertThat(run(rule, e("ann", "a", "10:00"), e("ann", "c", "10:01"))).isEmpty();
        assertThat(
                        paths(
                                run(
                                        rule,
                                        e("bob", "a", "10:00"),
                                        e("bob", "b", "10:01"),
                                        e("bob", "c", "10:04"))))
                .containsExactly("bob: a=a@10:00 b=b@10:01 c=c@10:04");
    }

    @Test
    void anOptionalStepMayBeMissing() throws Exception {
        String rule =
                alert(
                        "1h",
                        "  - {name: a, event: a}\n  - {name: b, event: b, optional: true}\n  - {name: c, event: c}\n");
        assertThat(paths(run(rule, e("ann", "a", "10:00"), e("ann", "c", "10:01"))))
                .containsExactly("ann: a=a@10:00 c=c@10:01");
    }

    @Test
    void theRuleWithinBoundsFirstToLast() throws Exception {
        String rule =
                alert(
                        "30m",
                        "  - {name: a, event: a}\n  - {name: b, event: b}\n  - {name: c, event: c}\n");
        assertThat(
                        run(
                                rule,
                                e("ann", "a", "10:00"),
                                e("ann", "b", "10:20"),
                                e("ann", "c", "10:40")))
                .isEmpty();
        assertThat(
                        paths(
                                run(
                                        rule,
                                        e("bob", "a", "10:00"),
                                        e("bob", "b", "10:20"),
                                        e("bob", "c", "10:29"))))
                .hasSize(1);
    }

    /** 25 minutes from a to c fits the rule's hour; 11 from b to c does not fit c's 10. */
    @Test
    void aStepWithinBoundsTheTimeSinceThePreviousStep() throws Exception {
        String rule =
                alert(
                        "1h",
                        "  - {name: a, event: a}\n  - {name: b, event: b}\n  - {name: c, event: c, within: 10m}\n");
        assertThat(
                        run(
                                rule,
                                e("ann", "a", "10:00"),
                                e("ann", "b", "10:14"),
                                e("ann", "c", "10:25")))
                .isEmpty();
        assertThat(
                        paths(
                                run(
                                        rule,
                                        e("bob", "a", "10:00"),
                                        e("bob", "b", "10:16"),
                                        e("bob", "c", "10:25"))))
                .containsExactly("bob: a=a@10:00 b=b@10:16 c=c@10:25");
    }

    @Test
    void predicatesNarrowAStep() throws Exception {
        String rule =
                alert(
                        "1h",
                        "  - {name: a, event: view, where: [{property: plan, op: equals, value: [pro, team]}]}\n"
                                + "  - {name: b, event: buy, where: [{property: amount, op: gt, value: 10}]}\n");
        assertThat(
                        paths(
                                run(
                                        rule,
                                        e("ann", "view", "10:00", "plan", "free"),
                                        e("ann", "buy", "10:01", "amount", "50"),
                                        e("bob", "view", "10:00", "plan", "team"),
                                        e("bob", "buy", "10:01", "amount", "9.5"),
                                        e("bob", "buy", "10:02", "amount", "10.5"))))
                .containsExactly("bob: a=view@10:00 b=buy@10:02");
    }

    @Test
    void theKeyDecidesWhoseEventsFollowEachOther() throws Exception {
        String steps = "  - {name: a, event: a}\n  - {name: b, event: b}\n";
        var input =
                new io.streamlytics.ceprules.rule.RuleEvent[] {
                    e("ann", "a", "10:00", "$session", "s1", "team", "red"),
                    e("ann", "b", "10:01", "$session", "s2", "team", "red"),
                    e("bob", "b", "10:02", "$session", "s3", "team", "blue")
                };
        assertThat(paths(run(alert("1h", steps), input)))
                .containsExactly("ann: a=a@10:00 b=b@10:01");
        assertThat(run("key: session\n" + alert("1h", steps), input)).isEmpty();
        assertThat(paths(run("key: {property: team}\n" + alert("1h", steps), input)))
                .containsExactly("red: a=a@10:00 b=b@10:01");
    }

    @Test
    void oneAttemptIsDetectedOnce() throws Exception {
        String rule = alert("1h", "  - {name: a, event: a}\n  - {name: b, event: b}\n");
        assertThat(
                        paths(
                                run(
                                        rule,
                                        e("ann", "a", "10:00"),
                                        e("ann", "a", "10:01"),
                                        e("ann", "b", "10:02"),
                                        e("ann", "b", "10:03"))))
                .containsExactly("ann: a=a@10:00 b=b@10:02");
    }
}
