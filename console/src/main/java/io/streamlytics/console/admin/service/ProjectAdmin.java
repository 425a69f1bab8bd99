package io.streamlytics.console.admin.service;

import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.access.service.AuditLog;
import io.streamlytics.console.access.service.ProjectAccess;
import io.streamlytics.console.admin.domain.ProjectRow;
import io.streamlytics.console.admin.domain.WriteKey;
import io.streamlytics.core.postgres.Projects;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Admins manage projects and their write keys: create a project (with its first key), set its
 * timezone and IP policy, add keys, rotate one (a new key with the same label, the old one kept
 * until the apps send with the new one) and revoke keys (the collector refuses them at once). Every
 * change is audited.
 */
@Service
public class ProjectAdmin {
    static final Set<String> IP_MODES = Set.of("keep", "truncate", "drop");

    private final JdbcTemplate jdbc;
    private final ProjectAccess access;
    private final AuditLog audit;

    public ProjectAdmin(JdbcTemplate jdbc, ProjectAccess access, AuditLog audit) {
        this.jdbc = jdbc;
        this.access = access;
        this.audit = audit;
    }

    public List<ProjectRow> projects(Actor actor) {
        access.requireAdmin(actor);
        return jdbc.query(
                "SELECT p.id, p.name, p.timezone, p.ip_mode, p.created_at,"
                        + " (SELECT count(*) FROM write_keys k WHERE k.project_id = p.id"
                        + " AND k.revoked_at IS NULL) AS live_keys"
                        + " FROM projects p ORDER BY p.id",
                ProjectAdmin::project);
    }

    /** A new project with one write key, in {@code timezone}. */
    public ProjectRow create(Actor actor, String name, String timezone) {
        access.requireAdmin(actor);
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 200) {
            throw new IllegalArgumentException("Give the project a name of 1 to 200 characters.");
        }
        String zone = zone(timezone);
        Long id =
                jdbc.queryForObject(
                        "INSERT INTO projects (name, timezone) VALUES (?, ?) RETURNING id",
                        Long.class,
                        trimmed,
                        zone);
        insertKey(id, "default");
        audit.record(actor, id, "create project", trimmed);
        return projects(actor).stream().filter(p -> p.id() == id).findFirst().orElseThrow();
    }

    /** The timezone the project's days and weeks are counted in, and how client IPs are kept. */
    public void settings(Actor actor, long projectId, String timezone, String ipMode) {
        access.requireAdmin(actor);
        if (!IP_MODES.contains(ipMode)) {
            throw new IllegalArgumentException("IP addresses: keep, truncate or drop.");
        }
        jdbc.update(
                "UPDATE projects SET timezone = ?, ip_mode = ? WHERE id = ?",
                zone(timezone),
                ipMode,
                projectId);
        audit.record(actor, projectId, "project settings", timezone + ", ip " + ipMode);
    }

    public List<WriteKey> keys(Actor actor, long projectId) {
        access.requireAdmin(actor);
        return jdbc.query(
                "SELECT key, label, created_at, revoked_at FROM write_keys WHERE project_id = ?"
                        + " ORDER BY revoked_at IS NOT NULL, created_at DESC",
                (row, i) ->
                        new WriteKey(
                                row.getString("key"),
                                row.getString("label"),
                                row.getTimestamp("created_at").toInstant(),
                                instant(row.getTimestamp("revoked_at"))),
                projectId);
    }

    /** A new write key; returns it. */
    public String addKey(Actor actor, long projectId, String label) {
        access.requireAdmin(actor);
        String key = insertKey(projectId, label == null ? "" : label.strip());
        audit.record(actor, projectId, "add write key", label);
        return key;
    }

    /**
     * A new key with the old one's label. The old key keeps working until it is revoked, so apps in
     * people's hands can move to the new one first.
     */
    public String rotate(Actor actor, long projectId, String oldKey) {
        access.requireAdmin(actor);
        WriteKey old =
                keys(actor, projectId).stream()
                        .filter(k -> k.key().equals(oldKey) && k.live())
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "That key is not a live key of this project."));
        String key = insertKey(projectId, old.label());
        audit.record(actor, projectId, "rotate write key", mask(oldKey) + " -> " + mask(key));
        return key;
    }

    /** Stops the key: the collector refuses events sent with it from now on. */
    public void revoke(Actor actor, long projectId, String key) {
        access.requireAdmin(actor);
        int changed =
                jdbc.update(
                        "UPDATE write_keys SET revoked_at = now() WHERE project_id = ? AND key = ?"
                                + " AND revoked_at IS NULL",
                        projectId,
                        key);
        if (changed == 0) {
            throw new IllegalArgumentException("That key is not a live key of this project.");
        }
        audit.record(actor, projectId, "revoke write key", mask(key));
    }

    private String insertKey(long projectId, String label) {
        String key = Projects.newWriteKey();
        jdbc.update(
                "INSERT INTO write_keys (key, project_id, label) VALUES (?, ?, ?)",
                key,
                projectId,
                label);
        return key;
    }

    /** A key as the audit log shows it: its start only. */
    static String mask(String key) {
        return key.substring(0, Math.min(8, key.length())) + "…";
    }

    private static String zone(String timezone) {
        try {
            return ZoneId.of(timezone == null || timezone.isBlank() ? "UTC" : timezone.strip())
                    .getId();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    "Unknown timezone \"" + timezone + "\": use a name such as Europe/Berlin.");
        }
    }

    private static ProjectRow project(ResultSet row, int i) throws SQLException {
        return new ProjectRow(
                row.getLong("id"),
                row.getString("name"),
                row.getString("timezone"),
                row.getString("ip_mode"),
                row.getInt("live_keys"),
                row.getTimestamp("created_at").toInstant());
    }

    private static java.time.Instant instant(Timestamp at) {
        return at == null ? null : at.toInstant();
    }
}
