package io.streamlytics.console.overview.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.access.domain.Project;
import io.streamlytics.console.access.service.ProjectAccess;
import io.streamlytics.console.base.ui.ChartOptions;
import io.streamlytics.console.base.ui.EChart;
import io.streamlytics.console.base.ui.MainLayout;
import io.streamlytics.console.base.ui.ProjectParameter;
import io.streamlytics.console.overview.domain.Overview;
import io.streamlytics.console.overview.service.OverviewService;
import jakarta.annotation.security.PermitAll;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;

/**
 * The landing page: a project at a glance (active people, events, revenue, stickiness, the top
 * events and pages, retention), from the preset reports of {@link OverviewService}.
 */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Overview · Streamlytics")
@PermitAll
public class OverviewView extends Main implements BeforeEnterObserver {
    private static final Logger LOG = LoggerFactory.getLogger(OverviewView.class);

    private final OverviewService overviews;
    private final Actor actor;
    private final List<Project> visible;
    private final Span status = new Span();
    private final Div cards = new Div();
    private final EChart activity = new EChart("280px");
    private final EChart topEvents = new EChart("300px");
    private final EChart topPages = new EChart("300px");
    private final Div retention = new Div();
    private final Div content = new Div();

    public OverviewView(OverviewService overviews, ProjectAccess access) {
        this.overviews = overviews;
        this.actor = access.current();
        this.visible = access.projects(actor);
        setId("overview");
        getStyle().set("padding", "var(--lumo-space-l)").set("box-sizing", "border-box");
        status.setId("status");
        status.getStyle().set("color", "var(--lumo-error-text-color)");
        cards.getStyle()
                .set("display", "grid")
                .set("grid-template-columns", "repeat(auto-fill, minmax(11em, 1fr))")
                .set("gap", "var(--lumo-space-m)");
        activity.setId("activity-chart");
        topEvents.setId("top-events-chart");
        topPages.setId("top-pages-chart");
        retention.setId("retention");
        Div sideBySide = new Div(section("Top events, last 7 days", topEvents));
        sideBySide.add(section("Top pages, last 7 days", topPages));
        sideBySide
                .getStyle()
                .set("display", "grid")
                .set("grid-template-columns", "repeat(auto-fit, minmax(24em, 1fr))")
                .set("gap", "var(--lumo-space-l)");
        content.add(
                cards,
                section("Active people, last 30 days", activity),
                sideBySide,
                section("Weekly retention (average of the last 8 weeks' cohorts)", retention));
        add(new H2("Overview"), status, content);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Optional<Long> project = ProjectParameter.of(event.getLocation(), visible);
        if (project.isEmpty()) {
            content.setVisible(false);
            status.setText(ProjectParameter.NONE_YET);
            return;
        }
        load(project.get());
    }

    void load(long projectId) {
        Overview overview;
        try {
            overview = overviews.overview(actor, projectId);
        } catch (AccessDeniedException e) {
            content.setVisible(false);
            status.setText(e.getMessage());
            return;
        } catch (RuntimeException e) {
            LOG.warn("overview of project {} failed: {}", projectId, e.toString());
            content.setVisible(false);
            status.setText(
                    "The numbers are unavailable right now (ClickHouse did not answer). Reload the"
                            + " page in a minute; if it stays so, check `bin/analytics status`.");
            return;
        }
        content.setVisible(true);
        status.setText(
                overview.events().stream().mapToLong(Long::longValue).sum() == 0
                        ? "No events in the last 30 days yet. Send one with a write key (README,"
                                + " \"Send your first event\") and it shows here within seconds."
                        : "");
        show(overview);
    }

    private void show(Overview o) {
        cards.removeAll();
        cards.add(
                card("dau", "Active today", count(o.dauToday())),
                card("wau", "Active this week", count(o.wauToday())),
                card("mau", "Active this month", count(o.mauToday())),
                card("events-today", "Events today", count(o.eventsToday())),
                card(
                        "live-users",
                        "Live now (5 min)",
                        o.liveUsers() < 0 ? "–" : count(o.liveUsers())),
                card("revenue", "Revenue, 30 days", money(o.revenue())),
                card("arpu", "ARPU, 30 days", money(o.arpu())),
                card(
                        "stickiness",
                        "Stickiness (DAU/MAU)",
                        String.format(Locale.ROOT, "%.0f%%", o.stickiness() * 100)));
        Map<String, List<Long>> lines = new LinkedHashMap<>();
        lines.put("DAU", o.dau());
        lines.put("WAU", o.wau());
        lines.put("MAU", o.mau());
        activity.setOption(ChartOptions.lines(o.days(), lines));
        topEvents.setOption(
                ChartOptions.bars(
                        o.topEvents().stream().map(Overview.Ranked::name).toList(),
                        o.topEvents().stream().map(Overview.Ranked::count).toList()));
        topPages.setOption(
                ChartOptions.bars(
                        o.topPages().stream().map(Overview.Ranked::name).toList(),
                        o.topPages().stream().map(Overview.Ranked::count).toList()));
        retention.removeAll();
        retention.getStyle().set("display", "flex").set("gap", "var(--lumo-space-s)");
        for (int week = 0; week < o.retention().size(); week++) {
            Double rate = o.retention().get(week);
            retention.add(
                    card(
                            "retention-" + week,
                            "Week " + week,
                            rate == null ? "–" : String.format(Locale.ROOT, "%.1f%%", rate)));
        }
    }

    private static Div section(String title, com.vaadin.flow.component.Component body) {
        Div section = new Div(new H3(title), body);
        section.getStyle().set("margin-top", "var(--lumo-space-l)");
        return section;
    }

    private static Div card(String id, String label, String value) {
        Span number = new Span(value);
        number.setId(id);
        number.getStyle().set("font-size", "var(--lumo-font-size-xxl)").set("font-weight", "600");
        Div card = new Div(new Paragraph(label), number);
        card.getStyle()
                .set("padding", "var(--lumo-space-s) var(--lumo-space-m)")
                .set("border", "1px solid var(--lumo-contrast-10pct)")
                .set("border-radius", "var(--lumo-border-radius-l)");
        return card;
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String money(double amount) {
        return String.format(Locale.ROOT, "%,.2f", amount);
    }
}
