package io.streamlytics.core.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamlytics.core.metrics.MetricDefinition;
import io.streamlytics.devstack.PostgresServer;
import io.streamlytics.devstack.junit.PostgresExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class MetricDefinitionsTest {

    @Test
    void aProjectsDefinitionIsStoredReplacedAndOnlyThoseAreListed(PostgresServer postgres) {
        PostgresSettings settings =
                new PostgresSettings(
                        postgres.createDatabase("metric_definitions"),
                        postgres.user(),
                        postgres.password());
        PostgresMigrations.apply(settings);
        Projects projects = new Projects(settings);
        long shop = projects.createProject("Shop").projectId();
        projects.createProject("Blog");
        MetricDefinitions definitions = new MetricDefinitions(settings);

        definitions.set(shop, new MetricDefinition(List.of("plan"), List.of("revenue")));
        definitions.set(shop, new MetricDefinition(List.of("plan", "source"), List.of("price")));

        assertThat(definitions.all())
                .containsOnlyKeys(shop)
                .containsEntry(
                        shop, new MetricDefinition(List.of("plan", "source"), List.of("price")));
    }

    @Test
    void definitionsAreCheckedWithReasons() {
        assertThatThrownBy(
                        () ->
                                new MetricDefinition(
                                        List.of("a", "b", "c", "d", "e", "f"), List.of()))
                .hasMessage("at most 5 dimensions per project, got 6");
        assertThatThrownBy(() -> new MetricDefinition(List.of(" "), List.of()))
                .hasMessage("not a valid property name for dimensions: ' '");
        assertThatThrownBy(() -> new MetricDefinition(List.of(), List.of("x", "x")))
                .hasMessage("measures name a property twice: [x, x]");
    }
}
