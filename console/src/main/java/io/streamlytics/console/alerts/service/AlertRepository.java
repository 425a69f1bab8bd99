package io.streamlytics.console.alerts.service;

import io.streamlytics.console.alerts.domain.Alert;
import io.streamlytics.console.alerts.domain.AlertState;
import io.streamlytics.console.alerts.domain.Delivery;
import io.streamlytics.console.alerts.domain.HistoryEntry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Alerts, their history and their deliveries in PostgreSQL (migration V7). */
@Repository
public class AlertRepository {
    private static final RowMapper<Alert> ALERT = AlertRepository::alert;
    private final JdbcTemplate jdbc;

    AlertRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The rule's open alert for the key, locked for the transaction. */
    Optional<Alert> lockOpen(long project, String ruleId, String key) {
        return jdbc
                .query(
                        "SELECT * FROM alerts WHERE project_id = ? AND rule_id = ? AND alert_key = ?"
                                + " AND state <> 'resolved' FOR UPDATE",
                        ALERT,
                        project,
                        ruleId,
                        key)
                .stream()
                .findFirst();
    }

    /** Alerts due by {@code now}, locked; other console processes skip them. */
    List<Alert> lockDue(Instant now, int limit) {
        return jdbc.query(
                "SELECT * FROM alerts WHERE due_at <= ? ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED",
                ALERT,
                ts(now),
                limit);
    }

    /**
     * When a group's message about this alert goes out: with a group-mate's that is already waiting
     * (same rule, and key when grouped by key, in the same change), else after the group's wait.
     * Alerts of a group that fire (or resolve) close together so share one message.
     */
    Instant groupDue(Alert alert, boolean byKey, Duration groupWait, Instant now) {
        boolean resolving = alert.state() == AlertState.RESOLVED;
        String sql =
                "SELECT min(due_at) FROM alerts WHERE project_id = ? AND rule_id = ?"
                        + " AND state = ? AND notified_state = ? AND due_at > ? AND id <> ?";
        List<Object> args =
                new ArrayList<>(
                        List.of(
                                alert.projectId(),
                                alert.ruleId(),
                                alert.state().dbName(),
                                resolving ? "firing" : "",
                                ts(now),
                                alert.id()));
        if (byKey) {
            sql += " AND alert_key = ?";
            args.add(alert.key());
        }
        Timestamp waiting = jdbc.queryForObject(sql, Timestamp.class, args.toArray());
        return waiting != null ? waiting.toInstant() : now.plus(groupWait);
    }

    long insert(Alert a) {
        return jdbc.queryForObject(
                "INSERT INTO alerts (project_id, rule_id, rule_version, alert_key, severity, policy,"
                        + " state, summary, value, detections, event_at, started_at,"
                        + " last_detected_at, fires_at, fired_at, resolve_after_ms, due_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                Long.class,
                a.projectId(),
                a.ruleId(),
                a.ruleVersion(),
                a.key(),
                a.severity(),
                a.policy(),
                a.state().dbName(),
                a.summary(),
                a.value(),
                ts(a.eventAt()),
                ts(a.startedAt()),
                ts(a.lastDetectedAt()),
                ts(a.firesAt()),
                ts(a.firedAt()),
                a.resolveAfter() == null ? null : a.resolveAfter().toMillis(),
                ts(a.dueAt()));
    }

    /** A repeated detection of an open alert: counted, its latest numbers kept. */
    void detectedAgain(long id, String summary, double value, Instant eventAt, Instant now) {
        jdbc.update(
                "UPDATE alerts SET detections = detections + 1, summary = ?, value = ?,"
                        + " event_at = greatest(event_at, ?), last_detected_at = ? WHERE id = ?",
                summary,
                value,
                ts(eventAt),
                ts(now),
                id);
    }

    /** Writes what the engine decides: state, times, what was notified, when it is due next. */
    void update(Alert a) {
        jdbc.update(
                "UPDATE alerts SET state = ?, fired_at = ?, resolved_at = ?, notified_state = ?,"
                        + " notified_level = ?, due_at = ? WHERE id = ?",
                a.state().dbName(),
                ts(a.firedAt()),
                ts(a.resolvedAt()),
                a.notifiedState(),
                a.notifiedLevel(),
                ts(a.dueAt()),
                a.id());
    }

