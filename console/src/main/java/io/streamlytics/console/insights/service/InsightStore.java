package io.streamlytics.console.insights.service;

import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.access.service.AuditLog;
import io.streamlytics.console.access.service.ProjectAccess;
import io.streamlytics.console.insights.domain.SavedInsight;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Saved insights ({@code insights}): anyone who may open the project reads them; analysts and
 * admins save. Saving under an existing name replaces that insight's query.
 */
@Service
public class InsightStore {
    private static final String COLUMNS =
            "id, project_id, name, kind, query::text AS query, chart, created_by, updated_at";

    private final JdbcTemplate jdbc;
    private final ProjectAccess access;
    private final AuditLog audit;
    private final InsightQueries queries;

    public InsightStore(
            JdbcTemplate jdbc, ProjectAccess access, AuditLog audit, InsightQueries queries) {
        this.jdbc = jdbc;
        this.access = access;
        this.audit = audit;
        this.queries = queries;
    }

    /**
     * Saves (or replaces by name) an insight; the query is checked first, so what is saved runs.
     */
    public SavedInsight save(
            Actor actor, long projectId, String name, String kind, String query, String chart) {
        access.requireEdit(actor, projectId);
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 200) {
            throw new IllegalArgumentException("Give the insight a name of 1 to 200 characters.");
        }
        queries.check(kind, query);
        try {
            SavedInsight saved =
                    jdbc.queryForObject(
                            "INSERT INTO insights (project_id, name, kind, query, chart, created_by)"
                                    + " VALUES (?, ?, ?, ?::jsonb, ?, ?)"
                                    + " ON CONFLICT (project_id, name) DO UPDATE SET"
                                    + " kind = EXCLUDED.kind, query = EXCLUDED.query,"
                                    + " chart = EXCLUDED.chart, updated_at = now()"
                                    + " RETURNING "
                                    + COLUMNS,
                            InsightStore::row,
                            projectId,
                            trimmed,
                            kind,
                            query,
                            chart,
                            actor.email());
            audit.record(actor, projectId, "save insight", trimmed);
            return saved;
        } catch (DuplicateKeyException e) {
            throw new IllegalArgumentException("An insight named " + trimmed + " exists already.");
        }
    }

    public List<SavedInsight> list(Actor actor, long projectId) {
        access.requireRead(actor, projectId);
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM insights WHERE project_id = ? ORDER BY name",
                InsightStore::row,
                projectId);
    }

    public Optional<SavedInsight> find(Actor actor, long projectId, long id) {
        access.requireRead(actor, projectId);
        return findInProject(projectId, id);
    }

    /** For callers already allowed into the project by other means: the API's project token. */
    public Optional<SavedInsight> findInProject(long projectId, long id) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM insights WHERE project_id = ? AND id = ?",
                        InsightStore::row,
                        projectId,
                        id)
                .stream()
                .findFirst();
    }

    public void delete(Actor actor, long projectId, long id) {
        access.requireEdit(actor, projectId);
        if (jdbc.update("DELETE FROM insights WHERE project_id = ? AND id = ?", projectId, id)
                > 0) {
            audit.record(actor, projectId, "delete insight", Long.toString(id));
        }
    }

    private static SavedInsight row(ResultSet row, int i) throws SQLException {
        return new SavedInsight(
                row.getLong("id"),
                row.getLong("project_id"),
                row.getString("name"),
                row.getString("kind"),
                row.getString("query"),
                row.getString("chart"),
                row.getString("created_by"),
                row.getTimestamp("updated_at").toInstant());
    }
}
