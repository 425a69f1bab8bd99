package io.streamlytics.ceprules.compile;

import io.streamlytics.ceprules.rule.RuleEvent;
import io.streamlytics.ceprules.rule.Step;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/** A step's event name and predicates as a CEP condition. */
final class StepCondition extends SimpleCondition<RuleEvent> {
    private final Step step;

    StepCondition(Step step) {
        this.step = step;
    }

    @Override
    public boolean filter(RuleEvent event) {
        return step.matches(event);
    }
}
