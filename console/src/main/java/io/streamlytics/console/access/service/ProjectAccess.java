package io.streamlytics.console.access.service;

import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.access.domain.Project;
import io.streamlytics.console.access.domain.Role;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * Who may open which project. Enforced here, in the services every view and export goes through,
 * not only by what the console shows: admins open every project, analysts and viewers the ones they
 * are members of ({@code project_members}); viewers only read.
 */
@Service
public class ProjectAccess {
    private final JdbcTemplate jdbc;

    public ProjectAccess(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The person signed in to this request. Views call it once when they are built (a request
     * thread) and pass the actor on: push and background threads have no security context.
     */
    public Actor current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) {
            throw new AccessDeniedException("sign in first");
        }
        return actor(auth.getName());
    }

    /** The enabled user with this email. */
    public Actor actor(String email) {
        return jdbc
                .query(
                        "SELECT id, email, role FROM console_users"
                                + " WHERE email = ? AND disabled_at IS NULL",
                        (row, i) ->
                                new Actor(
                                        row.getLong("id"),
                                        row.getString("email"),
                                        Role.of(row.getString("role"))),
                        email)
                .stream()
                .findFirst()
                .orElseThrow(() -> new AccessDeniedException("no enabled console user " + email));
    }

    /** The projects {@code actor} may open, by id. */
    public List<Project> projects(Actor actor) {
        if (actor.role() == Role.ADMIN) {
            return jdbc.query(
                    "SELECT id, name FROM projects ORDER BY id",
                    (row, i) -> new Project(row.getLong("id"), row.getString("name")));
        }
        return jdbc.query(
                "SELECT p.id, p.name FROM projects p"
                        + " JOIN project_members m ON m.project_id = p.id"
                        + " WHERE m.user_id = ? ORDER BY p.id",
                (row, i) -> new Project(row.getLong("id"), row.getString("name")),
                actor.userId());
    }

    /** Throws unless {@code actor} may read {@code projectId}'s data. */
    public void requireRead(Actor actor, long projectId) {
        if (actor.role() == Role.ADMIN) {
            return;
        }
        Integer member =
                jdbc.queryForObject(
                        "SELECT count(*) FROM project_members WHERE project_id = ? AND user_id = ?",
                        Integer.class,
                        projectId,
                        actor.userId());
        if (member == null || member == 0) {
            throw new AccessDeniedException(
                    "You have no access to project "
                            + projectId
                            + ". Ask an admin to add you to it.");
        }
    }

    /** Throws unless {@code actor} may also change things in {@code projectId}. */
    public void requireEdit(Actor actor, long projectId) {
        requireRead(actor, projectId);
        if (!actor.role().canEdit()) {
            throw new AccessDeniedException(
                    "Viewers can look but not change or export anything; ask an admin for the"
                            + " analyst role.");
        }
    }

    /** Throws unless {@code actor} is an admin (users, projects, keys). */
    public void requireAdmin(Actor actor) {
        if (actor.role() != Role.ADMIN) {
            throw new AccessDeniedException("Only admins manage users, projects and keys.");
        }
    }

    /** Gives {@code userId} access to {@code projectId} (admins have it anyway). */
    public void addMember(long projectId, long userId) {
        jdbc.update(
                "INSERT INTO project_members (project_id, user_id) VALUES (?, ?)"
                        + " ON CONFLICT DO NOTHING",
                projectId,
                userId);
    }
}
