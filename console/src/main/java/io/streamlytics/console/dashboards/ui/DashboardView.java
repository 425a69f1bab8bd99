package io.streamlytics.console.dashboards.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.access.service.ProjectAccess;
import io.streamlytics.console.base.ui.MainLayout;
import io.streamlytics.console.dashboards.domain.Dashboard;
import io.streamlytics.console.dashboards.domain.DashboardPage;
import io.streamlytics.console.dashboards.domain.Widget;
import io.streamlytics.console.dashboards.service.DashboardService;
import io.streamlytics.console.insights.domain.SavedInsight;
import io.streamlytics.console.insights.service.InsightQueries;
import io.streamlytics.console.insights.service.InsightStore;
import io.streamlytics.console.live.service.LiveHub;
import io.streamlytics.core.config.PlatformConfig;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One dashboard: its widgets, and for those who may change it, adding saved insights and live
 * counters, moving and removing them; for its owner, sharing (private, project, a public link).
 */
@Route(value = "dashboards/:dashboard", layout = MainLayout.class)
@PageTitle("Dashboard · Streamlytics")
@PermitAll
public class DashboardView extends Main implements BeforeEnterObserver {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DashboardService dashboards;
    private final InsightStore insights;
    private final InsightQueries queries;
    private final LiveHub hub;
    private final Actor actor;
    private final String linkBase;
    private final H2 title = new H2();
    private final Span status = new Span();
    private final Span publicLink = new Span();
    private final Div editing = new Div();
    private final Div board = new Div();
    private long dashboardId;

    public DashboardView(
            DashboardService dashboards,
            InsightStore insights,
            InsightQueries queries,
            LiveHub hub,
            ProjectAccess access,
            PlatformConfig config) {
        this.dashboards = dashboards;
        this.linkBase = config.alerts().linkBase(config.console().port());
        this.insights = insights;
        this.queries = queries;
        this.hub = hub;
        this.actor = access.current();
        setId("dashboard");
        getStyle().set("padding", "var(--lumo-space-l)").set("box-sizing", "border-box");
        status.setId("status");
        publicLink.setId("public-link");
        board.setWidthFull();
        add(title, status, editing, publicLink, board);
    }

    /** The dashboard's page. */
    static String link(long dashboardId) {
        return "dashboards/" + dashboardId;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        try {
            open(Long.parseLong(event.getRouteParameters().get("dashboard").orElse("")));
        } catch (NumberFormatException e) {
            status.setText("That is not a dashboard's address: open one from Dashboards.");
        }
    }

    void open(long id) {
        dashboardId = id;
        DashboardPage page;
        try {
            page = dashboards.page(actor, id);
        } catch (AccessDeniedException e) {
            status.setText(e.getMessage());
            return;
        }
        title.setText(page.dashboard().name());
        editing.removeAll();
        if (page.canEdit()) {
            editing.add(editor(page));
        }
        if (dashboards.owns(actor, page.dashboard())) {
            editing.add(members());
        }
        board.removeAll();
        DashboardBoard widgets =
                new DashboardBoard(
                        page,
                        (analysis, query) ->
                                JSON.readTree(
                                                queries.run(
                                                        actor,
                                                        page.dashboard().projectId(),
                                                        analysis,
                                                        query))
                                        .path("result"),
                        hub,
                        w -> page.canEdit() ? controls(w) : new Component[0]);
        if (page.canEdit()) {
            widgets.rearrangeable(
                    (dragged, target) ->
                            change(() -> dashboards.placeAt(actor, dashboardId, dragged, target)));
        }
        board.add(widgets);
        status.setText(
                page.widgets().isEmpty()
                        ? "Nothing here yet: add a saved insight or a live counter."
                        : "");
    }

