package io.streamlytics.flink.rules;

import io.streamlytics.ceprules.rule.Aggregate;
import io.streamlytics.ceprules.rule.ProjectRule;
import io.streamlytics.ceprules.rule.RuleEvent;
import java.util.Set;
import org.apache.flink.api.common.functions.FilterFunction;

/**
 * The events one rule can react to: its project's, and of those only the event names it names
 * unless it must see them all; for an aggregate, only those its {@code event} and {@code where}
 * take.
 */
final class RuleScope implements FilterFunction<RuleEvent> {
    private final long projectId;
    private final Set<String> names;
    private final Aggregate aggregate;

    RuleScope(ProjectRule rule) {
        this.projectId = rule.projectId();
        this.names = rule.rule().eventNames();
        this.aggregate = rule.rule().aggregate();
    }

    @Override
    public boolean filter(RuleEvent event) {
        return event.projectId == projectId
                && (names.isEmpty() || names.contains(event.event))
                && (aggregate == null || aggregate.matches(event));
    }
}
