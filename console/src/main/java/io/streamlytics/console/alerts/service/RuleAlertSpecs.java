package io.streamlytics.console.alerts.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.streamlytics.ceprules.read.InvalidRuleException;
import io.streamlytics.ceprules.read.RuleReader;
import io.streamlytics.ceprules.rule.AlertSpec;
import io.streamlytics.core.config.PlatformConfig;
import io.streamlytics.core.postgres.PostgresSettings;
import io.streamlytics.core.postgres.RuleDefinitions;
import org.springframework.stereotype.Component;

/**
 * The alert settings of the rule version that made a detection (severity, policy, {@code for},
 * {@code resolve_after}); a version never changes, so each is read once.
 */
@Component
class RuleAlertSpecs {
    private record Version(long project, String ruleId, int version) {}

    private final RuleDefinitions definitions;
    private final RuleReader reader = new RuleReader();
    private final Cache<Version, AlertSpec> specs =
            Caffeine.newBuilder().maximumSize(10_000).build();

    RuleAlertSpecs(PlatformConfig config) {
        this.definitions = new RuleDefinitions(PostgresSettings.from(config.postgres()));
    }

    /** The version's settings; the defaults when it is gone or no longer reads. */
    AlertSpec of(long project, String ruleId, int version) {
        return specs.get(new Version(project, ruleId, version), this::read);
    }

    private AlertSpec read(Version v) {
        return definitions.history(v.project(), v.ruleId()).stream()
                .filter(stored -> stored.version() == v.version())
                .findFirst()
                .map(
                        stored -> {
                            try {
                                return reader.read(stored.definition()).alert();
                            } catch (InvalidRuleException e) {
                                return AlertSpec.DEFAULT;
                            }
                        })
                .orElse(AlertSpec.DEFAULT);
    }
}
