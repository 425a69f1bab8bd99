package io.streamlytics.console.exports.service;

import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.access.domain.Role;
import io.streamlytics.console.access.service.AuditLog;
import io.streamlytics.console.access.service.ProjectAccess;
import io.streamlytics.console.base.delivery.Addresses;
import io.streamlytics.console.exports.domain.EventCursor;
import io.streamlytics.console.exports.domain.ExportFormat;
import io.streamlytics.console.exports.domain.ExportJob;
import io.streamlytics.console.exports.domain.ExportRequest;
import io.streamlytics.console.insights.domain.SavedInsight;
import io.streamlytics.console.insights.service.InsightStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Exports ({@code exports}) and their progress. Analysts and admins export (viewers look but do not
 * export); the API exports with its project's token. What is asked is checked before it is queued.
 */
@Service
public class ExportStore {
    /** Who the audit log and the list name for an export asked through the API. */
    public static final Actor API = new Actor(0, "API token", Role.ANALYST);

    /** How long a finished export's file is kept. */
    public static final Duration KEEP = Duration.ofDays(7);

    static final int MAX_DAYS = 366;
    static final int MAX_EVENTS = 50;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS =
            "id, project_id, requested_by, source, spec::text AS spec, format, status,"
                    + " rows_expected, rows_written, bytes, error, notify_email, notify_url,"
                    + " created_at, finished_at, expires_at";

    /**
     * How long a running export's console may be silent (a page takes seconds) before another
     * console takes the export over.
     */
    static final Duration STALE = Duration.ofMinutes(2);

    /** Queued, or running on a console that stopped saying so ({@code ?}: now minus STALE). */
    private static final String TAKEABLE =
            "(status = 'queued' OR heartbeat_at IS NULL OR heartbeat_at < ?)";

    private final JdbcTemplate jdbc;
    private final ProjectAccess access;
    private final AuditLog audit;
    private final InsightStore insights;

    public ExportStore(
            JdbcTemplate jdbc, ProjectAccess access, AuditLog audit, InsightStore insights) {
        this.jdbc = jdbc;
        this.access = access;
        this.audit = audit;
        this.insights = insights;
    }

    /** Queues an export for a person of the console; {@link #API} for the API's token. */
    ExportJob create(Actor actor, long projectId, ExportRequest request) {
        if (actor != API) {
            access.requireEdit(actor, projectId);
        }
        ObjectNode spec = JSON.createObjectNode();
        if (request.rawEvents()) {
            checkRange(request);
            spec.put("from", request.from().toString()).put("to", request.to().toString());
            request.events().forEach(spec.putArray("events")::add);
        } else {
            SavedInsight insight =
                    (actor == API
                                    ? insights.findInProject(projectId, request.insightId())
                                    : insights.find(actor, projectId, request.insightId()))
                            .orElseThrow(
                                    () ->
                                            new IllegalArgumentException(
                                                    "insight: there is no saved insight "
                                                            + request.insightId()
                                                            + " in this project"));
            spec.put("insight", insight.id()).put("name", insight.name());
            if (request.from() != null || request.to() != null) {
                checkRange(request);
                spec.put("from", request.from().toString()).put("to", request.to().toString());
            }
        }
        if (request.format() == null) {
            throw new IllegalArgumentException("format: choose csv, ndjson or parquet");
        }
        String email = email(request.notifyEmail());
        String url = url(request.notifyUrl());
        Long id =
                jdbc.queryForObject(
                        "INSERT INTO exports (project_id, requested_by, source, spec, format,"
                                + " notify_email, notify_url) VALUES (?, ?, ?, ?::jsonb, ?, ?, ?)"
                                + " RETURNING id",
                        Long.class,
                        projectId,
                        actor.email(),
                        request.rawEvents() ? "events" : "insight",
                        spec.toString(),
                        request.format().key(),
                        email,
                        url);
        audit.record(actor, projectId, "export", spec.toString());
        return find(projectId, id).orElseThrow();
    }

