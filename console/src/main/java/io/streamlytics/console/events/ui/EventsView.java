package io.streamlytics.console.events.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.streamlytics.console.events.domain.DailyCount;
import io.streamlytics.console.events.domain.Project;
import io.streamlytics.console.events.domain.RecentEvent;
import io.streamlytics.console.events.service.EventQueries;
import io.streamlytics.console.events.service.ProjectDirectory;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Events per day and the latest events of a project, refreshed every few seconds. */
@Route("")
@PageTitle("Events · Streamlytics")
@PermitAll
public class EventsView extends Main {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EventsView.class);
    static final int DAYS = 30;
    static final int REFRESH_MILLIS = 5000;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final EventQueries queries;
    private final Select<Project> project = new Select<>();
    private final Span eventsToday = stat("events-today");
    private final Span usersToday = stat("users-today");
    private final Span eventsInPeriod = stat("events-30d");
    private final DailyEventsChart chart = new DailyEventsChart();
    private final Grid<RecentEvent> latest = new Grid<>(RecentEvent.class, false);
    private final Span status = new Span();
    private Registration polling;

    public EventsView(EventQueries queries, ProjectDirectory projects, AuthenticationContext auth) {
        this.queries = queries;
        setSizeFull();
        getStyle().set("padding", "var(--lumo-space-l)").set("box-sizing", "border-box");

        project.setLabel("Project");
        project.setItemLabelGenerator(Project::name);
        List<Project> all = projects.all();
        project.setItems(all);
        if (!all.isEmpty()) {
            project.setValue(all.get(0));
        }
        project.addValueChangeListener(e -> refresh());
        Button logout = new Button("Sign out", e -> auth.logout());
        // a plain link: the live feature depends on this one, not the other way round
        com.vaadin.flow.component.html.Anchor live =
                new com.vaadin.flow.component.html.Anchor("live", "Live view");
        HorizontalLayout header = new HorizontalLayout(new H2("Events"), project, live, logout);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        header.setWidthFull();
        header.expand(project);

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
        refresh();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        event.getUI().setPollInterval(REFRESH_MILLIS);
        polling = event.getUI().addPollListener(e -> refresh());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        event.getUI().setPollInterval(-1);
        if (polling != null) {
            polling.remove();
        }
    }

    /** Reloads everything for the selected project. */
    void refresh() {
        Project selected = project.getValue();
        if (selected == null) {
            latest.setItems(List.of());
            return;
        }
        List<DailyCount> days;
        List<RecentEvent> recent;
        try {
            days = queries.dailyCounts(selected.id(), DAYS);
            recent = queries.latest(selected.id(), 50);
            status.setText("");
        } catch (RuntimeException e) {
            LOG.warn("cannot load events of project {}: {}", selected.id(), e.getMessage());
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
