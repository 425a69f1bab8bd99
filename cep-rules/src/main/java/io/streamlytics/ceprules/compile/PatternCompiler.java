package io.streamlytics.ceprules.compile;

import io.streamlytics.ceprules.rule.Rule;
import io.streamlytics.ceprules.rule.RuleEvent;
import io.streamlytics.ceprules.rule.Step;
import io.streamlytics.ceprules.rule.Times;
import java.util.List;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.WithinType;

/**
 * A rule's steps as a Flink CEP pattern, one pattern per step under the step's name:
 *
 * <ul>
 *   <li>{@code after: relaxed | strict | any} is {@code followedBy | next | followedByAny};
 *   <li>{@code absent: true} is {@code notFollowedBy} (relaxed) or {@code notNext} (strict); an
 *       absent last step ends the match when the rule's {@code within} has passed without it;
 *   <li>{@code times: n | {min, max} | one_or_more} is {@code times(n) | times(min, max) |
 *       oneOrMore()}, the repeats themselves as contiguous as the step ({@code consecutive()} when
 *       strict, else relaxed), and {@code optional: true} is {@code optional()};
 *   <li>a step's {@code within} bounds the time since the previous step ({@link
 *       WithinType#PREVIOUS_AND_CURRENT}), the rule's the time from the first step to the last.
 * </ul>
 *
 * After a match the next one starts past its last event, so one attempt counts once.
 */
public final class PatternCompiler {
    private PatternCompiler() {}

    public static Pattern<RuleEvent, ?> compile(Rule rule) {
        if (!rule.sequence()) {
            throw new IllegalArgumentException(rule.id() + " has no steps: it is an aggregate");
        }
        List<Step> steps = rule.steps();
        Pattern<RuleEvent, RuleEvent> pattern =
                Pattern.begin(steps.get(0).name(), AfterMatchSkipStrategy.skipPastLastEvent());
        pattern = shaped(pattern, steps.get(0));
        for (Step step : steps.subList(1, steps.size())) {
            pattern = shaped(follow(pattern, step), step);
        }
        return pattern.within(rule.within());
    }

    private static Pattern<RuleEvent, RuleEvent> follow(
            Pattern<RuleEvent, RuleEvent> previous, Step step) {
        if (step.absent()) {
            return step.after() == Step.Contiguity.STRICT
                    ? previous.notNext(step.name())
                    : previous.notFollowedBy(step.name());
        }
        return switch (step.after()) {
            case STRICT -> previous.next(step.name());
            case ANY -> previous.followedByAny(step.name());
            case RELAXED -> previous.followedBy(step.name());
        };
    }

    private static Pattern<RuleEvent, RuleEvent> shaped(
            Pattern<RuleEvent, RuleEvent> pattern, Step step) {
        pattern = pattern.where(new StepCondition(step));
        Times times = step.times();
        if (!times.once()) {
            if (times.max() < 0) {
                pattern = times.min() == 1 ? pattern.oneOrMore() : pattern.timesOrMore(times.min());
            } else if (times.min() == times.max()) {
                pattern = pattern.times(times.min());
            } else {
                pattern = pattern.times(times.min(), times.max());
            }
            if (step.after() == Step.Contiguity.STRICT) {
                pattern = pattern.consecutive();
            }
        }
        if (step.optional()) {
            pattern = pattern.optional();
        }
        if (step.within() != null) {
            pattern = pattern.within(step.within(), WithinType.PREVIOUS_AND_CURRENT);
        }
        return pattern;
    }
}
