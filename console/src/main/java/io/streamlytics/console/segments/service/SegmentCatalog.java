package io.streamlytics.console.segments.service;

import io.streamlytics.console.segments.domain.Segment;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The segments' definitions in PostgreSQL. */
@Repository
class SegmentCatalog {
    private static final String COLUMNS =
            "id, project_id, name, kind, definition::text AS definition, refresh_minutes,"
                    + " refreshed_at, size";
    private final JdbcTemplate jdbc;

    SegmentCatalog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Segment create(
            long projectId, String name, String kind, String definition, int refreshMinutes) {
        try {
            return jdbc.queryForObject(
                    "INSERT INTO segments (project_id, name, kind, definition, refresh_minutes)"
                            + " VALUES (?, ?, ?, ?::jsonb, ?) RETURNING "
                            + COLUMNS,
                    SegmentCatalog::segment,
                    projectId,
                    name,
                    kind,
                    definition,
                    refreshMinutes);
        } catch (DuplicateKeyException e) {
            throw new IllegalArgumentException("the project already has a segment named " + name);
        }
    }

    /** A dynamic segment's new name, definition and refresh; false when there is no such one. */
    boolean update(long projectId, long id, String name, String definition, int refreshMinutes) {
        try {
            return jdbc.update(
                            "UPDATE segments SET name = ?, definition = ?::jsonb, refresh_minutes = ?"
                                    + " WHERE project_id = ? AND id = ? AND kind = 'dynamic'",
                            name,
                            definition,
                            refreshMinutes,
                            projectId,
                            id)
                    > 0;
        } catch (DuplicateKeyException e) {
            throw new IllegalArgumentException("the project already has a segment named " + name);
        }
    }

    List<Segment> all(long projectId) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM segments WHERE project_id = ? ORDER BY name",
                SegmentCatalog::segment,
                projectId);
    }

    Optional<Segment> find(long projectId, long id) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM segments WHERE project_id = ? AND id = ?",
                        SegmentCatalog::segment,
                        projectId,
                        id)
                .stream()
                .findFirst();
    }

    /** Dynamic segments whose refresh is due at {@code now}, the longest waiting first. */
    List<Segment> due(Instant now) {
        return jdbc.query(
                "SELECT "
                        + COLUMNS
                        + " FROM segments WHERE kind = 'dynamic' AND (refreshed_at IS NULL OR"
                        + " refreshed_at + refresh_minutes * interval '1 minute' <= ?)"
                        + " ORDER BY refreshed_at NULLS FIRST LIMIT 100",
                SegmentCatalog::segment,
                Timestamp.from(now));
    }

    void refreshed(long id, Instant at, long size) {
        jdbc.update(
                "UPDATE segments SET refreshed_at = ?, size = ? WHERE id = ?",
                Timestamp.from(at),
                size,
                id);
    }

    boolean delete(long projectId, long id) {
        return jdbc.update("DELETE FROM segments WHERE project_id = ? AND id = ?", projectId, id)
                > 0;
    }

    private static Segment segment(ResultSet row, int i) throws SQLException {
        Timestamp refreshed = row.getTimestamp("refreshed_at");
        long size = row.getLong("size");
        return new Segment(
                row.getLong("id"),
                row.getLong("project_id"),
                row.getString("name"),
                row.getString("kind"),
                row.getString("definition"),
                row.getInt("refresh_minutes"),
                refreshed == null ? null : refreshed.toInstant(),
                row.wasNull() ? null : size);
    }
}
