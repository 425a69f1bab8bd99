package io.streamlytics.console.reports.service;

import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.access.service.AuditLog;
import io.streamlytics.console.access.service.ProjectAccess;
import io.streamlytics.console.base.delivery.Addresses;
import io.streamlytics.console.insights.service.InsightStore;
import io.streamlytics.console.reports.domain.Preset;
import io.streamlytics.console.reports.domain.Report;
import io.streamlytics.console.reports.domain.ReportDelivery;
import io.streamlytics.console.reports.domain.ReportDraft;
import io.streamlytics.console.reports.domain.ReportFormat;
import io.streamlytics.console.reports.domain.ReportItem;
import io.streamlytics.console.reports.domain.ReportSchedule;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * Reports ({@code reports}) and their deliveries ({@code report_deliveries}): anyone who may open
 * the project sees them; analysts and admins make, change and send them. What is saved is checked
 * first: the schedule fires, the addresses and the URL are well formed, the insights exist.
 */
@Service
public class ReportStore {
    static final int MAX_ITEMS = 20;
    static final int MAX_EMAILS = 20;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS =
            "r.id, r.project_id, r.name, u.email AS owner, r.items::text AS items, r.cron,"
                    + " r.timezone, r.emails, r.webhook_url, r.webhook_secret, r.formats,"
                    + " r.enabled, r.next_run_at";
    private static final String FROM = " FROM reports r JOIN console_users u ON u.id = r.owner_id";

    private final JdbcTemplate jdbc;
    private final ProjectAccess access;
    private final AuditLog audit;
    private final InsightStore insights;
    private final Clock clock;

    public ReportStore(
            JdbcTemplate jdbc,
            ProjectAccess access,
            AuditLog audit,
            InsightStore insights,
            Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.audit = audit;
        this.insights = insights;
        this.clock = clock;
    }

    public List<Report> list(Actor actor, long projectId) {
        access.requireRead(actor, projectId);
        return jdbc.query(
                "SELECT " + COLUMNS + FROM + " WHERE r.project_id = ? ORDER BY r.name",
                ReportStore::row,
                projectId);
    }

    public Optional<Report> find(Actor actor, long projectId, long id) {
        access.requireRead(actor, projectId);
        return find(projectId, id);
    }

    /** A new report owned by {@code actor}, which runs as them. */
    public Report create(Actor actor, long projectId, ReportDraft draft) {
        access.requireEdit(actor, projectId);
        Checked checked = check(actor, projectId, draft);
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        try {
            Long id =
                    jdbc.queryForObject(
                            "INSERT INTO reports (project_id, name, owner_id, items, cron, timezone,"
                                    + " emails, webhook_url, webhook_secret, formats, enabled,"
                                    + " next_run_at) VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?)"
                                    + " RETURNING id",
                            Long.class,
                            projectId,
                            checked.name,
                            actor.userId(),
                            checked.items,
                            checked.schedule.cron(),
                            checked.schedule.zone().getId(),
                            checked.emails,
                            checked.webhookUrl,
                            "whsec_" + HexFormat.of().formatHex(secret),
                            checked.formats,
                            draft.enabled(),
                            Timestamp.from(checked.schedule.next(clock.instant())));
            audit.record(actor, projectId, "create report", checked.name);
            return find(projectId, id).orElseThrow();
        } catch (DuplicateKeyException e) {
            throw duplicate(checked.name);
        }
    }

    /** Changes the report; its next delivery follows the (new) schedule from now. */
    public Report update(Actor actor, long projectId, long id, ReportDraft draft) {
        access.requireEdit(actor, projectId);
        Checked checked = check(actor, projectId, draft);
        try {
            int changed =
                    jdbc.update(
                            "UPDATE reports SET name = ?, items = ?::jsonb, cron = ?, timezone = ?,"
                                    + " emails = ?, webhook_url = ?, formats = ?, enabled = ?,"
                                    + " next_run_at = ? WHERE project_id = ? AND id = ?",
                            checked.name,
                            checked.items,
                            checked.schedule.cron(),
                            checked.schedule.zone().getId(),
                            checked.emails,
                            checked.webhookUrl,
                            checked.formats,
                            draft.enabled(),
                            Timestamp.from(checked.schedule.next(clock.instant())),
                            projectId,
                            id);
            if (changed == 0) {
                throw new IllegalArgumentException("There is no report " + id + " any more.");
            }
        } catch (DuplicateKeyException e) {
            throw duplicate(checked.name);
        }
        audit.record(actor, projectId, "change report", checked.name);
        return find(projectId, id).orElseThrow();
    }

    public void delete(Actor actor, long projectId, long id) {
        access.requireEdit(actor, projectId);
        if (jdbc.update("DELETE FROM reports WHERE project_id = ? AND id = ?", projectId, id) > 0) {
            audit.record(actor, projectId, "delete report", Long.toString(id));
        }
    }

    /** The report's latest deliveries, newest first. */
    public List<ReportDelivery> history(Actor actor, long projectId, long id, int limit) {
        access.requireRead(actor, projectId);
        return jdbc.query(
                "SELECT d.* FROM report_deliveries d JOIN reports r ON r.id = d.report_id"
                        + " WHERE r.project_id = ? AND r.id = ? ORDER BY d.id DESC LIMIT ?",
                ReportStore::delivery,
                projectId,
                id,
                limit);
    }

