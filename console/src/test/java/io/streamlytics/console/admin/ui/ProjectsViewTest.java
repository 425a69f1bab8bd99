package io.streamlytics.console.admin.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import io.streamlytics.console.ConsoleViewTest;
import io.streamlytics.console.admin.domain.ProjectRow;
import io.streamlytics.console.admin.domain.WriteKey;
import io.streamlytics.console.admin.service.ProjectAdmin;
import io.streamlytics.core.postgres.Projects;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/**
 * Admins' projects page with Karibu on the console's services and PostgreSQL: a project made with
 * its key, a key rotated and the old one revoked, as the collector's lookup then sees them.
 */
class ProjectsViewTest extends ConsoleViewTest {
    @Autowired private ProjectAdmin admin;

    @Test
    void anAdminCreatesAProjectRotatesItsKeyAndRevokesTheOldOne() {
        signIn("projects-admin@example.com", "admin");
        ProjectsView view = new ProjectsView(admin, access);
        UI.getCurrent().add(view);
        view.name.setValue("Mobile app");
        view.timezone.setValue("Europe/Berlin");
        view.create();
        assertThat(status()).startsWith("Created Mobile app with a write key");
        ProjectRow created =
                admin.projects(access.current()).stream()
                        .filter(p -> p.name().equals("Mobile app"))
                        .findFirst()
                        .orElseThrow();
        assertThat(created.timezone()).isEqualTo("Europe/Berlin");
        assertThat(created.liveKeys()).isEqualTo(1);
        @SuppressWarnings("unchecked")
        Grid<WriteKey> keys = _get(Grid.class, spec -> spec.withId("key-list"));
        WriteKey first = keys.getGenericDataView().getItems().findFirst().orElseThrow();
        Projects lookup = new Projects(postgresSettings());
        assertThat(lookup.findByWriteKey(first.key()))
                .map(Projects.Project::id)
                .hasValue(created.id());

        view.rotate(first);
        assertThat(status()).startsWith("New key wk_").contains("revoke " + first.key());
        List<WriteKey> both = keys.getGenericDataView().getItems().toList();
        assertThat(both)
                .hasSize(2)
                .allMatch(WriteKey::live)
                .extracting(WriteKey::label)
                .containsOnly("default");
        WriteKey fresh =
                both.stream().filter(k -> !k.key().equals(first.key())).findFirst().orElseThrow();

        view.revoke(first);
        assertThat(status())
                .isEqualTo("Revoked " + first.key() + ": the collector refuses it from now on.");
        assertThat(lookup.findByWriteKey(first.key())).as("the collector's lookup").isEmpty();
        assertThat(lookup.findByWriteKey(fresh.key())).isPresent();
        view.revoke(first);
        assertThat(status()).isEqualTo("That key is not a live key of this project.");
        assertThat(
                        jdbc.queryForObject(
                                "SELECT count(*) FROM audit_log WHERE actor = ? AND action IN"
                                        + " ('create project', 'rotate write key', 'revoke write key')",
                                Integer.class,
                                "projects-admin@example.com"))
                .isEqualTo(3);

        signIn("projects-analyst@example.com", "analyst");
        assertThatThrownBy(() -> admin.projects(access.current()))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> admin.revoke(access.current(), created.id(), fresh.key()))
                .isInstanceOf(AccessDeniedException.class);
    }

    private static String status() {
        return _get(Span.class, spec -> spec.withId("status")).getText();
    }
}
