package io.streamlytics.ceprules.rule;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A condition on one property of an event, with the query model's meaning (docs/query-model.md):
 * values compare as text, numbers as numbers when both sides are numbers; an absent property equals
 * nothing and is not a number.
 */
public record Predicate(String property, Op op, List<Object> values) implements Serializable {

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
            case REGEX -> value != null && regex().matcher(value).find();
            case GT, GTE, LT, LTE -> compares(value);
        };
    }

    private boolean equalsAny(String value) {
        BigDecimal number = number(value);
        for (Object v : values) {
            String text = String.valueOf(v);
            if (text.equals(value)) {
                return true;
            }
            BigDecimal other = number(text);
            if (number != null && other != null && number.compareTo(other) == 0) {
                return true;
            }
        }
        return false;
    }

    private boolean containsAny(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        return values.stream()
                .anyMatch(v -> lower.contains(String.valueOf(v).toLowerCase(Locale.ROOT)));
    }

    private boolean compares(String value) {
        BigDecimal number = value == null ? null : number(value);
        BigDecimal bound = number(String.valueOf(values.get(0)));
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

    /** Compiled once per predicate object (and again after deserialisation). */
    private Pattern regex() {
        return Regexes.get(String.valueOf(values.get(0)));
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
}
