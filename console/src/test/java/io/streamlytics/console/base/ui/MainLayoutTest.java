package io.streamlytics.console.base.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.streamlytics.console.ConsoleApiTest;
import io.streamlytics.console.access.TestUsers;
import io.streamlytics.console.access.domain.Project;
import io.streamlytics.console.access.service.ProjectAccess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The workspace's frame offers a person only their projects, and every page. */
class MainLayoutTest extends ConsoleApiTest {
    @Autowired private ProjectAccess access;
    @Autowired private JdbcTemplate jdbc;

    @BeforeEach
    void setUp() {
        MockVaadin.setup(new Routes());
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
        TestUsers.signOut();
    }

    @Test
    void aViewerChoosesAmongTheirProjectsOnly() {
        TestProject first = newProject("Viewer's first");
        TestProject second = newProject("Viewer's second");
        newProject("Not the viewer's");
        long viewer = TestUsers.create(jdbc, "layout-viewer@example.com", "viewer");
        access.addMember(first.id(), viewer);
        access.addMember(second.id(), viewer);
        TestUsers.signIn("layout-viewer@example.com", "viewer");

        UI.getCurrent().add(new MainLayout(access, new AuthenticationContext()));

        @SuppressWarnings("unchecked")
        Select<Project> projects = _get(Select.class, spec -> spec.withId("project-select"));
        assertThat(projects.getListDataView().getItems().map(Project::id))
                .containsExactly(first.id(), second.id());
        assertThat(_find(SideNavItem.class).stream().map(SideNavItem::getLabel))
                .containsExactly(
                        "Overview",
                        "Trends",
                        "Funnels",
                        "Retention",
                        "Saved insights",
                        "Live",
                        "Events");
    }
}