    private HorizontalLayout editor(DashboardPage page) {
        Select<SavedInsight> insight = new Select<>();
        insight.setLabel("Saved insight");
        insight.setId("widget-insight");
        insight.setItems(insights.list(actor, page.dashboard().projectId()));
        insight.setItemLabelGenerator(SavedInsight::name);
        Button add =
                new Button(
                        "Add",
                        e ->
                                change(
                                        () -> {
                                            if (insight.getValue() == null) {
                                                throw new IllegalArgumentException(
                                                        "Choose a saved insight first (save one from a builder).");
                                            }
                                            dashboards.addInsight(
                                                    actor, dashboardId, insight.getValue().id());
                                        }));
        add.setId("add-widget");
        Button live =
                new Button(
                        "Add live counter",
                        e -> change(() -> dashboards.addLive(actor, dashboardId)));
        live.setId("add-live");
        Select<Dashboard.Sharing> sharing = new Select<>();
        sharing.setLabel("Shared with");
        sharing.setId("sharing");
        sharing.setItems(Dashboard.Sharing.values());
        sharing.setItemLabelGenerator(
                s ->
                        switch (s) {
                            case PRIVATE -> "only the people I add";
                            case PROJECT -> "everyone in the project";
                            case PUBLIC -> "anyone with the public link";
                        });
        sharing.setValue(page.dashboard().sharing());
        sharing.addValueChangeListener(
                e -> {
                    if (e.isFromClient()) {
                        share(e.getValue());
                    }
                });
        Select<Integer> refresh = new Select<>();
        refresh.setLabel("Refresh every");
        refresh.setId("refresh");
        refresh.setItems(60, 300, 900, 3600);
        refresh.setItemLabelGenerator(s -> s < 3600 ? s / 60 + " min" : "hour");
        if (List.of(60, 300, 900, 3600).contains(page.dashboard().refreshSeconds())) {
            refresh.setValue(page.dashboard().refreshSeconds());
        }
        refresh.addValueChangeListener(
                e -> {
                    if (e.isFromClient() && e.getValue() != null) {
                        change(() -> dashboards.setRefresh(actor, dashboardId, e.getValue()));
                    }
                });
        HorizontalLayout row = new HorizontalLayout(insight, add, live, refresh, sharing);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        return row;
    }

    /** The people the dashboard is shared with; the owner adds, changes and removes them. */
    private Component members() {
        TextField email = new TextField("Share with (email)");
        email.setId("member-email");
        Select<String> role = new Select<>();
        role.setId("member-role");
        role.setLabel("Who may");
        role.setItems("view", "edit");
        role.setValue("view");
        Button add =
                new Button(
                        "Share",
                        e ->
                                change(
                                        () ->
                                                dashboards.setMember(
                                                        actor,
                                                        dashboardId,
                                                        email.getValue(),
                                                        role.getValue().equals("edit"))));
        add.setId("add-member");
        HorizontalLayout form = new HorizontalLayout(email, role, add);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        Div list = new Div();
        list.setId("members");
        for (DashboardService.Member m : dashboards.members(actor, dashboardId)) {
            Button remove =
                    new Button(
                            "Remove",
                            e ->
                                    change(
                                            () ->
                                                    dashboards.removeMember(
                                                            actor, dashboardId, m.userId())));
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            HorizontalLayout line =
                    new HorizontalLayout(
                            new Span(
                                    m.email()
                                            + " · may "
                                            + (m.role().equals("editor") ? "edit" : "view")),
                            remove);
            line.setAlignItems(FlexComponent.Alignment.BASELINE);
            line.addClassName("member");
            list.add(line);
        }
        return new Div(form, list);
    }

    /** Shares the dashboard; a new public link is shown once. */
    void share(Dashboard.Sharing sharing) {
        try {
            publicLink.setText(
                    dashboards
                            .share(actor, dashboardId, sharing)
                            .map(
                                    token ->
                                            "Public link (shown once; choosing public again makes a new one): "
                                                    + linkBase
                                                    + PublicDashboardView.link(token))
                            .orElse(""));
            status.setText("");
        } catch (IllegalArgumentException | AccessDeniedException e) {
            status.setText(e.getMessage());
        }
    }

    private Component[] controls(Widget w) {
        Button up =
                new Button("↑", e -> change(() -> dashboards.move(actor, dashboardId, w.id(), -1)));
        Button down =
                new Button("↓", e -> change(() -> dashboards.move(actor, dashboardId, w.id(), 1)));
        Button remove =
                new Button(
                        "Remove",
                        e -> change(() -> dashboards.removeWidget(actor, dashboardId, w.id())));
        Button width =
                new Button(
                        w.width() == 2 ? "Narrower" : "Wider",
                        e ->
                                change(
                                        () ->
                                                dashboards.resize(
                                                        actor,
                                                        dashboardId,
                                                        w.id(),
                                                        w.width() == 2 ? 1 : 2)));
        width.addClassName("widget-width");
        for (Button b : List.of(up, down, width, remove)) {
            b.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        }
        up.getElement().setAttribute("aria-label", "move " + w.title() + " earlier");
        down.getElement().setAttribute("aria-label", "move " + w.title() + " later");
        return new Component[] {up, down, width, remove};
    }

    private void change(Runnable change) {
        try {
            change.run();
            open(dashboardId);
        } catch (IllegalArgumentException | AccessDeniedException e) {
            status.setText(e.getMessage());
        }
    }
}
