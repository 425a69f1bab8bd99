package io.streamlytics.ceprules.rule;

import java.io.Serializable;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A rule as read from its YAML: a sequence of steps (a funnel, or an alert when it completes) or an
 * aggregate alert. Exactly one of {@code steps} and {@code aggregate} is set.
 *
 * @param within the longest time from the first step to the last; null when unbounded
 */
public record Rule(
        String id,
        String name,
        Type type,
        Key key,
        Duration within,
        List<Step> steps,
        Aggregate aggregate,
        AlertSpec alert)
        implements Serializable {

    public enum Type {
        FUNNEL,
        ALERT
    }

    public boolean sequence() {
        return steps != null;
    }

    /**
     * The event names the rule can react to; empty when it must see every event of its key: a step
     * of any event ({@code *}), or a strict step, which any other event in between breaks.
     */
    public Set<String> eventNames() {
        if (!sequence()) {
            return "*".equals(aggregate.event()) ? Set.of() : Set.of(aggregate.event());
        }
        Set<String> names = new HashSet<>();
        for (Step step : steps) {
            if ("*".equals(step.event()) || step.after() == Step.Contiguity.STRICT) {
                return Set.of();
            }
            names.add(step.event());
        }
        return Set.copyOf(names);
    }

    /** The properties the rule reads: its predicates', a sum's, and a property key's. */
    public Set<String> propertiesUsed() {
        Set<String> used = new HashSet<>();
        if (key.kind() == Key.Kind.PROPERTY) {
            used.add(key.property());
        }
        List<Predicate> predicates = new java.util.ArrayList<>();
        if (sequence()) {
            steps.stream()
                    .filter(step -> step.where() != null)
                    .forEach(step -> predicates.addAll(step.where()));
        } else {
            if (aggregate.where() != null) {
                predicates.addAll(aggregate.where());
            }
            if (aggregate.measure().property() != null) {
                used.add(aggregate.measure().property());
            }
        }
        predicates.forEach(p -> used.add(p.property()));
        return used;
    }

    /** The same rule cut to its first {@code n} steps: a funnel's progress up to step n. */
    public Rule firstSteps(int n) {
        return new Rule(
                id, name, type, key, within, List.copyOf(steps.subList(0, n)), aggregate, alert);
    }
}
