package io.streamlytics.ceprules;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlytics.ceprules.rule.Predicate;
import io.streamlytics.ceprules.rule.Predicate.Op;
import io.streamlytics.ceprules.rule.RuleEvent;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Property predicates with the query model's meaning. */
class PredicateTest {
    private static RuleEvent event(String... properties) {
        RuleEvent e = new RuleEvent();
        e.event = "buy";
        for (int i = 0; i < properties.length; i += 2) {
            e.properties.put(properties[i], properties[i + 1]);
        }
        return e;
    }

    private static boolean test(Op op, Object value, RuleEvent e) {
        return new Predicate("p", op, value == null ? List.of() : List.of(value)).test(e);
    }

    @Test
    void equalsComparesNumbersAsNumbersAndTextAsText() {
        assertThat(test(Op.EQUALS, new BigDecimal("5"), event("p", "5.0"))).isTrue();
        assertThat(test(Op.EQUALS, "Pro", event("p", "pro"))).isFalse();
        assertThat(new Predicate("p", Op.EQUALS, List.of("a", "b")).test(event("p", "b"))).isTrue();
        assertThat(test(Op.EQUALS, "x", event())).isFalse();
        assertThat(test(Op.NOT_EQUALS, "x", event())).as("absent equals nothing").isTrue();
    }

    @Test
    void containsIgnoresCaseAndRegexFinds() {
        assertThat(test(Op.CONTAINS, "CHROME", event("p", "Mobile Chrome"))).isTrue();
        assertThat(test(Op.NOT_CONTAINS, "safari", event("p", "Mobile Chrome"))).isTrue();
        assertThat(test(Op.REGEX, "^/docs/[0-9]+$", event("p", "/docs/42"))).isTrue();
        assertThat(test(Op.REGEX, "^/docs/[0-9]+$", event("p", "/docs/x"))).isFalse();
    }

    @Test
    void comparisonsNeedNumbers() {
        assertThat(test(Op.GT, new BigDecimal("10"), event("p", "10.5"))).isTrue();
        assertThat(test(Op.GTE, new BigDecimal("10"), event("p", "10"))).isTrue();
        assertThat(test(Op.LT, new BigDecimal("10"), event("p", "abc"))).isFalse();
        assertThat(test(Op.LTE, new BigDecimal("10"), event())).isFalse();
    }

    @Test
    void isSetLooksAtPresence() {
        assertThat(test(Op.IS_SET, null, event("p", ""))).isTrue();
        assertThat(test(Op.IS_NOT_SET, null, event("q", "1"))).isTrue();
        assertThat(new Predicate("$event", Op.EQUALS, List.of("buy")).test(event())).isTrue();
    }
}
