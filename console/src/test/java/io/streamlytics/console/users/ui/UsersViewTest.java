package io.streamlytics.console.users.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import io.streamlytics.console.ConsoleViewTest;
import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.access.domain.Project;
import io.streamlytics.console.access.domain.Role;
import io.streamlytics.console.users.domain.ConsoleUser;
import io.streamlytics.console.users.service.UserAdmin;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Admin → Users with Karibu on the console's services and PostgreSQL. */
class UsersViewTest extends ConsoleViewTest {
    @Autowired private UserAdmin users;
    @Autowired private PasswordEncoder encoder;

    private ConsoleUser user(Actor admin, String email) {
        return users.list(admin).stream()
                .filter(u -> u.email().equals(email))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void anAdminCreatesAUserAndGivesThemAProject() {
        TestProject shop = newProject("Users' shop");
        signIn("users-admin@example.com", "admin");
        Actor admin = access.current();
        UI.getCurrent().add(new UsersView(users, access));

        _get(EmailField.class, spec -> spec.withId("new-email")).setValue("Dan@Example.com");
        _get(PasswordField.class, spec -> spec.withId("new-password")).setValue("short");
        _get(Button.class, spec -> spec.withId("create-user")).click();
        assertThat(_get(Span.class, spec -> spec.withId("status")).getText())
                .isEqualTo("Give a password of at least 12 characters.");

        _get(PasswordField.class, spec -> spec.withId("new-password"))
                .setValue("correct horse battery");
        _get(Button.class, spec -> spec.withId("create-user")).click();
        assertThat(_get(Span.class, spec -> spec.withId("status")).getText()).isEmpty();
        ConsoleUser dan = user(admin, "dan@example.com");
        assertThat(dan.role()).isEqualTo(Role.ANALYST);
        assertThat(
                        encoder.matches(
                                "correct horse battery",
                                jdbc.queryForObject(
                                        "SELECT password_hash FROM console_users WHERE id = ?",
                                        String.class,
                                        dan.id())))
                .as("stored as a hash that the login checks")
                .isTrue();

        users.setProjects(admin, dan.id(), Set.of(shop.id()));
        assertThat(access.projects(access.actor("dan@example.com")))
                .extracting(Project::id)
                .containsExactly(shop.id());

        users.setDisabled(admin, dan.id(), true);
        assertThatThrownBy(() -> access.actor("dan@example.com"))
                .as("a disabled user's open session is refused by every service")
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> users.setDisabled(admin, admin.userId(), true))
                .hasMessageContaining("cannot disable yourself");
        assertThat(
                        jdbc.queryForObject(
                                "SELECT count(*) FROM audit_log WHERE actor = ?"
                                        + " AND action IN ('create user', 'set projects',"
                                        + " 'disable user')",
                                Integer.class,
                                "users-admin@example.com"))
                .isEqualTo(3);
    }

    @Test
    void onlyAdminsManageUsers() {
        signIn("users-analyst@example.com", "analyst");
        Actor analyst = access.current();

        assertThatThrownBy(() -> users.list(analyst)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(
                        () ->
                                users.create(
                                        analyst,
                                        "eve@example.com",
                                        "a long enough password",
                                        Role.ADMIN))
                .isInstanceOf(AccessDeniedException.class);
    }
}
