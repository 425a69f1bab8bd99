package io.streamlytics.console.users.service;

import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.access.domain.Role;
import io.streamlytics.console.access.service.AuditLog;
import io.streamlytics.console.access.service.ProjectAccess;
import io.streamlytics.console.users.domain.ConsoleUser;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Admins manage console users: create them with a role and a password (stored as a BCrypt hash),
 * change the role, disable or enable them, and say which projects they may open. Every change is
 * audited. An admin cannot disable or demote themselves, so a console always keeps one.
 */
@Service
public class UserAdmin {
    /** At least this long: people pick passwords, and a short one falls to guessing. */
    public static final int MIN_PASSWORD = 12;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final PasswordEncoder encoder;
    private final ProjectAccess access;
    private final AuditLog audit;

    public UserAdmin(
            JdbcTemplate jdbc,
            TransactionTemplate tx,
            PasswordEncoder encoder,
            ProjectAccess access,
            AuditLog audit) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.encoder = encoder;
        this.access = access;
        this.audit = audit;
    }

    public List<ConsoleUser> list(Actor actor) {
        access.requireAdmin(actor);
        return jdbc.query(
                "SELECT u.id, u.email, u.role, u.created_at, u.disabled_at IS NOT NULL AS disabled,"
                        + " coalesce(array_to_string(array_agg(m.project_id ORDER BY m.project_id)"
                        + " FILTER (WHERE m.project_id IS NOT NULL), ','), '') AS projects"
                        + " FROM console_users u LEFT JOIN project_members m ON m.user_id = u.id"
                        + " GROUP BY u.id ORDER BY u.email",
                (row, i) ->
                        new ConsoleUser(
                                row.getLong("id"),
                                row.getString("email"),
                                Role.of(row.getString("role")),
                                ids(row.getString("projects")),
                                row.getTimestamp("created_at").toInstant(),
                                row.getBoolean("disabled")));
    }

    public long create(Actor actor, String email, String password, Role role) {
        access.requireAdmin(actor);
        String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(address).matches()) {
            throw new IllegalArgumentException("Give an email address, such as ann@example.com.");
        }
        if (password == null || password.length() < MIN_PASSWORD) {
            throw new IllegalArgumentException(
                    "Give a password of at least " + MIN_PASSWORD + " characters.");
        }
        try {
            Long id =
                    jdbc.queryForObject(
                            "INSERT INTO console_users (email, password_hash, role)"
                                    + " VALUES (?, ?, ?) RETURNING id",
                            Long.class,
                            address,
                            encoder.encode(password),
                            role.name().toLowerCase(Locale.ROOT));
            audit.record(actor, null, "create user", address + " as " + role);
            return id;
        } catch (DuplicateKeyException e) {
            throw new IllegalArgumentException("A user " + address + " exists already.");
        }
    }

    public void setRole(Actor actor, long userId, Role role) {
        access.requireAdmin(actor);
        if (userId == actor.userId() && role != Role.ADMIN) {
            throw new IllegalArgumentException(
                    "You cannot take your own admin role: another admin can.");
        }
        jdbc.update(
                "UPDATE console_users SET role = ? WHERE id = ?",
                role.name().toLowerCase(Locale.ROOT),
                userId);
        audit.record(actor, null, "set role", userId + " to " + role);
    }

    public void setDisabled(Actor actor, long userId, boolean disabled) {
        access.requireAdmin(actor);
        if (userId == actor.userId() && disabled) {
            throw new IllegalArgumentException("You cannot disable yourself: another admin can.");
        }
        jdbc.update(
                "UPDATE console_users SET disabled_at = "
                        + (disabled ? "now()" : "NULL")
                        + " WHERE id = ?",
                userId);
        audit.record(actor, null, disabled ? "disable user" : "enable user", Long.toString(userId));
    }

    /** The projects {@code userId} may open, replacing the ones before. */
    public void setProjects(Actor actor, long userId, Set<Long> projects) {
        access.requireAdmin(actor);
        tx.executeWithoutResult(
                status -> {
                    jdbc.update("DELETE FROM project_members WHERE user_id = ?", userId);
                    for (long project : projects) {
                        access.addMember(project, userId);
                    }
                });
        audit.record(actor, null, "set projects", userId + ": " + projects);
    }

    private static List<Long> ids(String csv) {
        return csv.isEmpty()
                ? List.of()
                : Arrays.stream(csv.split(",")).map(Long::valueOf).toList();
    }
}
