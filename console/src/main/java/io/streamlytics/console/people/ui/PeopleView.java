package io.streamlytics.console.people.ui;

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
import io.streamlytics.console.people.domain.PersonProfile;
import io.streamlytics.console.people.service.PersonProfiles;
import jakarta.annotation.security.PermitAll;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;

/** People: find someone by (part of) their id and open their profile. */
@Route(value = "people", layout = MainLayout.class)
@PageTitle("People · Streamlytics")
@PermitAll
public class PeopleView extends Main implements BeforeEnterObserver {
    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final PersonProfiles people;
    private final Actor actor;
    private final List<Project> visible;
    private final TextField search = new TextField("Person or distinct id contains");
    private final Grid<PersonProfile.Match> found = new Grid<>();
    private final Span status = new Span();
    private Long project;

    public PeopleView(PersonProfiles people, ProjectAccess access) {
        this.people = people;
        this.actor = access.current();
        this.visible = access.projects(actor);
        setId("people");
        getStyle().set("padding", "var(--lumo-space-l)").set("box-sizing", "border-box");
        search.setId("person-search");
        search.setWidth("24em");
        Button find = new Button("Find", e -> find());
        find.setId("find");
        find.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        find.addClickShortcut(com.vaadin.flow.component.Key.ENTER);
        HorizontalLayout form = new HorizontalLayout(search, find);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        status.setId("status");
        found.setId("people-found");
        found.setAllRowsVisible(true);
        found.addComponentColumn(m -> new Anchor(link(project, m.personId()), m.personId()))
                .setHeader("Person")
                .setFlexGrow(1);
        found.addColumn(m -> TIME.format(m.lastSeen()))
                .setHeader("Last seen (UTC)")
                .setAutoWidth(true);
        found.addColumn(PersonProfile.Match::events).setHeader("Events").setAutoWidth(true);
        add(new H2("People"), form, status, found);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        project = ProjectParameter.of(event.getLocation(), visible).orElse(null);
        if (project == null) {
            status.setText(ProjectParameter.NONE_YET);
        }
    }

    void open(Long projectId) {
        project = projectId;
    }

    void find() {
        if (project == null) {
            return;
        }
        if (search.getValue().isBlank()) {
            status.setText("Type part of an id: a user id, an email, an anonymous id.");
            return;
        }
        try {
            List<PersonProfile.Match> matches = people.search(actor, project, search.getValue());
            found.setItems(matches);
            status.setText(matches.isEmpty() ? "Nobody's id contains that." : "");
        } catch (AccessDeniedException e) {
            status.setText(e.getMessage());
        } catch (RuntimeException e) {
            status.setText("ClickHouse could not answer just now; try again in a moment.");
        }
    }

    /** The profile page of {@code personId} in {@code projectId}. */
    static String link(Long projectId, String personId) {
        return "people/"
                + java.net.URLEncoder.encode(personId, StandardCharsets.UTF_8).replace("+", "%20")
                + "?"
                + ProjectParameter.query(projectId == null ? 0 : projectId).getQueryString();
    }
}
