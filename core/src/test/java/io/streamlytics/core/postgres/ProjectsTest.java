package io.streamlytics.core.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamlytics.devstack.PostgresServer;
import io.streamlytics.devstack.junit.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class ProjectsTest {

    @Test
    void migratesAndKeepsOneDefaultProject(PostgresServer postgres) {
        PostgresSettings settings =
                new PostgresSettings(
                        postgres.createDatabase("projects_default"),
                        postgres.user(),
                        postgres.password());
        assertThat(PostgresMigrations.apply(settings)).isEqualTo(13);
        assertThat(PostgresMigrations.apply(settings)).isZero();
        Projects projects = new Projects(settings);

        Projects.ProjectKey first = projects.ensureDefaultProject("Default project");
        Projects.ProjectKey again = projects.ensureDefaultProject("Default project");

        assertThat(again).isEqualTo(first);
        assertThat(first.writeKey()).matches("wk_[0-9a-f]{32}");
        assertThat(projects.findByWriteKey(first.writeKey()))
                .hasValueSatisfying(p -> assertThat(p.id()).isEqualTo(first.projectId()));
    }

    @Test
    void aProjectsOwnSessionRulesAreKeptAndOnlyThoseAreListed(PostgresServer postgres) {
        PostgresSettings settings =
                new PostgresSettings(
                        postgres.createDatabase("projects_sessions"),
                        postgres.user(),
                        postgres.password());
        PostgresMigrations.apply(settings);
        Projects projects = new Projects(settings);
        long shop = projects.createProject("Shop").projectId();
        projects.createProject("Blog");

        projects.setSessionSettings(shop, new Projects.SessionSettings(10, null, "Europe/Berlin"));

        assertThat(projects.sessionSettings())
                .containsOnlyKeys(shop)
                .containsEntry(shop, new Projects.SessionSettings(10, null, "Europe/Berlin"));
        assertThatThrownBy(
                        () ->
                                projects.setSessionSettings(
                                        shop,
                                        new Projects.SessionSettings(null, null, "Mars/Base")))
                .isInstanceOf(java.time.DateTimeException.class);
        assertThatThrownBy(
                        () ->
                                projects.setSessionSettings(
                                        shop, new Projects.SessionSettings(0, null, null)))
                .hasMessageContaining("session settings of project " + shop);
    }

    @Test
    void revokedAndUnknownKeysFindNothing(PostgresServer postgres) {
        PostgresSettings settings =
                new PostgresSettings(
                        postgres.createDatabase("projects_revoke"),
                        postgres.user(),
                        postgres.password());
        PostgresMigrations.apply(settings);
        Projects projects = new Projects(settings);
        Projects.ProjectKey key = projects.createProject("Shop");

        projects.revoke(key.writeKey());

        assertThat(projects.findByWriteKey(key.writeKey())).isEmpty();
        assertThat(projects.findByWriteKey("wk_nope")).isEmpty();
    }
}