    /** Marks the alert acknowledged; false when it is not open or already acknowledged. */
    boolean acknowledge(long project, long id, String by, Instant now) {
        return jdbc.update(
                        "UPDATE alerts SET acknowledged_at = ?, acknowledged_by = ?, due_at = ?"
                                + " WHERE project_id = ? AND id = ? AND state <> 'resolved'"
                                + " AND acknowledged_at IS NULL",
                        ts(now),
                        by,
                        ts(now),
                        project,
                        id)
                == 1;
    }

    void history(long alertId, String what, String detail) {
        jdbc.update(
                "INSERT INTO alert_history (alert_id, what, detail) VALUES (?, ?, ?)",
                alertId,
                what,
                detail);
    }

    Optional<Alert> find(long project, long id) {
        return jdbc
                .query("SELECT * FROM alerts WHERE project_id = ? AND id = ?", ALERT, project, id)
                .stream()
                .findFirst();
    }

    Optional<Alert> find(long id) {
        return jdbc.query("SELECT * FROM alerts WHERE id = ?", ALERT, id).stream().findFirst();
    }

    /** The project's alerts, newest first; {@code states} empty for all. */
    List<Alert> list(long project, List<AlertState> states, int limit) {
        if (states.isEmpty()) {
            return jdbc.query(
                    "SELECT * FROM alerts WHERE project_id = ? ORDER BY id DESC LIMIT ?",
                    ALERT,
                    project,
                    limit);
        }
        return jdbc.query(
                "SELECT * FROM alerts WHERE project_id = ? AND state = ANY (?) ORDER BY id DESC"
                        + " LIMIT ?",
                ps -> {
                    ps.setLong(1, project);
                    ps.setArray(
                            2,
                            ps.getConnection()
                                    .createArrayOf(
                                            "text",
                                            states.stream().map(AlertState::dbName).toArray()));
                    ps.setInt(3, limit);
                },
                ALERT);
    }

    List<HistoryEntry> historyOf(long alertId) {
        return jdbc.query(
                "SELECT at, what, detail FROM alert_history WHERE alert_id = ? ORDER BY id",
                (rs, i) ->
                        new HistoryEntry(
                                rs.getTimestamp("at").toInstant(),
                                rs.getString("what"),
                                rs.getString("detail")),
                alertId);
    }

    List<Delivery> deliveriesOf(long alertId) {
        return jdbc.query(
                "SELECT d.*, c.name FROM alert_deliveries d JOIN alert_channels c ON c.id ="
                        + " d.channel_id WHERE ? = ANY (d.alert_ids) ORDER BY d.id",
                (rs, i) ->
                        new Delivery(
                                rs.getLong("id"),
                                rs.getString("name"),
                                rs.getString("kind"),
                                rs.getString("status"),
                                rs.getInt("attempts"),
                                rs.getString("last_error"),
                                rs.getTimestamp("created_at").toInstant(),
                                instant(rs, "sent_at")),
                alertId);
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Alert alert(ResultSet rs, int row) throws SQLException {
        long resolveAfter = rs.getLong("resolve_after_ms");
        boolean noResolveAfter = rs.wasNull();
        return new Alert(
                rs.getLong("id"),
                rs.getLong("project_id"),
                rs.getString("rule_id"),
                rs.getInt("rule_version"),
                rs.getString("alert_key"),
                rs.getString("severity"),
                rs.getString("policy"),
                AlertState.of(rs.getString("state")),
                rs.getString("summary"),
                rs.getDouble("value"),
                rs.getInt("detections"),
                instant(rs, "event_at"),
                instant(rs, "started_at"),
                instant(rs, "last_detected_at"),
                instant(rs, "fires_at"),
                instant(rs, "fired_at"),
                instant(rs, "resolved_at"),
                noResolveAfter ? null : Duration.ofMillis(resolveAfter),
                instant(rs, "acknowledged_at"),
                rs.getString("acknowledged_by"),
                rs.getString("notified_state"),
                rs.getInt("notified_level"),
                instant(rs, "due_at"));
    }
}
