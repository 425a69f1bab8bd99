package io.streamlytics.console.rules.service;

import io.streamlytics.ceprules.read.InvalidRuleException;
import io.streamlytics.ceprules.read.RuleProblem;
import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.access.service.AuditLog;
import io.streamlytics.console.access.service.ProjectAccess;
import io.streamlytics.core.postgres.RuleDefinitions;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The rules as the console's people use them: anyone who may open the project reads them; analysts
 * and admins save and disable them; every change in the audit log.
 */
@Service
public class RuleDesk {
    private final RuleService rules;
    private final ProjectAccess access;
    private final AuditLog audit;

    public RuleDesk(RuleService rules, ProjectAccess access, AuditLog audit) {
        this.rules = rules;
        this.access = access;
        this.audit = audit;
    }

    public List<RuleDefinitions.Stored> rules(Actor actor, long projectId) {
        access.requireRead(actor, projectId);
        return rules.all(projectId);
    }

    /** What is wrong with the YAML, each with its line and column; empty when it is a rule. */
    public List<RuleProblem> problems(String yaml) {
        try {
            rules.check(yaml);
            return List.of();
        } catch (InvalidRuleException e) {
            return e.problems();
        } catch (IllegalArgumentException e) {
            return List.of(new RuleProblem(0, 0, "", e.getMessage()));
        }
    }

    /** Saves the rule: a new one, or a new version of the rule with its id. */
    public RuleDefinitions.Stored save(Actor actor, long projectId, String yaml) {
        access.requireEdit(actor, projectId);
        RuleDefinitions.Stored saved = rules.save(projectId, yaml);
        audit.record(actor, projectId, "save rule", saved.ruleId() + " v" + saved.version());
        return saved;
    }

    public void disable(Actor actor, long projectId, String ruleId) {
        access.requireEdit(actor, projectId);
        if (rules.disable(projectId, ruleId)) {
            audit.record(actor, projectId, "disable rule", ruleId);
        }
    }
}
