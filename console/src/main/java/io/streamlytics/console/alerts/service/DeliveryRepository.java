package io.streamlytics.console.alerts.service;

import static io.streamlytics.console.alerts.service.AlertRepository.ts;

import io.streamlytics.console.alerts.domain.NoticeKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The outbox of notifications: written with the decision, claimed and sent after it commits. */
@Repository
class DeliveryRepository {
    /** A claimed delivery: the channel, the alerts it tells of, and the message. */
    record Claimed(
            long id, long channelId, Long[] alertIds, String kind, String payload, int attempts) {}

    private final JdbcTemplate jdbc;

    DeliveryRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(
            long project, long channelId, List<Long> alertIds, NoticeKind kind, String payload) {
        jdbc.update(
                "INSERT INTO alert_deliveries (project_id, channel_id, alert_ids, kind, payload)"
                        + " VALUES (?, ?, ?, ?, ?)",
                ps -> {
                    ps.setLong(1, project);
                    ps.setLong(2, channelId);
                    ps.setArray(3, ps.getConnection().createArrayOf("bigint", alertIds.toArray()));
                    ps.setString(4, kind.dbName());
                    ps.setString(5, payload);
                });
    }

    /**
     * Takes up to {@code limit} due deliveries for {@code lease}: another process (or this one
     * after a crash) sends them again only when the lease ran out without a result.
     */
    List<Claimed> claim(Instant now, Duration lease, int limit) {
        return jdbc.query(
                "UPDATE alert_deliveries SET attempts = attempts + 1, next_attempt_at = ?"
                        + " WHERE id IN (SELECT id FROM alert_deliveries WHERE status = 'pending'"
                        + " AND next_attempt_at <= ? ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED)"
                        + " RETURNING id, channel_id, alert_ids, kind, payload, attempts",
                (rs, i) ->
                        new Claimed(
                                rs.getLong("id"),
                                rs.getLong("channel_id"),
                                (Long[]) rs.getArray("alert_ids").getArray(),
                                rs.getString("kind"),
                                rs.getString("payload"),
                                rs.getInt("attempts")),
                ts(now.plus(lease)),
                ts(now),
                limit);
    }

    void sent(long id, Instant now) {
        jdbc.update(
                "UPDATE alert_deliveries SET status = 'sent', sent_at = ?, last_error = '' WHERE id = ?",
                ts(now),
                id);
    }

    void retryAt(long id, Instant at, String error) {
        jdbc.update(
                "UPDATE alert_deliveries SET next_attempt_at = ?, last_error = ? WHERE id = ?",
                ts(at),
                error,
                id);
    }

    void failed(long id, String error) {
        jdbc.update(
                "UPDATE alert_deliveries SET status = 'failed', last_error = ? WHERE id = ?",
                error,
                id);
    }
}
