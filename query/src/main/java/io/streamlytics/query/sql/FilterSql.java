package io.streamlytics.query.sql;

import io.streamlytics.core.clickhouse.Sql;
import io.streamlytics.query.InvalidQueryException;
import io.streamlytics.query.model.Filter;
import io.streamlytics.query.model.Filter.Condition;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/** Filters as SQL conditions; every value is a quoted literal or a checked number. */
public final class FilterSql {
    private FilterSql() {}

    /** The conditions ANDed, {@code 1} when there are none. */
    public static String all(List<Filter> filters, Scope scope) {
        if (filters.isEmpty()) {
            return "1";
        }
        return filters.stream()
                .map(f -> of(f, scope))
                .collect(Collectors.joining(" AND ", "(", ")"));
    }

    public static String of(Filter filter, Scope scope) {
        if (filter instanceof Filter.AllOf all) {
            return all(all.filters(), scope);
        }
        if (filter instanceof Filter.AnyOf any) {
            return any.filters().isEmpty()
                    ? "1"
                    : any.filters().stream()
                            .map(f -> of(f, scope))
                            .collect(Collectors.joining(" OR ", "(", ")"));
        }
        if (filter instanceof Filter.InSegment segment) {
            return (segment.negate() ? "NOT " : "") + members(segment.segmentId(), scope);
        }
        return condition((Condition) filter);
    }

    /**
     * Whether the event's person is in the segment's newest materialised membership (none before
     * its first refresh).
     */
    static String members(long segmentId, Scope scope) {
        String project = "project_id = " + scope.projectId() + " AND segment_id = " + segmentId;
        return Scope.PERSON
                + " IN (SELECT person FROM "
                + scope.sibling("segment_members")
                + " WHERE "
                + project
                + " AND version = (SELECT max(version) FROM "
                + scope.sibling("segment_versions")
                + " WHERE "
                + project
                + "))";
    }

    private static String condition(Condition c) {
        String value = PropertySql.string(c.property());
        return switch (c.op()) {
            case EQUALS -> equals(c, value);
            case NOT_EQUALS -> "NOT " + equals(c, value);
            case CONTAINS -> contains(c, value);
            case NOT_CONTAINS -> "NOT " + contains(c, value);
            case REGEX -> "match(" + value + ", " + regex(c) + ")";
            case NOT_REGEX -> "NOT match(" + value + ", " + regex(c) + ")";
            case GT, GTE, LT, LTE -> compare(c);
            case IS_SET -> PropertySql.isSet(c.property());
            case IS_NOT_SET -> "NOT " + PropertySql.isSet(c.property());
        };
    }

    private static String equals(Condition c, String value) {
        requireValues(c);
        return c.values().stream()
                .map(
                        v ->
                                v instanceof Number n
                                        ? "ifNull("
                                                + PropertySql.number(c.property())
                                                + " = "
                                                + number(n)
                                                + ", 0)"
                                        : value + " = " + literal(v))
                .collect(Collectors.joining(" OR ", "(", ")"));
    }

    private static String contains(Condition c, String value) {
        requireValues(c);
        return c.values().stream()
                .map(v -> "positionCaseInsensitiveUTF8(" + value + ", " + literal(v) + ") > 0")
                .collect(Collectors.joining(" OR ", "(", ")"));
    }

    private static String compare(Condition c) {
        if (c.values().size() != 1 || !(c.values().get(0) instanceof Number n)) {
            throw new InvalidQueryException(
                    "filter on \""
                            + c.property().name()
                            + "\": "
                            + c.op().name().toLowerCase()
                            + " needs one number as its value");
        }
        String op =
                switch (c.op()) {
                    case GT -> " > ";
                    case GTE -> " >= ";
                    case LT -> " < ";
                    default -> " <= ";
                };
        return "ifNull(" + PropertySql.number(c.property()) + op + number(n) + ", 0)";
    }

    private static String regex(Condition c) {
        if (c.values().size() != 1 || !(c.values().get(0) instanceof String pattern)) {
            throw new InvalidQueryException(
                    "filter on \""
                            + c.property().name()
                            + "\": regex needs one pattern as its value");
        }
        try {
            Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new InvalidQueryException(
                    "filter on \""
                            + c.property().name()
                            + "\": not a regular expression: "
                            + e.getDescription()
                            + " near index "
                            + e.getIndex());
        }
        return Sql.quote(pattern);
    }

    private static void requireValues(Condition c) {
        if (c.values().isEmpty()) {
            throw new InvalidQueryException(
                    "filter on \""
                            + c.property().name()
                            + "\": "
                            + c.op().name().toLowerCase()
                            + " needs a value");
        }
    }

    /** A value as the text {@link PropertySql#string} yields for it. */
    static String literal(Object value) {
        return Sql.quote(String.valueOf(value));
    }

    static String number(Number n) {
        double d = n.doubleValue();
        if (!Double.isFinite(d)) {
            throw new InvalidQueryException("not a finite number: " + n);
        }
        return new BigDecimal(n.toString()).toPlainString();
    }
}
