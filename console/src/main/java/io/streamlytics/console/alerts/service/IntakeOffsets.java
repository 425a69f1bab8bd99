package io.streamlytics.console.alerts.service;

import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * How far the engine has applied Kafka {@code alerts}, per partition, kept in the same PostgreSQL
 * transaction as what the records changed: a record is applied once, whatever crashes.
 */
@Repository
class IntakeOffsets {
    private final JdbcTemplate jdbc;

    IntakeOffsets(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Next offset to apply per partition; call inside the transaction that applies records. */
    Map<Integer, Long> lock(String topic) {
        return read(topic, " FOR UPDATE");
    }

    /** Next offset to apply per partition, as last committed. */
    Map<Integer, Long> stored(String topic) {
        return read(topic, "");
    }

    private Map<Integer, Long> read(String topic, String locking) {
        Map<Integer, Long> next = new HashMap<>();
        jdbc.query(
                "SELECT partition, next_offset FROM alert_offsets WHERE topic = ?" + locking,
                rs -> {
                    next.put(rs.getInt(1), rs.getLong(2));
                },
                topic);
        return next;
    }

    void save(String topic, Map<Integer, Long> next) {
        next.forEach(
                (partition, offset) ->
                        jdbc.update(
                                "INSERT INTO alert_offsets (topic, partition, next_offset)"
                                        + " VALUES (?, ?, ?) ON CONFLICT (topic, partition)"
                                        + " DO UPDATE SET next_offset = excluded.next_offset",
                                topic,
                                partition,
                                offset));
    }
}
