package io.streamlytics.ceprules.rule;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * One step of a sequence: an event (with property predicates) that must (or, {@code absent}, must
 * not) follow the previous step.
 *
 * @param within the longest time since the previous step; null when only the rule's applies
 */
public record Step(
        String name,
        String event,
        List<Predicate> where,
        Contiguity after,
        Duration within,
        Times times,
        boolean optional,
        boolean absent)
        implements Serializable {

    /** How a step follows the previous one. */
    public enum Contiguity {
        /** Other events of the key may come between (Flink CEP followedBy). */
        RELAXED,
        /** The very next event of the key (next). */
        STRICT,
        /** Every later match starts its own path (followedByAny). */
        ANY
    }

    /** Whether the event matches the step's event name and predicates. */
    public boolean matches(RuleEvent e) {
        return Predicate.all(event, where, e);
    }
}
