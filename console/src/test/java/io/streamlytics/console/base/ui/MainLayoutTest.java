package io.streamlytics.console.base.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.streamlytics.console.ConsoleViewTest;
import io.streamlytics.console.access.domain.Project;
import org.junit.jupiter.api.Test;

/** The workspace's frame offers a person only their projects, and every page. */
class MainLayoutTest extends ConsoleViewTest {

    @Test
    void aViewerChoosesAmongTheirProjectsOnly() {
        TestProject first = newProject("Viewer's first");
        TestProject second = newProject("Viewer's second");
        newProject("Not the viewer's");
        long viewer = signIn("layout-viewer@example.com", "viewer");
        access.addMember(first.id(), viewer);
        access.addMember(second.id(), viewer);

        UI.getCurrent().add(new MainLayout(access, new AuthenticationContext()));

        @SuppressWarnings("unchecked")
        Select<Project> projects = _get(Select.class, spec -> spec.withId("project-select"));
        assertThat(projects.getListDataView().getItems().map(Project::id))
                .containsExactly(first.id(), second.id());
        assertThat(_find(SideNavItem.class).stream().map(SideNavItem::getLabel))
                .containsExactly(
                        "Overview",
                        "Dashboards",
                        "Trends",
                        "Funnels",
                        "Retention",
                        "Paths",
                        "Saved insights",
                        "Reports",
                        "Exports",
                        "SQL",
                        "Rules",
                        "Alerts",
                        "Segments",
                        "People",
                        "Live",
                        "Events",
                        "Data quality");
    }
}
