package io.streamlytics.ceprules.rule;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A condition on one property of an event, with the query model's meaning (docs/query-model.md):
 * values compare as text, numbers as numbers when both sides are numbers; an absent property equals
 * nothing and is not a number.
 */
public final class Predicate implements Serializable {

    public enum Op {
        EQUALS,
        NOT_EQUALS,
        CONTAINS,
        NOT_CONTAINS,
        REGEX,
        GT,
        GTE,
        LT,
        LTE,
        IS_SET,
        IS_NOT_SET
    }

    private final String property;
    private final Op op;
    private final List<Object> values;
    // what every event is compared with, worked out once: rules test each event of their scope
    private final String[] texts;
    private final String[] lowered;
    private final BigDecimal[] numbers;
    private final boolean anyNumber;
    private final Pattern regex;

    public Predicate(String property, Op op, List<Object> values) {
        this.property = property;
        this.op = op;
        this.values = List.copyOf(values);
        this.texts = this.values.stream().map(String::valueOf).toArray(String[]::new);
        this.lowered =
                Arrays.stream(texts).map(t -> t.toLowerCase(Locale.ROOT)).toArray(String[]::new);
        this.numbers = Arrays.stream(texts).map(Predicate::number).toArray(BigDecimal[]::new);
        this.anyNumber = Arrays.stream(numbers).anyMatch(Objects::nonNull);
        this.regex = op == Op.REGEX ? Pattern.compile(texts[0]) : null;
    }

    public String property() {
        return property;
    }

    public Op op() {
        return op;
    }

    public List<Object> values() {
        return values;
    }

    /** Whether the event is named {@code name} ({@code *}: any) and meets every predicate. */
    public static boolean all(String name, List<Predicate> where, RuleEvent event) {
        if (!"*".equals(name) && !name.equals(event.event)) {
            return false;
        }
        for (Predicate p : where) {
            if (!p.test(event)) {
                return false;
            }
        }
        return true;
    }

    public boolean test(RuleEvent event) {
        String value = event.property(property);
        return switch (op) {
            case IS_SET -> value != null;
            case IS_NOT_SET -> value == null;
            case EQUALS -> value != null && equalsAny(value);
            case NOT_EQUALS -> value == null || !equalsAny(value);
            case CONTAINS -> value != null && containsAny(value);
            case NOT_CONTAINS -> value == null || !containsAny(value);
            case REGEX -> value != null && regex.matcher(value).find();
            case GT, GTE, LT, LTE -> compares(value);
        };
    }

    private boolean equalsAny(String value) {
        for (String text : texts) {
            if (text.equals(value)) {
                return true;
            }
        }
        BigDecimal number = anyNumber ? number(value) : null;
        if (number != null) {
            for (BigDecimal other : numbers) {
                if (other != null && number.compareTo(other) == 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean containsAny(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        for (String part : lowered) {
            if (lower.contains(part)) {
                return true;
            }
        }
        return false;
    }

    private boolean compares(String value) {
        BigDecimal number = value == null ? null : number(value);
        BigDecimal bound = numbers[0];
        if (number == null || bound == null) {
            return false;
        }
        int c = number.compareTo(bound);
        return switch (op) {
            case GT -> c > 0;
            case GTE -> c >= 0;
            case LT -> c < 0;
            default -> c <= 0;
        };
    }

    static BigDecimal number(String text) {
        if (text.isEmpty() || text.length() > 100) {
            return null;
        }
        char c = text.charAt(0);
        if (!(c == '-' || c == '+' || c == '.' || Character.isDigit(c))) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Predicate p
                && property.equals(p.property)
                && op == p.op
                && values.equals(p.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(property, op, values);
    }

    @Override
    public String toString() {
        return property + " " + op.name().toLowerCase(Locale.ROOT) + " " + values;
    }
}