    /** The project's latest exports, newest first. */
    public List<ExportJob> list(Actor actor, long projectId, int limit) {
        access.requireRead(actor, projectId);
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM exports WHERE project_id = ? ORDER BY id DESC LIMIT ?",
                ExportStore::row,
                projectId,
                limit);
    }

    public Optional<ExportJob> find(Actor actor, long projectId, long id) {
        if (actor != API) {
            access.requireRead(actor, projectId);
        }
        return find(projectId, id);
    }

    /** An export's file may be downloaded: by analysts and admins of its project, or the API. */
    public ExportJob downloadable(Actor actor, long projectId, long id, Instant now) {
        if (actor != API) {
            access.requireEdit(actor, projectId);
        }
        ExportJob job =
                find(projectId, id)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "There is no export " + id + "."));
        if (!job.status().equals("done")) {
            throw new IllegalStateException(
                    "Export " + id + " is " + job.status() + ": its file is not ready.");
        }
        if (job.expiresAt() != null && !job.expiresAt().isAfter(now)) {
            throw new IllegalStateException(
                    "Export " + id + " expired on " + job.expiresAt() + ": export it again.");
        }
        audit.record(actor, projectId, "download export", Long.toString(id));
        return job;
    }

    /** The project an export belongs to, for a link that names only the export. */
    public Optional<Long> projectOf(long id) {
        return jdbc
                .queryForList("SELECT project_id FROM exports WHERE id = ?", Long.class, id)
                .stream()
                .findFirst();
    }

    Optional<ExportJob> find(long projectId, long id) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM exports WHERE project_id = ? AND id = ?",
                        ExportStore::row,
                        projectId,
                        id)
                .stream()
                .findFirst();
    }

    /** Exports not finished: queued, or running when the console stopped. */
    /**
     * Exports to run: queued ones, and running ones whose console has not said it runs them for
     * {@link #STALE} (it stopped).
     */
    List<ExportJob> unfinished(Instant now) {
        return jdbc.query(
                "SELECT "
                        + COLUMNS
                        + " FROM exports WHERE status = 'queued' OR (status = 'running'"
                        + " AND (heartbeat_at IS NULL OR heartbeat_at < ?)) ORDER BY id",
                ExportStore::row,
                Timestamp.from(now.minus(STALE)));
    }

    /**
     * Takes a queued export, or a running one whose console stopped, to run from the start for
     * {@code runner}; false when another console has it.
     */
    boolean start(ExportJob job, String runner, Instant now) {
        return claim(
                job,
                runner,
                now,
                "status = 'running', rows_written = 0, bytes = 0, resume_cursor = NULL,",
                "");
    }

    /**
     * Takes a running export whose console stopped, to go on from its checkpoint (its counts are
     * kept); false when another console has it.
     */
    boolean resume(ExportJob job, String runner, Instant now) {
        return claim(job, runner, now, "", "status = 'running' AND ");
    }

    /**
     * Makes {@code runner} the export's console if it may take it (and {@code when} holds), setting
     * {@code also} too.
     */
    private boolean claim(ExportJob job, String runner, Instant now, String also, String when) {
        return jdbc.update(
                        "UPDATE exports SET "
                                + also
                                + " started_at = ?, runner = ?, heartbeat_at = ? WHERE id = ? AND "
                                + when
                                + TAKEABLE,
                        Timestamp.from(now),
                        runner,
                        Timestamp.from(now),
                        job.id(),
                        Timestamp.from(now.minus(STALE)))
                == 1;
    }

    /** Where an events export stands after a complete page: counts, and the next page's cursor. */
    record Checkpoint(long rows, long bytes, EventCursor next) {}

    /** The running export's last checkpoint; empty when none was saved. */
    Optional<Checkpoint> checkpoint(long id) {
        return jdbc
                .query(
                        "SELECT rows_written, bytes, resume_cursor FROM exports"
                                + " WHERE id = ? AND status = 'running' AND resume_cursor IS NOT NULL",
                        (row, i) ->
                                new Checkpoint(
                                        row.getLong("rows_written"),
                                        row.getLong("bytes"),
                                        EventCursor.decode(row.getString("resume_cursor"))),
                        id)
                .stream()
                .findFirst();
    }

    void expect(long id, long rows) {
        jdbc.update("UPDATE exports SET rows_expected = ? WHERE id = ?", rows, id);
    }

    /**
     * Progress after a complete page; {@code next} (null: none, or not resumable) saved too, and
     * the runner's heartbeat.
     */
    void progress(long id, long rows, long bytes, EventCursor next, Instant now) {
        jdbc.update(
                "UPDATE exports SET rows_written = ?, bytes = ?, resume_cursor = ?,"
                        + " heartbeat_at = ? WHERE id = ?",
                rows,
                bytes,
                next == null ? null : next.encode(),
                Timestamp.from(now),
                id);
    }

    void done(long id, long rows, long bytes, Instant now) {
        jdbc.update(
                "UPDATE exports SET status = 'done', rows_written = ?, bytes = ?, finished_at = ?,"
                        + " expires_at = ? WHERE id = ?",
                rows,
                bytes,
                Timestamp.from(now),
                Timestamp.from(now.plus(KEEP)),
                id);
    }

    void failed(long id, String error, Instant now) {
        jdbc.update(
                "UPDATE exports SET status = 'failed', error = ?, finished_at = ? WHERE id = ?",
                error,
                Timestamp.from(now),
                id);
    }

    /** Says, on a finished export, that its notice could not be sent. */
    void noticeFailed(long id, String error) {
        jdbc.update(
                "UPDATE exports SET error = CASE WHEN error = '' THEN ? ELSE error || '; ' || ? END"
                        + " WHERE id = ?",
                error,
                error,
                id);
    }

    /** Finished exports whose files are due for deletion. */
    List<ExportJob> expired(Instant now) {
        return jdbc.query(
                "SELECT "
                        + COLUMNS
                        + " FROM exports WHERE status = 'done' AND expires_at <= ?"
                        + " AND bytes >= 0",
                ExportStore::row,
                Timestamp.from(now));
    }

    /** Marks an expired export's file as deleted (bytes -1), so it is not looked at again. */
    void deleted(long id) {
        jdbc.update("UPDATE exports SET bytes = -1 WHERE id = ?", id);
    }

    private static void checkRange(ExportRequest request) {
        if (request.from() == null || request.to() == null) {
            throw new IllegalArgumentException("from, to: give the first and the last day");
        }
        if (request.to().isBefore(request.from())) {
            throw new IllegalArgumentException("to: the last day comes before the first");
        }
        if (ChronoUnit.DAYS.between(request.from(), request.to()) >= MAX_DAYS) {
            throw new IllegalArgumentException(
                    "from, to: at most " + MAX_DAYS + " days an export; split it by year");
        }
        if (request.events() != null && request.events().size() > MAX_EVENTS) {
            throw new IllegalArgumentException(
                    "events: at most " + MAX_EVENTS + " event names, or none for every event");
        }
    }

    private static String email(String text) {
        List<String> emails = Addresses.emails(text, "notify_email: ");
        if (emails.size() > 1) {
            throw new IllegalArgumentException("notify_email: one address");
        }
        return emails.isEmpty() ? "" : emails.get(0);
    }

    private static String url(String text) {
        return Addresses.httpUrl(text, "notify_url: ");
    }

    private static ExportJob row(ResultSet row, int i) throws SQLException {
        Object expected = row.getObject("rows_expected");
        Timestamp finished = row.getTimestamp("finished_at");
        Timestamp expires = row.getTimestamp("expires_at");
        return new ExportJob(
                row.getLong("id"),
                row.getLong("project_id"),
                row.getString("requested_by"),
                row.getString("source"),
                row.getString("spec"),
                ExportFormat.of(row.getString("format")),
                row.getString("status"),
                expected == null ? null : ((Number) expected).longValue(),
                row.getLong("rows_written"),
                row.getLong("bytes"),
                row.getString("error"),
                row.getString("notify_email"),
                row.getString("notify_url"),
                row.getTimestamp("created_at").toInstant(),
                finished == null ? null : finished.toInstant(),
                expires == null ? null : expires.toInstant());
    }
}