    /** Enabled reports whose schedule fired at or before {@code now}. */
    List<Report> due(Instant now) {
        return jdbc.query(
                "SELECT "
                        + COLUMNS
                        + FROM
                        + " WHERE r.enabled AND r.next_run_at <= ?"
                        + " ORDER BY r.next_run_at LIMIT 100",
                ReportStore::row,
                Timestamp.from(now));
    }

    /**
     * Moves a due report's next delivery on, if no other console did it first: the one that does
     * delivers it.
     */
    boolean claim(Report report, Instant next) {
        return jdbc.update(
                        "UPDATE reports SET next_run_at = ? WHERE id = ? AND next_run_at = ?"
                                + " AND enabled",
                        Timestamp.from(next),
                        report.id(),
                        Timestamp.from(report.nextRunAt()))
                == 1;
    }

    ReportDelivery record(ReportDelivery delivery) {
        return jdbc.queryForObject(
                "INSERT INTO report_deliveries (report_id, trigger, scheduled_for, channel, target,"
                        + " status, detail, attachments, took_ms, finished_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *",
                ReportStore::delivery,
                delivery.reportId(),
                delivery.trigger(),
                Timestamp.from(delivery.scheduledFor()),
                delivery.channel(),
                delivery.target(),
                delivery.status(),
                delivery.detail(),
                delivery.attachments(),
                delivery.tookMillis(),
                Timestamp.from(delivery.finishedAt()));
    }

    private Optional<Report> find(long projectId, long id) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + FROM + " WHERE r.project_id = ? AND r.id = ?",
                        ReportStore::row,
                        projectId,
                        id)
                .stream()
                .findFirst();
    }

    private record Checked(
            String name,
            String items,
            ReportSchedule schedule,
            String emails,
            String webhookUrl,
            String formats) {}

    private Checked check(Actor actor, long projectId, ReportDraft draft) {
        String name = draft.name() == null ? "" : draft.name().strip();
        if (name.isEmpty() || name.length() > 200) {
            throw new IllegalArgumentException("Give the report a name of 1 to 200 characters.");
        }
        if (draft.items() == null || draft.items().isEmpty()) {
            throw new IllegalArgumentException(
                    "Choose what the report holds: saved insights or presets such as DAU.");
        }
        if (draft.items().size() > MAX_ITEMS) {
            throw new IllegalArgumentException(
                    "A report holds at most " + MAX_ITEMS + " parts; split it in two.");
        }
        ArrayNode items = JSON.createArrayNode();
        for (ReportItem item : draft.items()) {
            if (item.preset() != null) {
                Preset.of(item.preset())
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "There is no preset " + item.preset() + "."));
                items.addObject().put("preset", item.preset());
            } else {
                insights.find(actor, projectId, item.insightId())
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "The saved insight "
                                                        + item.insightId()
                                                        + " is not in this project."));
                items.addObject().put("insight", item.insightId());
            }
        }
        ReportSchedule schedule = ReportSchedule.parse(draft.cron(), draft.timezone());
        List<String> emails = emails(draft.emails());
        String webhook = webhook(draft.webhookUrl());
        if (emails.isEmpty() && webhook == null) {
            throw new IllegalArgumentException(
                    "Say where the report goes: email addresses, a webhook URL, or both.");
        }
        if (draft.formats() == null || draft.formats().isEmpty()) {
            throw new IllegalArgumentException("Choose CSV, PDF or both.");
        }
        return new Checked(
                name,
                items.toString(),
                schedule,
                String.join(", ", emails),
                webhook,
                ReportFormat.text(draft.formats()));
    }

    private static List<String> emails(String text) {
        List<String> emails = Addresses.emails(text, "");
        if (emails.size() > MAX_EMAILS) {
            throw new IllegalArgumentException(
                    "At most " + MAX_EMAILS + " addresses: send to a mailing list instead.");
        }
        return emails;
    }

    private static String webhook(String text) {
        String url = Addresses.httpUrl(text, "The webhook URL: ");
        return url.isEmpty() ? null : url;
    }

    private static IllegalArgumentException duplicate(String name) {
        return new IllegalArgumentException("A report named " + name + " exists already.");
    }

    private static Report row(ResultSet row, int i) throws SQLException {
        List<ReportItem> items = new ArrayList<>();
        for (JsonNode item : JSON.readTree(row.getString("items"))) {
            items.add(
                    item.has("preset")
                            ? new ReportItem(0, item.path("preset").asString())
                            : ReportItem.insight(item.path("insight").asLong()));
        }
        String emails = row.getString("emails");
        return new Report(
                row.getLong("id"),
                row.getLong("project_id"),
                row.getString("name"),
                row.getString("owner"),
                items,
                ReportSchedule.stored(row.getString("cron"), row.getString("timezone")),
                emails.isBlank() ? List.of() : Arrays.asList(emails.split(",\\s*")),
                row.getString("webhook_url") == null ? "" : row.getString("webhook_url"),
                row.getString("webhook_secret"),
                ReportFormat.parse(row.getString("formats")),
                row.getBoolean("enabled"),
                row.getTimestamp("next_run_at").toInstant());
    }

    private static ReportDelivery delivery(ResultSet row, int i) throws SQLException {
        return new ReportDelivery(
                row.getLong("id"),
                row.getLong("report_id"),
                row.getString("trigger"),
                row.getTimestamp("scheduled_for").toInstant(),
                row.getString("channel"),
                row.getString("target"),
                row.getString("status"),
                row.getString("detail"),
                row.getString("attachments"),
                row.getLong("took_ms"),
                row.getTimestamp("finished_at").toInstant());
    }
}
