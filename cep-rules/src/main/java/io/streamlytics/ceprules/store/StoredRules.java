package io.streamlytics.ceprules.store;

import io.streamlytics.ceprules.read.InvalidRuleException;
import io.streamlytics.ceprules.read.RuleReader;
import io.streamlytics.ceprules.rule.ProjectRule;
import io.streamlytics.ceprules.rule.Rule;
import io.streamlytics.core.postgres.RuleDefinitions;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The enabled rules in PostgreSQL, read into runnable rules. */
public final class StoredRules {
    private static final Logger LOG = LoggerFactory.getLogger(StoredRules.class);
    private static final RuleReader READER = new RuleReader();

    private StoredRules() {}

    /**
     * Each stored version read. Rules are checked when saved; one that no longer reads (the format
     * changed under it) or names another id is left out and logged, so the others still run.
     */
    public static List<ProjectRule> read(List<RuleDefinitions.Stored> stored) {
        List<ProjectRule> rules = new ArrayList<>();
        for (RuleDefinitions.Stored s : stored) {
            try {
                Rule rule = READER.read(s.definition());
                if (!rule.id().equals(s.ruleId())) {
                    LOG.error(
                            "rule {} of project {} is left out: its YAML says id {}",
                            s.ruleId(),
                            s.projectId(),
                            rule.id());
                    continue;
                }
                rules.add(new ProjectRule(s.projectId(), s.version(), rule));
            } catch (InvalidRuleException e) {
                LOG.error(
                        "rule {} v{} of project {} is left out: {}",
                        s.ruleId(),
                        s.version(),
                        s.projectId(),
                        e.getMessage());
            }
        }
        return rules;
    }
}
