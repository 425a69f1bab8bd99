package io.streamlytics.console.live.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.access.domain.Project;
import io.streamlytics.console.access.service.ProjectAccess;
import io.streamlytics.console.base.ui.MainLayout;
import io.streamlytics.console.base.ui.ProjectParameter;
import io.streamlytics.console.live.domain.LiveFeedEvent;
import io.streamlytics.console.live.domain.LiveSnapshot;
import io.streamlytics.console.live.service.LiveHub;
import io.streamlytics.console.live.service.LiveListener;
import io.streamlytics.console.live.service.LiveSubscription;
import jakarta.annotation.security.PermitAll;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.security.access.AccessDeniedException;

/**
 * The live dashboard: counters, events per minute of the last hour and the live feed, pushed to the
 * browser as the Metrics job writes them (Vaadin push). When the job or Redis is away it says the
 * numbers are stale instead of failing.
 */
@Route(value = "live", layout = MainLayout.class)
@PageTitle("Live · Streamlytics")
@PermitAll
public class LiveView extends Main implements BeforeEnterObserver {
    static final int FEED_ROWS = 50;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final LiveHub hub;
    private final ProjectAccess access;
    private final Actor actor;
    private final List<Project> visible;
    private Long project;
    private final Span eventsThisMinute = stat("events-this-minute");
    private final Span eventsLastHour = stat("events-last-hour");
    private final Span activeUsers = stat("active-users");
    private final Span usersLastHour = stat("users-last-hour");
    private final Span revenueLastHour = stat("revenue-last-hour");
    private final Span sessionsLastHour = stat("sessions-last-hour");
    private final Span stale = new Span();
    private final MinuteChart chart = new MinuteChart();
    private final VerticalLayout topEvents = ranking("top-events");
    private final VerticalLayout topPages = ranking("top-pages");
    private final Grid<LiveFeedEvent> feed = new Grid<>(LiveFeedEvent.class, false);
    private final List<LiveFeedEvent> feedRows = new ArrayList<>();
    private LiveSubscription subscription;

    public LiveView(LiveHub hub, ProjectAccess access) {
        this.hub = hub;
        this.access = access;
        this.actor = access.current();
        this.visible = access.projects(actor);
        setSizeFull();
        getStyle().set("padding", "var(--lumo-space-l)").set("box-sizing", "border-box");
        H2 header = new H2("Live");

        stale.setId("stale");
        stale.getStyle().set("color", "var(--lumo-error-text-color)");
        feed.addColumn(e -> TIME.format(Instant.ofEpochMilli(e.timestamp())))
                .setHeader("Time (UTC)")
                .setAutoWidth(true);
        feed.addColumn(LiveFeedEvent::event).setHeader("Event").setAutoWidth(true);
        feed.addColumn(LiveFeedEvent::distinctId).setHeader("User").setAutoWidth(true);
        feed.addColumn(LiveFeedEvent::page).setHeader("Page").setFlexGrow(1);
        feed.addColumn(LiveFeedEvent::country).setHeader("Country").setAutoWidth(true);
        feed.addColumn(LiveFeedEvent::device).setHeader("Device").setAutoWidth(true);
        feed.setId("live-feed");
        feed.setHeight("360px");

        add(
                header,
                stale,
                new HorizontalLayout(
                        card("Events this minute", eventsThisMinute),
                        card("Events, last hour", eventsLastHour),
                        card("Active users (5 min)", activeUsers),
                        card("Users, last hour", usersLastHour),
                        card("Sessions started, last hour", sessionsLastHour),
                        card("Revenue, last hour", revenueLastHour)),
                new H3("Events per minute"),
                chart,
                new HorizontalLayout(
                        titled("Top events (5 min)", topEvents),
                        titled("Top pages (5 min)", topPages)),
                new H3("Live events (a sample)"),
                feed);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        open(ProjectParameter.of(event.getLocation(), visible).orElse(null));
    }

