package io.streamlytics.console.dashboards.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.access.domain.Project;
import io.streamlytics.console.access.service.ProjectAccess;
import io.streamlytics.console.base.ui.MainLayout;
import io.streamlytics.console.base.ui.ProjectParameter;
import io.streamlytics.console.dashboards.domain.Dashboard;
import io.streamlytics.console.dashboards.service.DashboardService;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import java.util.Locale;
import org.springframework.security.access.AccessDeniedException;

/** The project's dashboards one may see, and a new one. */
@Route(value = "dashboards", layout = MainLayout.class)
@PageTitle("Dashboards · Streamlytics")
@PermitAll
public class DashboardsView extends Main implements BeforeEnterObserver {
    private final DashboardService dashboards;
    private final Actor actor;
    private final List<Project> visible;
    private final Grid<Dashboard> grid = new Grid<>();
    private final TextField name = new TextField("New dashboard");
    private final Span status = new Span();
    private Long project;

    public DashboardsView(DashboardService dashboards, ProjectAccess access) {
        this.dashboards = dashboards;
        this.actor = access.current();
        this.visible = access.projects(actor);
        setId("dashboards");
        getStyle().set("padding", "var(--lumo-space-l)").set("box-sizing", "border-box");
        name.setId("dashboard-name");
        Button create = new Button("Create", e -> create());
        create.setId("create-dashboard");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(name, create);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        status.setId("status");
        grid.setId("dashboard-list");
        grid.setAllRowsVisible(true);
        grid.addComponentColumn(d -> new Anchor(DashboardView.link(d.id()), d.name()))
                .setHeader("Dashboard")
                .setFlexGrow(1);
        grid.addColumn(d -> d.sharing().name().toLowerCase(Locale.ROOT))
                .setHeader("Shared")
                .setAutoWidth(true);
        add(new H2("Dashboards"), form, status, grid);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        open(ProjectParameter.of(event.getLocation(), visible).orElse(null));
    }

    void open(Long projectId) {
        project = projectId;
        refresh();
    }

    private void refresh() {
        if (project == null) {
            status.setText(ProjectParameter.NONE_YET);
            return;
        }
        try {
            List<Dashboard> all = dashboards.list(actor, project);
            grid.setItems(all);
            status.setText(
                    all.isEmpty()
                            ? "No dashboard yet: name one and create it, then add saved insights."
                            : "");
        } catch (AccessDeniedException e) {
            status.setText(e.getMessage());
        }
    }

    void create() {
        if (project == null) {
            return;
        }
        try {
            Dashboard d = dashboards.create(actor, project, name.getValue());
            getUI().ifPresent(ui -> ui.navigate(DashboardView.link(d.id())));
        } catch (IllegalArgumentException | AccessDeniedException e) {
            status.setText(e.getMessage());
        }
    }
}
