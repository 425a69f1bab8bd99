package io.streamlytics.console.rules.service;

import io.streamlytics.ceprules.read.RuleReader;
import io.streamlytics.ceprules.rule.Rule;
import io.streamlytics.core.config.PlatformConfig;
import io.streamlytics.core.postgres.PostgresSettings;
import io.streamlytics.core.postgres.RuleDefinitions;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * A project's real-time rules: each save is checked by the rule reader (an invalid rule never
 * reaches the Rules job) and stored as a new version, which the running job picks up within seconds
 * (docs/rules.md).
 */
@Service
public class RuleService {
    private final RuleDefinitions definitions;
    private final RuleReader reader = new RuleReader();

    public RuleService(PlatformConfig config) {
        this.definitions = new RuleDefinitions(PostgresSettings.from(config.postgres()));
    }

    /** The rule a YAML text defines; {@code InvalidRuleException} lists what is wrong. */
    public Rule check(String yaml) {
        return reader.read(yaml);
    }

    /** The newest version of each of the project's rules, disabled ones included. */
    public List<RuleDefinitions.Stored> all(long project) {
        return definitions.newest(project);
    }

    public Optional<List<RuleDefinitions.Stored>> history(long project, String ruleId) {
        List<RuleDefinitions.Stored> versions = definitions.history(project, ruleId);
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions);
    }

    /** A new rule; {@link RuleExistsException} when the id is taken by an enabled rule. */
    public RuleDefinitions.Stored create(long project, String yaml) {
        Rule rule = check(yaml);
        List<RuleDefinitions.Stored> versions = definitions.history(project, rule.id());
        if (!versions.isEmpty() && versions.get(0).enabled()) {
            throw new RuleExistsException(rule.id());
        }
        return saved(project, rule.id(), definitions.save(project, rule.id(), yaml), yaml);
    }

    /** A new version of the rule {@code ruleId}; the YAML must keep the id. */
    public RuleDefinitions.Stored update(long project, String ruleId, String yaml) {
        Rule rule = check(yaml);
        if (!rule.id().equals(ruleId)) {
            throw new IllegalArgumentException(
                    "id: the rule is " + ruleId + " but the YAML says " + rule.id());
        }
        return saved(project, ruleId, definitions.save(project, ruleId, yaml), yaml);
    }

    /** Disables the rule (a new version, not enabled); false when there is no such rule. */
    public boolean disable(long project, String ruleId) {
        if (definitions.history(project, ruleId).isEmpty()) {
            return false;
        }
        definitions.disable(project, ruleId);
        return true;
    }

    private static RuleDefinitions.Stored saved(
            long project, String ruleId, int version, String yaml) {
        return new RuleDefinitions.Stored(project, ruleId, version, yaml, true);
    }
}
