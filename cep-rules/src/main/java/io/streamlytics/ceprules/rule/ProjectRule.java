package io.streamlytics.ceprules.rule;

import java.io.Serializable;

/** One version of a rule of one project, as the Rules job runs it. */
public record ProjectRule(long projectId, int version, Rule rule) implements Serializable {

    /**
     * The rule's operators are named by this: a savepoint restores an unchanged rule's partial
     * matches and windows, and leaves those of a changed or removed one behind.
     */
    public String uid() {
        return "rule-" + projectId + "-" + rule.id() + "-v" + version;
    }
}
