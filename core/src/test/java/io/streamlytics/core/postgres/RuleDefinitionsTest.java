package io.streamlytics.core.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlytics.devstack.PostgresServer;
import io.streamlytics.devstack.junit.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class RuleDefinitionsTest {

    @Test
    void versionsEachSaveAndRunsTheNewestEnabledOne(PostgresServer postgres) {
        PostgresSettings settings =
                new PostgresSettings(
                        postgres.createDatabase("rule_definitions"),
                        postgres.user(),
                        postgres.password());
        PostgresMigrations.apply(settings);
        Projects projects = new Projects(settings);
        long shop = projects.createProject("Shop").projectId();
        long blog = projects.createProject("Blog").projectId();
        RuleDefinitions rules = new RuleDefinitions(settings);

        assertThat(rules.save(shop, "cart", "v: 1")).isEqualTo(1);
        assertThat(rules.save(shop, "cart", "v: 2")).isEqualTo(2);
        assertThat(rules.save(shop, "spike", "s: 1")).isEqualTo(1);
        assertThat(rules.save(blog, "cart", "b: 1")).isEqualTo(1);
        assertThat(rules.disable(shop, "spike")).isEqualTo(2);

        assertThat(rules.enabled())
                .containsExactlyInAnyOrder(
                        new RuleDefinitions.Stored(shop, "cart", 2, "v: 2", true),
                        new RuleDefinitions.Stored(blog, "cart", 1, "b: 1", true));
        assertThat(rules.history(shop, "spike"))
                .extracting(RuleDefinitions.Stored::version, RuleDefinitions.Stored::enabled)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2, false),
                        org.assertj.core.groups.Tuple.tuple(1, true));
        assertThat(rules.save(shop, "spike", "s: 3")).isEqualTo(3);
        assertThat(rules.enabled()).hasSize(3);
    }
}
