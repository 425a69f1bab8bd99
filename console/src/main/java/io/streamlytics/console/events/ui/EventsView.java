package io.streamlytics.console.events.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.access.domain.Project;
import io.streamlytics.console.access.service.ProjectAccess;
import io.streamlytics.console.base.ui.MainLayout;
import io.streamlytics.console.base.ui.Polling;
import io.streamlytics.console.base.ui.ProjectParameter;
import io.streamlytics.console.events.domain.DailyCount;
import io.streamlytics.console.events.domain.RecentEvent;
import io.streamlytics.console.events.service.EventQueries;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;

/** Events per day and the latest events of a project, refreshed every few seconds. */
@Route(value = "events", layout = MainLayout.class)
@PageTitle("Events · Streamlytics")
@PermitAll
public class EventsView extends Main implements BeforeEnterObserver {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EventsView.class);
    static final int DAYS = 30;
    static final int REFRESH_MILLIS = 5000;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final EventQueries queries;
    private final Actor actor;
    private final List<Project> visible;
    private Long project;
    private final Span eventsToday = stat("events-today");
    private final Span usersToday = stat("users-today");
    private final Span eventsInPeriod = stat("events-30d");
    private final DailyEventsChart chart = new DailyEventsChart();
    private final Grid<RecentEvent> latest = new Grid<>(RecentEvent.class, false);
    private final Span status = new Span();

    public EventsView(EventQueries queries, ProjectAccess access) {
        this.queries = queries;
        this.actor = access.current();
        this.visible = access.projects(actor);
        setSizeFull();
        getStyle().set("padding", "var(--lumo-space-l)").set("box-sizing", "border-box");
        H2 header = new H2("Events");

        HorizontalLayout stats =
                new HorizontalLayout(
                        card("Events today", eventsToday),
                        card("Users today", usersToday),
                        card("Events, last " + DAYS + " days", eventsInPeriod));

        latest.addColumn(e -> TIME.format(e.timestamp()))
                .setHeader("Time (UTC)")
                .setAutoWidth(true);
        latest.addColumn(RecentEvent::event).setHeader("Event").setAutoWidth(true);
        latest.addColumn(RecentEvent::distinctId).setHeader("User").setAutoWidth(true);
        latest.addColumn(RecentEvent::pagePath).setHeader("Page").setAutoWidth(true);
        latest.addColumn(RecentEvent::properties).setHeader("Properties").setFlexGrow(1);
        latest.setId("latest-events");
        latest.setHeight("420px");

        status.setId("status");
        status.getStyle().set("color", "var(--lumo-error-text-color)");
        add(
                header,
                status,
                stats,
                new H3("Events per day"),
                chart,
                new H3("Latest events"),
                latest);
        Polling.every(this, REFRESH_MILLIS, this::refresh);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        open(ProjectParameter.of(event.getLocation(), visible).orElse(null));
    }

    /** Shows {@code projectId}'s events (none: says there is no project). */
    void open(Long projectId) {
        project = projectId;
        refresh();
    }

    /** Reloads everything for the selected project. */
    void refresh() {
        if (project == null) {
            latest.setItems(List.of());
            status.setText(ProjectParameter.NONE_YET);
            return;
        }
        List<DailyCount> days;
        List<RecentEvent> recent;
        try {
            days = queries.dailyCounts(actor, project, DAYS);
            recent = queries.latest(actor, project, 50);
            status.setText("");
        } catch (AccessDeniedException e) {
            status.setText(e.getMessage());
            return;
        } catch (RuntimeException e) {
            LOG.warn("cannot load events of project {}: {}", project, e.getMessage());
            status.setText(
                    "Event data is unavailable right now (ClickHouse did not answer); retrying every "
                            + REFRESH_MILLIS / 1000
                            + " s.");
            return;
        }
        DailyCount today = days.get(days.size() - 1);
        eventsToday.setText(Long.toString(today.events()));
        usersToday.setText(Long.toString(today.users()));
        eventsInPeriod.setText(Long.toString(days.stream().mapToLong(DailyCount::events).sum()));
        chart.show(days);
        latest.setItems(recent);
    }

    private static Span stat(String id) {
        Span value = new Span("0");
        value.setId(id);
        value.getStyle().set("font-size", "var(--lumo-font-size-xxl)").set("font-weight", "600");
        return value;
    }

    private static Div card(String label, Span value) {
        Div card = new Div(new Div(new Span(label)), value);
        card.getStyle()
                .set("padding", "var(--lumo-space-m)")
                .set("border", "1px solid var(--lumo-contrast-10pct)")
                .set("border-radius", "var(--lumo-border-radius-l)")
                .set("min-width", "12em");
        return card;
    }
}
