package io.streamlytics.query.model;

import java.util.List;

/** A condition on events: on one property, or a group of filters that must all / any hold. */
public sealed interface Filter {

    /** {@code property op value}; {@code values} is empty for is_set / is_not_set. */
    record Condition(PropertyRef property, Operator op, List<Object> values) implements Filter {}

    record AllOf(List<Filter> filters) implements Filter {}

    record AnyOf(List<Filter> filters) implements Filter {}

    /** The event's person is (or, negated, is not) a member of the segment. */
    record InSegment(long segmentId, boolean negate) implements Filter {}

    enum Operator {
        EQUALS,
        NOT_EQUALS,
        CONTAINS,
        NOT_CONTAINS,
        REGEX,
        NOT_REGEX,
        GT,
        GTE,
        LT,
        LTE,
        IS_SET,
        IS_NOT_SET;

        public boolean numeric() {
            return this == GT || this == GTE || this == LT || this == LTE;
        }
    }
}
