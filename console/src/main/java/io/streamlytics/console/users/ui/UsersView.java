package io.streamlytics.console.users.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.access.domain.Project;
import io.streamlytics.console.access.domain.Role;
import io.streamlytics.console.access.service.ProjectAccess;
import io.streamlytics.console.base.ui.MainLayout;
import io.streamlytics.console.users.domain.ConsoleUser;
import io.streamlytics.console.users.service.UserAdmin;
import jakarta.annotation.security.RolesAllowed;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.access.AccessDeniedException;

/** Admin → Users: create users, set their role and projects, disable them. */
@Route(value = "admin/users", layout = MainLayout.class)
@PageTitle("Users · Streamlytics")
@RolesAllowed("ADMIN")
public class UsersView extends Main {
    private final UserAdmin users;
    private final Actor actor;
    private final List<Project> projects;
    private final Grid<ConsoleUser> grid = new Grid<>();
    private final Span status = new Span();
    private final EmailField email = new EmailField("Email");
    private final PasswordField password = new PasswordField("Password");
    private final Select<Role> role = new Select<>();

    public UsersView(UserAdmin users, ProjectAccess access) {
        this.users = users;
        this.actor = access.current();
        this.projects = access.projects(actor);
        setId("users");
        getStyle().set("padding", "var(--lumo-space-l)").set("box-sizing", "border-box");
        status.setId("status");
        email.setId("new-email");
        password.setId("new-password");
        password.setHelperText("at least " + UserAdmin.MIN_PASSWORD + " characters");
        role.setLabel("Role");
        role.setId("new-role");
        role.setItems(Role.values());
        role.setItemLabelGenerator(UsersView::label);
        role.setValue(Role.ANALYST);
        Button create = new Button("Create user", e -> create());
        create.setId("create-user");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(email, password, role, create);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);

        grid.setId("user-grid");
        grid.addColumn(ConsoleUser::email).setHeader("Email").setAutoWidth(true);
        grid.addComponentColumn(this::roleOf).setHeader("Role").setAutoWidth(true);
        grid.addComponentColumn(this::projectsOf).setHeader("Projects").setFlexGrow(1);
        grid.addComponentColumn(this::switchOf).setHeader("").setAutoWidth(true);
        add(new H2("Users"), new H3("New user"), form, status, grid);
        refresh();
    }

    private Select<Role> roleOf(ConsoleUser user) {
        Select<Role> select = new Select<>();
        select.setItems(Role.values());
        select.setItemLabelGenerator(UsersView::label);
        select.setValue(user.role());
        select.addValueChangeListener(
                e -> {
                    if (e.isFromClient()) {
                        act(() -> users.setRole(actor, user.id(), e.getValue()));
                    }
                });
        return select;
    }

    private MultiSelectComboBox<Project> projectsOf(ConsoleUser user) {
        MultiSelectComboBox<Project> box = new MultiSelectComboBox<>();
        box.setItems(projects);
        box.setItemLabelGenerator(Project::name);
        box.setWidthFull();
        box.select(projects.stream().filter(p -> user.projects().contains(p.id())).toList());
        box.setEnabled(user.role() != Role.ADMIN);
        box.setPlaceholder(user.role() == Role.ADMIN ? "every project" : "none yet");
        box.addValueChangeListener(
                e -> {
                    if (e.isFromClient()) {
                        Set<Long> ids =
                                e.getValue().stream()
                                        .map(Project::id)
                                        .collect(Collectors.toCollection(HashSet::new));
                        act(() -> users.setProjects(actor, user.id(), ids));
                    }
                });
        return box;
    }

    private Button switchOf(ConsoleUser user) {
        return new Button(
                user.disabled() ? "Enable" : "Disable",
                e -> act(() -> users.setDisabled(actor, user.id(), !user.disabled())));
    }

    void create() {
        act(
                () -> {
                    users.create(actor, email.getValue(), password.getValue(), role.getValue());
                    email.clear();
                    password.clear();
                });
    }

    /** Does {@code change} and shows the users again, or says why it was refused. */
    private void act(Runnable change) {
        try {
            change.run();
            status.setText("");
        } catch (IllegalArgumentException | AccessDeniedException e) {
            status.setText(e.getMessage());
        }
        refresh();
    }

    private void refresh() {
        grid.setItems(users.list(actor));
    }

    private static String label(Role r) {
        return r.name().toLowerCase(Locale.ROOT);
    }
}