    /** Follows {@code projectId}'s live numbers (none: says there is no project). */
    void open(Long projectId) {
        project = projectId;
        if (isAttached()) {
            resubscribe();
        }
    }

    @Override
    protected void onAttach(AttachEvent event) {
        resubscribe();
    }

    @Override
    protected void onDetach(DetachEvent event) {
        unsubscribe();
    }

    private void resubscribe() {
        unsubscribe();
        UI ui = UI.getCurrent();
        if (project == null || ui == null) {
            stale.setText(ProjectParameter.NONE_YET);
            return;
        }
        try {
            access.requireRead(actor, project);
        } catch (AccessDeniedException e) {
            stale.setText(e.getMessage());
            return;
        }
        feedRows.clear();
        feed.setItems(feedRows);
        subscription =
                hub.subscribe(
                        project,
                        "",
                        new LiveListener() {
                            @Override
                            public void snapshot(LiveSnapshot s) {
                                ui.access(() -> show(s));
                            }

                            @Override
                            public void feed(List<LiveFeedEvent> events, long dropped) {
                                ui.access(() -> prepend(events));
                            }
                        });
    }

    private void unsubscribe() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }

    void show(LiveSnapshot s) {
        if (s.stale()) {
            stale.setText(
                    s.dataAgeMillis() < 0
                            ? "Live data is unavailable: the metrics job has not reached Redis"
                                    + " (or Redis cannot be read). The numbers below may be"
                                    + " missing; they come back by themselves."
                            : "Live data is stale: the metrics job last wrote "
                                    + s.dataAgeMillis() / 1000
                                    + " s ago. The numbers below may be behind.");
        } else {
            stale.setText("");
        }
        eventsThisMinute.setText(Long.toString(s.eventsThisMinute()));
        eventsLastHour.setText(Long.toString(s.eventsLastHour()));
        activeUsers.setText(Long.toString(s.activeUsers()));
        usersLastHour.setText(Long.toString(s.usersLastHour()));
        revenueLastHour.setText(String.format(Locale.ROOT, "%.2f", s.revenueLastHour()));
        sessionsLastHour.setText(Long.toString(s.sessionsLastHour()));
        chart.show(s.minute(), s.eventsPerMinute());
        fill(topEvents, s.topEvents());
        fill(topPages, s.topPages());
    }

    private void prepend(List<LiveFeedEvent> events) {
        for (LiveFeedEvent e : events) {
            feedRows.add(0, e);
        }
        while (feedRows.size() > FEED_ROWS) {
            feedRows.remove(feedRows.size() - 1);
        }
        feed.getDataProvider().refreshAll();
    }

    private static void fill(VerticalLayout list, List<LiveSnapshot.Ranked> ranked) {
        list.removeAll();
        if (ranked.isEmpty()) {
            list.add(new Span("Nothing in the last 5 minutes."));
        }
        for (LiveSnapshot.Ranked r : ranked) {
            list.add(new Span(r.name() + " · " + r.count()));
        }
    }

    private static Span stat(String id) {
        Span value = new Span("–");
        value.setId(id);
        value.getStyle().set("font-size", "var(--lumo-font-size-xxl)").set("font-weight", "600");
        return value;
    }

    private static Div card(String label, Span value) {
        Div card = new Div(new Div(label), value);
        card.getStyle()
                .set("padding", "var(--lumo-space-m)")
                .set("border-radius", "var(--lumo-border-radius-l)")
                .set("background", "var(--lumo-contrast-5pct)")
                .set("min-width", "160px");
        return card;
    }

    private static VerticalLayout ranking(String id) {
        VerticalLayout list = new VerticalLayout();
        list.setId(id);
        list.setPadding(false);
        list.setSpacing(false);
        return list;
    }

    private static Div titled(String title, VerticalLayout content) {
        Div box = new Div(new H3(title), content);
        box.setMinWidth("320px");
        return box;
    }
}
