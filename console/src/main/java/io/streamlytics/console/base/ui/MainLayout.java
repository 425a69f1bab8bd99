package io.streamlytics.console.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.access.domain.Project;
import io.streamlytics.console.access.domain.Role;
import io.streamlytics.console.access.service.ProjectAccess;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.List;

/**
 * The workspace's frame: the pages in a side navigation, the project in the top bar. Choosing a
 * project reloads the page for it; every link carries the project along ({@link ProjectParameter}).
 * Pages are linked by path, so this layout depends on no feature.
 */
@PermitAll
public class MainLayout extends AppLayout implements AfterNavigationObserver {
    /** The side navigation: label and route path. */
    static final List<String[]> PAGES =
            List.of(
                    new String[] {"Overview", ""},
                    new String[] {"Dashboards", "dashboards"},
                    new String[] {"Trends", "insights/trends"},
                    new String[] {"Funnels", "insights/funnels"},
                    new String[] {"Retention", "insights/retention"},
                    new String[] {"Paths", "insights/paths"},
                    new String[] {"Saved insights", "insights"},
                    new String[] {"Reports", "reports"},
                    new String[] {"Exports", "exports"},
                    new String[] {"SQL", "sql"},
                    new String[] {"Rules", "rules"},
                    new String[] {"Alerts", "alerts"},
                    new String[] {"Segments", "segments"},
                    new String[] {"People", "people"},
                    new String[] {"Live", "live"},
                    new String[] {"Events", "events"},
                    new String[] {"Data quality", "data-quality"});

    private final Select<Project> project = new Select<>();
    private final List<SideNavItem> items = new ArrayList<>();
    private final List<Project> visible;
    private boolean syncing;

    public MainLayout(ProjectAccess access, AuthenticationContext auth) {
        Actor actor = access.current();
        visible = access.projects(actor);
        project.setId("project-select");
        project.setItems(visible);
        project.setItemLabelGenerator(Project::name);
        project.setAriaLabel("Project");
        project.setEmptySelectionAllowed(false);
        project.addValueChangeListener(
                e -> {
                    if (!syncing && e.getValue() != null && e.isFromClient()) {
                        UI.getCurrent()
                                .navigate(currentPath(), ProjectParameter.query(e.getValue().id()));
                    }
                });
        Span title = new Span("Streamlytics");
        title.getStyle().set("font-weight", "600").set("font-size", "var(--lumo-font-size-l)");
        Span who = new Span(actor.email() + " · " + actor.role().name().toLowerCase());
        who.getStyle().set("color", "var(--lumo-secondary-text-color)");
        Button signOut = new Button("Sign out", e -> auth.logout());
        signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout bar = new HorizontalLayout(title, project, who, signOut);
        bar.setAlignItems(FlexComponent.Alignment.CENTER);
        bar.setWidthFull();
        bar.expand(who);
        bar.getStyle().set("padding-right", "var(--lumo-space-m)");
        addToNavbar(new DrawerToggle(), bar);

        SideNav nav = new SideNav();
        for (String[] page : PAGES) {
            SideNavItem item = new SideNavItem(page[0], page[1]);
            items.add(item);
            nav.addItem(item);
        }
        if (actor.role() == Role.ADMIN) {
            // shown to admins only; the page and its service refuse anyone else anyway
            nav.addItem(new SideNavItem("Admin · Users", "admin/users"));
            nav.addItem(new SideNavItem("Admin · Projects", "admin/projects"));
            nav.addItem(new SideNavItem("Admin · Dead letters", "admin/dead-letters"));
            nav.addItem(new SideNavItem("Admin · Flink SQL", "admin/flink-sql"));
        }
        addToDrawer(nav);
        if (visible.isEmpty()) {
            who.setText(actor.email() + " · no project yet: ask an admin to add you to one");
        }
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        ProjectParameter.of(event.getLocation(), visible)
                .ifPresent(
                        id -> {
                            syncing = true;
                            try {
                                visible.stream()
                                        .filter(p -> p.id() == id)
                                        .findFirst()
                                        .ifPresent(project::setValue);
                            } finally {
                                syncing = false;
                            }
                            items.forEach(i -> i.setQueryParameters(ProjectParameter.query(id)));
                        });
    }

    private static String currentPath() {
        return UI.getCurrent().getInternals().getActiveViewLocation().getPath();
    }
}
