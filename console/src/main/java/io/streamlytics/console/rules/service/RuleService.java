package io.streamlytics.console.rules.service;

import io.streamlytics.ceprules.read.RuleReader;
import io.streamlytics.ceprules.rule.Rule;
import io.streamlytics.console.rules.domain.LiveFunnel;
import io.streamlytics.core.config.PlatformConfig;
import io.streamlytics.core.metrics.LiveFunnelLayout;
import io.streamlytics.core.postgres.PostgresSettings;
import io.streamlytics.core.postgres.RuleDefinitions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import redis.clients.jedis.JedisPooled;

/**
 * A project's real-time rules: each save is checked by the rule reader (an invalid rule never
 * reaches the Rules job) and stored as a new version, which the running job picks up within seconds
 * (docs/rules.md).
 */
@Service
public class RuleService {
    private final RuleDefinitions definitions;
    private final RuleReader reader = new RuleReader();

    private final JedisPooled redis;
    private final Clock clock;

    public RuleService(PlatformConfig config, JedisPooled redis, Clock clock) {
        this.definitions = new RuleDefinitions(PostgresSettings.from(config.postgres()));
        this.redis = redis;
        this.clock = clock;
    }

    /**
     * The live counts of a funnel rule's newest version; empty when there is no such rule, an
     * {@link IllegalArgumentException} when it is an alert rule.
     */
    public Optional<LiveFunnel> liveFunnel(long project, String ruleId) {
        List<RuleDefinitions.Stored> versions = definitions.history(project, ruleId);
        if (versions.isEmpty()) {
            return Optional.empty();
        }
        RuleDefinitions.Stored newest = versions.get(0);
        Rule rule = check(newest.definition());
        if (rule.type() != Rule.Type.FUNNEL) {
            throw new IllegalArgumentException(
                    ruleId + " is an alert rule: its detections are alerts (GET /alerts)");
        }
        Map<String, String> total =
                redis.hgetAll(LiveFunnelLayout.total(project, ruleId, newest.version()));
        Map<String, String> today =
                redis.hgetAll(
                        LiveFunnelLayout.day(
                                project, ruleId, newest.version(), LiveFunnelLayout.today(clock)));
        List<LiveFunnel.Step> steps = new ArrayList<>();
        for (int i = 0; i < rule.steps().size(); i++) {
            String step = Integer.toString(i + 1);
            steps.add(
                    new LiveFunnel.Step(
                            i + 1,
                            rule.steps().get(i).name(),
                            Long.parseLong(today.getOrDefault(step, "0")),
                            Long.parseLong(total.getOrDefault(step, "0"))));
        }
        return Optional.of(new LiveFunnel(ruleId, newest.version(), steps));
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

    /** The rule saved: a new rule, or a new version of the rule with its id (enabled again). */
    public RuleDefinitions.Stored save(long project, String yaml) {
        Rule rule = check(yaml);
        return saved(project, rule.id(), definitions.save(project, rule.id(), yaml), yaml);
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
