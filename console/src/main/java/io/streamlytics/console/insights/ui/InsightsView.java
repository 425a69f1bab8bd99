package io.streamlytics.console.insights.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.access.domain.Project;
import io.streamlytics.console.access.service.ProjectAccess;
import io.streamlytics.console.base.ui.MainLayout;
import io.streamlytics.console.base.ui.ProjectParameter;
import io.streamlytics.console.insights.domain.LinkedQuery;
import io.streamlytics.console.insights.domain.SavedInsight;
import io.streamlytics.console.insights.service.InsightStore;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;
import tools.jackson.databind.json.JsonMapper;

/** The project's saved insights, each a link that opens it in its builder. */
@Route(value = "insights", layout = MainLayout.class)
@PageTitle("Insights · Streamlytics")
@PermitAll
public class InsightsView extends Main implements BeforeEnterObserver {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final InsightStore store;
    private final Actor actor;
    private final List<Project> visible;
    private final Grid<SavedInsight> grid = new Grid<>();
    private final Span status = new Span();
    private final Anchor newTrends = new Anchor("insights/trends", "New trends insight");
    private final Anchor newFunnel = new Anchor("insights/funnels", "New funnel");
    private final Anchor newRetention = new Anchor("insights/retention", "New retention table");
    private final Anchor newPaths = new Anchor("insights/paths", "New paths");
    private Long project;

    public InsightsView(InsightStore store, ProjectAccess access) {
        this.store = store;
        this.actor = access.current();
        this.visible = access.projects(actor);
        setId("insights");
        getStyle().set("padding", "var(--lumo-space-l)").set("box-sizing", "border-box");
        status.setId("status");
        grid.setId("saved-insights");
        grid.addComponentColumn(i -> new Anchor(link(i), i.name()))
                .setHeader("Name")
                .setFlexGrow(1);
        grid.addColumn(SavedInsight::kind).setHeader("Kind").setAutoWidth(true);
        grid.addColumn(SavedInsight::chart).setHeader("Chart").setAutoWidth(true);
        grid.addColumn(SavedInsight::createdBy).setHeader("Saved by").setAutoWidth(true);
        grid.addColumn(i -> TIME.format(i.updatedAt()))
                .setHeader("Updated (UTC)")
                .setAutoWidth(true);
        grid.addComponentColumn(
                        i ->
                                new Button(
                                        "Delete",
                                        e -> {
                                            try {
                                                store.delete(actor, project, i.id());
                                                refresh();
                                            } catch (AccessDeniedException denied) {
                                                status.setText(denied.getMessage());
                                            }
                                        }))
                .setAutoWidth(true);
        newTrends.setId("new-trends");
        newFunnel.setId("new-funnel");
        HorizontalLayout create =
                new HorizontalLayout(newTrends, newFunnel, newRetention, newPaths);
        add(new H2("Insights"), create, status, grid);
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
        newTrends.setHref("insights/trends?" + ProjectParameter.query(project).getQueryString());
        try {
            List<SavedInsight> saved = store.list(actor, project);
            grid.setItems(saved);
            status.setText(
                    saved.isEmpty()
                            ? "Nothing saved yet: build a trend with New trends insight, then save it."
                            : "");
        } catch (AccessDeniedException e) {
            status.setText(e.getMessage());
        }
    }

    /** The builder's URL that reproduces {@code insight}. */
    static String link(SavedInsight insight) {
        String parameter = LinkedQuery.encode(JSON.readTree(insight.query()));
        return "insights/"
                + insight.kind()
                + "?"
                + QueryParameters.simple(
                                Map.of(
                                        ProjectParameter.NAME,
                                        Long.toString(insight.projectId()),
                                        BuilderView.QUERY,
                                        parameter,
                                        TrendsView.CHART,
                                        insight.chart()))
                        .getQueryString();
    }
}
