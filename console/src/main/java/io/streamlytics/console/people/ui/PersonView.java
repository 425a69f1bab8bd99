package io.streamlytics.console.people.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.access.domain.Project;
import io.streamlytics.console.access.service.ProjectAccess;
import io.streamlytics.console.base.ui.MainLayout;
import io.streamlytics.console.base.ui.ProjectParameter;
import io.streamlytics.console.people.domain.PersonProfile;
import io.streamlytics.console.people.service.PersonProfiles;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.access.AccessDeniedException;

/** One person: properties, the ids that point at them, their sessions and their latest events. */
@Route(value = "people/:person", layout = MainLayout.class)
@PageTitle("Person · Streamlytics")
@PermitAll
public class PersonView extends Main implements BeforeEnterObserver {
    private final PersonProfiles people;
    private final Actor actor;
    private final List<Project> visible;
    private final H2 title = new H2();
    private final Span summary = new Span();
    private final Span status = new Span();
    private final Grid<Map.Entry<String, String>> properties = new Grid<>();
    private final Grid<PersonProfile.Session> sessions = new Grid<>();
    private final Grid<PersonProfile.TimelineEvent> timeline = new Grid<>();
    private final Div content = new Div();

    public PersonView(PersonProfiles people, ProjectAccess access) {
        this.people = people;
        this.actor = access.current();
        this.visible = access.projects(actor);
        setId("person");
        getStyle().set("padding", "var(--lumo-space-l)").set("box-sizing", "border-box");
        summary.setId("person-summary");
        status.setId("status");
        properties.setId("person-properties");
        properties.setAllRowsVisible(true);
        properties.addColumn(Map.Entry::getKey).setHeader("Property").setAutoWidth(true);
        properties.addColumn(Map.Entry::getValue).setHeader("Value").setFlexGrow(1);
        sessions.setId("person-sessions");
        sessions.setHeight("280px");
        sessions.addColumn(s -> PeopleView.TIME.format(s.startedAt()))
                .setHeader("Started (UTC)")
                .setAutoWidth(true);
        sessions.addColumn(s -> s.durationSeconds() + " s").setHeader("Length").setAutoWidth(true);
        sessions.addColumn(PersonProfile.Session::events).setHeader("Events").setAutoWidth(true);
        sessions.addColumn(PersonProfile.Session::pageviews).setHeader("Pages").setAutoWidth(true);
        sessions.addColumn(PersonProfile.Session::entryUrl).setHeader("Entry").setFlexGrow(1);
        sessions.addColumn(PersonProfile.Session::referrer)
                .setHeader("Referrer")
                .setAutoWidth(true);
        sessions.addColumn(PersonProfile.Session::device).setHeader("Device").setAutoWidth(true);
        timeline.setId("person-timeline");
        timeline.setHeight("420px");
        timeline.addColumn(e -> PeopleView.TIME.format(e.at()))
                .setHeader("Time (UTC)")
                .setAutoWidth(true);
        timeline.addColumn(PersonProfile.TimelineEvent::event)
                .setHeader("Event")
                .setAutoWidth(true);
        timeline.addColumn(PersonProfile.TimelineEvent::page).setHeader("Page").setAutoWidth(true);
        timeline.addColumn(PersonProfile.TimelineEvent::properties)
                .setHeader("Properties")
                .setFlexGrow(1);
        content.add(
                summary,
                new H3("Properties"),
                properties,
                new H3("Sessions"),
                sessions,
                new H3("Events, newest first"),
                timeline);
        add(title, status, content);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        open(
                ProjectParameter.of(event.getLocation(), visible).orElse(null),
                event.getRouteParameters().get("person").orElse(""));
    }

    void open(Long projectId, String personId) {
        title.setText(personId);
        if (projectId == null) {
            content.setVisible(false);
            status.setText(ProjectParameter.NONE_YET);
            return;
        }
        Optional<PersonProfile> profile;
        try {
            profile = people.profile(actor, projectId, personId);
        } catch (AccessDeniedException e) {
            content.setVisible(false);
            status.setText(e.getMessage());
            return;
        } catch (RuntimeException e) {
            content.setVisible(false);
            status.setText("ClickHouse could not answer just now; reload in a moment.");
            return;
        }
        if (profile.isEmpty()) {
            content.setVisible(false);
            status.setText(
                    "No events of " + personId + " in this project: check the id, or the project.");
            return;
        }
        PersonProfile p = profile.get();
        content.setVisible(true);
        status.setText("");
        summary.setText(
                String.format(
                        java.util.Locale.ROOT,
                        "%,d events from %s to %s (UTC); ids: %s",
                        p.events(),
                        PeopleView.TIME.format(p.firstSeen()),
                        PeopleView.TIME.format(p.lastSeen()),
                        String.join(", ", p.distinctIds())));
        properties.setItems(p.properties().entrySet());
        sessions.setItems(p.sessions());
        timeline.setItems(p.timeline());
    }
}
