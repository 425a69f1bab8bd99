package io.streamlytics.ceprules.read;

import java.util.List;
import java.util.stream.Collectors;

/** A rule that cannot be read, with every problem found. */
public final class InvalidRuleException extends RuntimeException {
    private final transient List<RuleProblem> problems;

    public InvalidRuleException(List<RuleProblem> problems) {
        super(
                problems.stream()
                        .map(RuleProblem::toString)
                        .collect(Collectors.joining("\n", "the rule is not valid:\n", "")));
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> problems() {
        return problems;
    }
}
