package io.streamlytics.core.postgres;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/** Projects and their write keys in the metadata database. */
public final class Projects {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PostgresSettings settings;

    public Projects(PostgresSettings settings) {
        this.settings = settings;
    }

    /** A project as the collector needs it. */
    public record Project(long id, String name, String ipMode) {}

    /**
     * A project's own session rules; a null field keeps the platform's default for it. The midnight
     * zone is a zone id, or empty for no split at midnight.
     */
    public record SessionSettings(Integer gapMinutes, Integer maxHours, String midnightZone) {}

    /** A project and one of its write keys. */
    public record ProjectKey(long projectId, String writeKey) {}

    /** A new random write key: {@code wk_} and 32 hex digits. */
    public static String newWriteKey() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "wk_" + HexFormat.of().formatHex(bytes);
    }

    /**
     * Returns the first project and its first live write key, creating both when the database has
     * no project yet; what a fresh local install needs.
     */
    public ProjectKey ensureDefaultProject(String name) {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            long projectId;
            try (PreparedStatement s =
                            c.prepareStatement(
                                    "SELECT id FROM projects ORDER BY id LIMIT 1 FOR UPDATE");
                    ResultSet r = s.executeQuery()) {
                projectId = r.next() ? r.getLong(1) : -1;
            }
            if (projectId < 0) {
                try (PreparedStatement s =
                        c.prepareStatement("INSERT INTO projects (name) VALUES (?) RETURNING id")) {
                    s.setString(1, name);
                    try (ResultSet r = s.executeQuery()) {
                        r.next();
                        projectId = r.getLong(1);
                    }
                }
            }
            String key = null;
            try (PreparedStatement s =
                    c.prepareStatement(
                            "SELECT key FROM write_keys WHERE project_id = ? AND revoked_at IS NULL"
                                    + " ORDER BY created_at LIMIT 1")) {
                s.setLong(1, projectId);
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        key = r.getString(1);
                    }
                }
            }
            if (key == null) {
                key = addWriteKey(c, projectId, "default");
            }
            c.commit();
            return new ProjectKey(projectId, key);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "could not set up the default project: " + e.getMessage(), e);
        }
    }

    /** Creates a project with one write key. */
    public ProjectKey createProject(String name) {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            long id;
            try (PreparedStatement s =
                    c.prepareStatement("INSERT INTO projects (name) VALUES (?) RETURNING id")) {
                s.setString(1, name);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    id = r.getLong(1);
                }
            }
            String key = addWriteKey(c, id, "default");
            c.commit();
            return new ProjectKey(id, key);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create project " + name, e);
        }
    }

    /** The project a live (not revoked) write key belongs to. */
    public Optional<Project> findByWriteKey(String writeKey) {
        try (Connection c = connect();
                PreparedStatement s =
                        c.prepareStatement(
                                "SELECT p.id, p.name, p.ip_mode FROM write_keys k JOIN projects p"
                                        + " ON p.id = k.project_id WHERE k.key = ? AND k.revoked_at IS NULL")) {
            s.setString(1, writeKey);
            try (ResultSet r = s.executeQuery()) {
                return r.next()
                        ? Optional.of(new Project(r.getLong(1), r.getString(2), r.getString(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not look up a write key", e);
        }
    }

    public Optional<Project> findById(long id) {
        try (Connection c = connect();
                PreparedStatement s =
                        c.prepareStatement("SELECT id, name, ip_mode FROM projects WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next()
                        ? Optional.of(new Project(r.getLong(1), r.getString(2), r.getString(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not look up project " + id, e);
        }
    }

    /** The projects that set session rules of their own, by project id. */
    public Map<Long, SessionSettings> sessionSettings() {
        try (Connection c = connect();
                PreparedStatement s =
                        c.prepareStatement(
                                "SELECT id, session_gap_minutes, session_max_hours,"
                                        + " session_midnight_zone FROM projects"
                                        + " WHERE session_gap_minutes IS NOT NULL"
                                        + " OR session_max_hours IS NOT NULL"
                                        + " OR session_midnight_zone IS NOT NULL");
                ResultSet r = s.executeQuery()) {
            Map<Long, SessionSettings> settings = new HashMap<>();
            while (r.next()) {
                settings.put(
                        r.getLong(1),
                        new SessionSettings(
                                (Integer) r.getObject(2),
                                (Integer) r.getObject(3),
                                r.getString(4)));
            }
            return settings;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the projects' session settings", e);
        }
    }

    /** Sets a project's session rules; they apply when the pipeline job next starts. */
    public void setSessionSettings(long projectId, SessionSettings settings) {
        if (settings.midnightZone() != null && !settings.midnightZone().isEmpty()) {
            java.time.ZoneId.of(settings.midnightZone()); // refuses an unknown zone here
        }
        try (Connection c = connect();
                PreparedStatement s =
                        c.prepareStatement(
                                "UPDATE projects SET session_gap_minutes = ?, session_max_hours = ?,"
                                        + " session_midnight_zone = ? WHERE id = ?")) {
            s.setObject(1, settings.gapMinutes());
            s.setObject(2, settings.maxHours());
            s.setString(3, settings.midnightZone());
            s.setLong(4, projectId);
            if (s.executeUpdate() != 1) {
                throw new IllegalArgumentException("no project " + projectId);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "could not set the session settings of project " + projectId, e);
        }
    }

    public void revoke(String writeKey) {
        try (Connection c = connect();
                PreparedStatement s =
                        c.prepareStatement(
                                "UPDATE write_keys SET revoked_at = now() WHERE key = ?")) {
            s.setString(1, writeKey);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not revoke a write key", e);
        }
    }

    private static String addWriteKey(Connection c, long projectId, String label)
            throws SQLException {
        String key = newWriteKey();
        try (PreparedStatement s =
                c.prepareStatement(
                        "INSERT INTO write_keys (key, project_id, label) VALUES (?, ?, ?)")) {
            s.setString(1, key);
            s.setLong(2, projectId);
            s.setString(3, label);
            s.executeUpdate();
        }
        return key;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(settings.url(), settings.user(), settings.password());
    }
}
