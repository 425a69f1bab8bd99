package io.streamlytics.console.dashboards.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import io.streamlytics.console.dashboards.domain.DashboardPage;
import io.streamlytics.console.dashboards.service.DashboardService;
import io.streamlytics.console.insights.service.InsightQueries;
import io.streamlytics.console.live.service.LiveHub;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * A dashboard opened by its public link, without signing in: read-only, nothing else of the
 * console. The link's token is the only key; every view is in the audit log.
 */
@Route("public/dashboards/:token")
@PageTitle("Dashboard · Streamlytics")
@AnonymousAllowed
public class PublicDashboardView extends Main implements BeforeEnterObserver {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DashboardService dashboards;
    private final InsightQueries queries;
    private final LiveHub hub;
    private final H2 title = new H2();
    private final Span status = new Span();

    public PublicDashboardView(DashboardService dashboards, InsightQueries queries, LiveHub hub) {
        this.dashboards = dashboards;
        this.queries = queries;
        this.hub = hub;
        setId("public-dashboard");
        getStyle().set("padding", "var(--lumo-space-l)").set("box-sizing", "border-box");
        status.setId("status");
        add(title, status);
    }

    /** The public link's path. */
    static String link(String token) {
        return "/public/dashboards/" + token;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        open(event.getRouteParameters().get("token").orElse(""));
    }

    void open(String token) {
        Optional<DashboardPage> page = dashboards.publicPage(token);
        if (page.isEmpty()) {
            title.setText("No such dashboard");
            status.setText(
                    "This link opens no dashboard: it may have been replaced or made private."
                            + " Ask whoever sent it for a new one.");
            return;
        }
        DashboardPage p = page.get();
        long project = p.dashboard().projectId();
        title.setText(p.dashboard().name());
        add(
                new DashboardBoard(
                        p,
                        (analysis, query) ->
                                JSON.readTree(queries.run(project, analysis, query)).path("result"),
                        hub,
                        w -> new Component[0]));
    }
}
