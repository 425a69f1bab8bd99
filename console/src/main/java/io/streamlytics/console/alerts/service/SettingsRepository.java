package io.streamlytics.console.alerts.service;

import static io.streamlytics.console.alerts.service.AlertRepository.instant;
import static io.streamlytics.console.alerts.service.AlertRepository.ts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamlytics.console.alerts.domain.Channel;
import io.streamlytics.console.alerts.domain.ChannelKind;
import io.streamlytics.console.alerts.domain.MaintenanceWindow;
import io.streamlytics.console.alerts.domain.Policy;
import io.streamlytics.console.alerts.domain.Silence;
import java.sql.Time;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Channels, escalation policies, silences and maintenance windows in PostgreSQL. */
@Repository
public class SettingsRepository {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RowMapper<Channel> CHANNEL =
            (rs, i) ->
                    new Channel(
                            rs.getLong("id"),
                            rs.getLong("project_id"),
                            rs.getString("name"),
                            ChannelKind.of(rs.getString("kind")),
                            rs.getString("target"),
                            rs.getString("secret"));
    private static final RowMapper<Policy> POLICY =
            (rs, i) ->
                    new Policy(
                            rs.getLong("project_id"),
                            rs.getString("name"),
                            Policy.GroupBy.valueOf(
                                    rs.getString("group_by").toUpperCase(Locale.ROOT)),
                            Duration.ofMillis(rs.getLong("group_wait_ms")),
                            levels(rs.getString("levels")));
    private static final RowMapper<Silence> SILENCE =
            (rs, i) ->
                    new Silence(
                            rs.getLong("id"),
                            rs.getLong("project_id"),
                            rs.getString("rule_id"),
                            rs.getString("alert_key"),
                            instant(rs, "starts_at"),
                            instant(rs, "ends_at"),
                            rs.getString("comment"));
    private static final RowMapper<MaintenanceWindow> WINDOW =
            (rs, i) ->
                    new MaintenanceWindow(
                            rs.getLong("id"),
                            rs.getLong("project_id"),
                            rs.getString("name"),
                            rs.getString("rule_id"),
                            days(rs.getString("days")),
                            rs.getTime("starts").toLocalTime(),
                            Duration.ofMinutes(rs.getInt("duration_minutes")),
                            ZoneId.of(rs.getString("zone")));

    private final JdbcTemplate jdbc;

    SettingsRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    long insertChannel(Channel c) {
        return jdbc.queryForObject(
                "INSERT INTO alert_channels (project_id, name, kind, target, secret)"
                        + " VALUES (?, ?, ?, ?, ?) RETURNING id",
                Long.class,
                c.projectId(),
                c.name(),
                c.kind().dbName(),
                c.target(),
                c.secret());
    }

    List<Channel> channels(long project) {
        return jdbc.query(
                "SELECT * FROM alert_channels WHERE project_id = ? ORDER BY name",
                CHANNEL,
                project);
    }

    Optional<Channel> channel(long id) {
        return jdbc.query("SELECT * FROM alert_channels WHERE id = ?", CHANNEL, id).stream()
                .findFirst();
    }

    boolean deleteChannel(long project, String name) {
        return jdbc.update(
                        "DELETE FROM alert_channels WHERE project_id = ? AND name = ?",
                        project,
                        name)
                == 1;
    }

    void savePolicy(Policy p) {
        jdbc.update(
                "INSERT INTO alert_policies (project_id, name, group_by, group_wait_ms, levels)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (project_id, name) DO UPDATE SET"
                        + " group_by = excluded.group_by, group_wait_ms = excluded.group_wait_ms,"
                        + " levels = excluded.levels, updated_at = now()",
                p.projectId(),
                p.name(),
                p.groupBy().name().toLowerCase(Locale.ROOT),
                p.groupWait().toMillis(),
                levelsJson(p.levels()));
    }

    List<Policy> policies(long project) {
        return jdbc.query(
                "SELECT * FROM alert_policies WHERE project_id = ? ORDER BY name", POLICY, project);
    }

    Optional<Policy> policy(long project, String name) {
        return jdbc
                .query(
                        "SELECT * FROM alert_policies WHERE project_id = ? AND name = ?",
                        POLICY,
                        project,
                        name)
                .stream()
                .findFirst();
    }

    boolean deletePolicy(long project, String name) {
        return jdbc.update(
                        "DELETE FROM alert_policies WHERE project_id = ? AND name = ?",
                        project,
                        name)
                == 1;
    }

    long insertSilence(Silence s) {
        return jdbc.queryForObject(
                "INSERT INTO alert_silences (project_id, rule_id, alert_key, starts_at, ends_at,"
                        + " comment) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                Long.class,
                s.projectId(),
                s.ruleId(),
                s.key(),
                ts(s.startsAt()),
                ts(s.endsAt()),
                s.comment());
    }

    /** Silences that have not ended by {@code now}. */
    List<Silence> silences(long project, Instant now) {
        return jdbc.query(
                "SELECT * FROM alert_silences WHERE project_id = ? AND ends_at > ? ORDER BY id",
                SILENCE,
                project,
                ts(now));
    }

    /** Ends a silence now; false when there is no such silence. */
    boolean endSilence(long project, long id, Instant now) {
        return jdbc.update(
                        "UPDATE alert_silences SET ends_at = greatest(starts_at + interval '1"
                                + " millisecond', ?) WHERE project_id = ? AND id = ? AND ends_at > ?",
                        ts(now),
                        project,
                        id,
                        ts(now))
                == 1;
    }

    long insertWindow(MaintenanceWindow w) {
        return jdbc.queryForObject(
                "INSERT INTO alert_maintenance_windows (project_id, name, rule_id, days, starts,"
                        + " duration_minutes, zone) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                Long.class,
                w.projectId(),
                w.name(),
                w.ruleId(),
                w.days().stream()
                        .map(d -> Integer.toString(d.getValue()))
                        .sorted()
                        .collect(Collectors.joining(",")),
                Time.valueOf(w.starts()),
                (int) w.duration().toMinutes(),
                w.zone().getId());
    }

    List<MaintenanceWindow> windows(long project) {
        return jdbc.query(
                "SELECT * FROM alert_maintenance_windows WHERE project_id = ? ORDER BY id",
                WINDOW,
                project);
    }

    boolean deleteWindow(long project, long id) {
        return jdbc.update(
                        "DELETE FROM alert_maintenance_windows WHERE project_id = ? AND id = ?",
                        project,
                        id)
                == 1;
    }

    private static Set<DayOfWeek> days(String text) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        Arrays.stream(text.split(","))
                .map(d -> DayOfWeek.of(Integer.parseInt(d)))
                .forEach(days::add);
        return days;
    }

    private static String levelsJson(List<Policy.Level> levels) {
        try {
            return JSON.writeValueAsString(
                    levels.stream()
                            .map(
                                    l ->
                                            Map.of(
                                                    "after_ms", l.after().toMillis(),
                                                    "channels", l.channels()))
                            .toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Policy.Level> levels(String json) {
        try {
            List<Map<String, Object>> raw = JSON.readValue(json, new TypeReference<>() {});
            return raw.stream()
                    .map(
                            l ->
                                    new Policy.Level(
                                            Duration.ofMillis(
                                                    ((Number) l.get("after_ms")).longValue()),
                                            ((List<?>) l.get("channels"))
                                                    .stream().map(Object::toString).toList()))
                    .toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable levels in alert_policies: " + json, e);
        }
    }
}
