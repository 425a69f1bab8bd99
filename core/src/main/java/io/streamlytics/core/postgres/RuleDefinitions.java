package io.streamlytics.core.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The projects' real-time rules in the metadata database (table {@code rules}), versioned: a save
 * adds a version, so the running job can tell a changed rule from an unchanged one. The YAML is
 * stored as written; checking it is the rule reader's (module cep-rules).
 */
public final class RuleDefinitions {
    /** One version of a rule. */
    public record Stored(
            long projectId, String ruleId, int version, String definition, boolean enabled) {}

    private static final String COLUMNS = "project_id, rule_id, version, definition, enabled";

    private final PostgresSettings settings;

    public RuleDefinitions(PostgresSettings settings) {
        this.settings = settings;
    }

    /** The newest version of every enabled rule of every project. */
    public List<Stored> enabled() {
        return select(
                "SELECT DISTINCT ON (project_id, rule_id) "
                        + COLUMNS
                        + " FROM rules ORDER BY"
                        + " project_id, rule_id, version DESC",
                true);
    }

    /** The newest version of each of a project's rules, disabled ones included, by id. */
    public List<Stored> newest(long projectId) {
        return select(
                "SELECT DISTINCT ON (rule_id) "
                        + COLUMNS
                        + " FROM rules WHERE project_id = ?"
                        + " ORDER BY rule_id, version DESC",
                false,
                projectId);
    }

    /** Every version of one rule, newest first. */
    public List<Stored> history(long projectId, String ruleId) {
        return select(
                "SELECT "
                        + COLUMNS
                        + " FROM rules WHERE project_id = ? AND rule_id = ?"
                        + " ORDER BY version DESC",
                false,
                projectId,
                ruleId);
    }

    /** Saves a new version of the rule (enabled); returns its number. */
    public int save(long projectId, String ruleId, String definition) {
        return append(projectId, ruleId, definition, true);
    }

    /** Disables the rule: a new version with the newest definition, not enabled. */
    public int disable(long projectId, String ruleId) {
        List<Stored> versions = history(projectId, ruleId);
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("no rule " + ruleId + " in project " + projectId);
        }
        return append(projectId, ruleId, versions.get(0).definition(), false);
    }

    private int append(long projectId, String ruleId, String definition, boolean enabled) {
        try (Connection c = connect();
                PreparedStatement s =
                        c.prepareStatement(
                                "INSERT INTO rules (project_id, rule_id, version, definition,"
                                        + " enabled) SELECT ?, ?, coalesce(max(version), 0) + 1,"
                                        + " ?, ? FROM rules WHERE project_id = ? AND rule_id = ?"
                                        + " RETURNING version")) {
            s.setLong(1, projectId);
            s.setString(2, ruleId);
            s.setString(3, definition);
            s.setBoolean(4, enabled);
            s.setLong(5, projectId);
            s.setString(6, ruleId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not save rule " + ruleId, e);
        }
    }

    /** The rows of a query whose parameters are {@code params} (longs and strings), in order. */
    private List<Stored> select(String sql, boolean onlyEnabled, Object... params) {
        try (Connection c = connect();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            return rows(s, onlyEnabled);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the rules", e);
        }
    }

    private static List<Stored> rows(PreparedStatement s, boolean onlyEnabled) throws SQLException {
        List<Stored> rules = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                if (onlyEnabled && !r.getBoolean("enabled")) {
                    continue;
                }
                rules.add(
                        new Stored(
                                r.getLong("project_id"),
                                r.getString("rule_id"),
                                r.getInt("version"),
                                r.getString("definition"),
                                r.getBoolean("enabled")));
            }
        }
        return rules;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(settings.url(), settings.user(), settings.password());
    }
}
