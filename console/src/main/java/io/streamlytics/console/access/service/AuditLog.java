package io.streamlytics.console.access.service;

import io.streamlytics.console.access.domain.Actor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** Writes who looked at, exported or changed what ({@code audit_log}). */
@Service
public class AuditLog {
    private final JdbcTemplate jdbc;

    public AuditLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One entry; {@code projectId} may be null for what is not a project's. */
    public void record(Actor actor, Long projectId, String action, String detail) {
        jdbc.update(
                "INSERT INTO audit_log (actor, project_id, action, detail) VALUES (?, ?, ?, ?)",
                actor.email(),
                projectId,
                action,
                detail);
    }
}
