package io.streamlytics.console.reports.service;

import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.access.service.AuditLog;
import io.streamlytics.console.access.service.ProjectAccess;
import io.streamlytics.console.base.delivery.JsonPost;
import io.streamlytics.console.base.delivery.Mailers;
import io.streamlytics.console.insights.domain.ResultTable;
import io.streamlytics.console.insights.domain.SavedInsight;
import io.streamlytics.console.insights.service.InsightQueries;
import io.streamlytics.console.insights.service.InsightStore;
import io.streamlytics.console.reports.domain.Preset;
import io.streamlytics.console.reports.domain.Report;
import io.streamlytics.console.reports.domain.ReportDelivery;
import io.streamlytics.console.reports.domain.ReportFormat;
import io.streamlytics.console.reports.domain.ReportItem;
import io.streamlytics.console.reports.domain.ReportTable;
import io.streamlytics.core.config.PlatformConfig;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Delivers a report: runs its parts as its owner (so it stops when the owner may no longer read the
 * project), writes the files, emails them and POSTs them to the webhook, and records each delivery,
 * sent or failed, in the report's history.
 */
@Service
public class ReportRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ReportRunner.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private final ReportStore store;
    private final ProjectAccess access;
    private final AuditLog audit;
    private final InsightStore insights;
    private final InsightQueries queries;
    private final PlatformConfig.Smtp smtp;
    private final JavaMailSenderImpl mail;
    private final String linkBase;
    private final Clock clock;

    public ReportRunner(
            ReportStore store,
            ProjectAccess access,
            AuditLog audit,
            InsightStore insights,
            InsightQueries queries,
            PlatformConfig config,
            Clock clock) {
        this.store = store;
        this.access = access;
        this.audit = audit;
        this.insights = insights;
        this.queries = queries;
        this.smtp = config.alerts().smtp();
        this.mail = Mailers.of(smtp);
        this.linkBase = config.alerts().linkBase(config.console().port());
        this.clock = clock;
    }

    /** "Send now": delivers the report at once, whatever its schedule. */
    public List<ReportDelivery> sendNow(Actor actor, long projectId, long reportId) {
        access.requireEdit(actor, projectId);
        Report report =
                store.find(actor, projectId, reportId)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "There is no report " + reportId + " any more."));
        return deliver(report, "manual", clock.instant());
    }

    /** The report's parts as tables, run as {@code actor}. */
    public List<ReportTable> tables(Actor actor, Report report) {
        access.requireRead(actor, report.projectId());
        List<ReportTable> tables = new ArrayList<>();
        for (ReportItem item : report.items()) {
            tables.add(table(actor, report.projectId(), item));
        }
        return tables;
    }

    /** Delivers the report to each of its channels; what happened, as recorded. */
    List<ReportDelivery> deliver(Report report, String trigger, Instant scheduledFor) {
        long started = System.nanoTime();
        List<Attachment> files;
        List<ReportTable> tables;
        try {
            Actor owner = access.actor(report.owner());
            tables = tables(owner, report);
            files = files(report, tables, scheduledFor);
            audit.record(owner, report.projectId(), "deliver report", report.name());
        } catch (AccessDeniedException e) {
            return failed(
                    report,
                    trigger,
                    scheduledFor,
                    started,
                    "It runs as "
                            + report.owner()
                            + ", who may no longer read this project: "
                            + e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("report {} could not be made", report.id(), e);
            return failed(
                    report,
                    trigger,
                    scheduledFor,
                    started,
                    "The report could not be made: " + e.getMessage());
        }
        List<ReportDelivery> done = new ArrayList<>();
        String names = String.join(", ", files.stream().map(Attachment::filename).toList());
        if (!report.emails().isEmpty()) {
            done.add(
                    attempt(
                            report,
                            trigger,
                            scheduledFor,
                            "email",
                            String.join(", ", report.emails()),
                            names,
                            () -> email(report, tables, files, scheduledFor)));
        }
        if (!report.webhookUrl().isEmpty()) {
            done.add(
                    attempt(
                            report,
                            trigger,
                            scheduledFor,
                            "webhook",
                            report.webhookUrl(),
                            names,
                            () -> webhook(report, tables, files, scheduledFor)));
        }
        return done;
    }

    private ReportTable table(Actor actor, long projectId, ReportItem item) {
        if (item.preset() != null) {
            Preset preset =
                    Preset.of(item.preset())
                            .orElseThrow(
                                    () ->
                                            new IllegalArgumentException(
                                                    "no preset " + item.preset()));
            return run(projectId, preset.title(), preset.analysis(), preset.query());
        }
        SavedInsight insight = insights.find(actor, projectId, item.insightId()).orElse(null);
        if (insight == null) {
            return new ReportTable(
                    "Insight " + item.insightId() + " (deleted)",
                    List.of("note"),
                    List.of(List.of("This insight was deleted: edit the report to remove it.")));
        }
        return run(projectId, insight.name(), insight.kind(), insight.query());
    }

    private ReportTable run(long projectId, String title, String analysis, String query) {
        JsonNode answer = JSON.readTree(queries.run(projectId, analysis, query));
        ResultTable table = ResultTable.of(answer.path("kind").asString(), answer.path("result"));
        return new ReportTable(title, table.columns(), table.rows());
    }

    private record Attachment(String filename, String contentType, byte[] bytes) {}

    private List<Attachment> files(Report report, List<ReportTable> tables, Instant when) {
        String stem =
                slug(report.name()) + "-" + when.atZone(report.schedule().zone()).toLocalDate();
        List<Attachment> files = new ArrayList<>();
        if (report.formats().contains(ReportFormat.CSV)) {
            for (int i = 0; i < tables.size(); i++) {
                files.add(
                        new Attachment(
                                stem + "-" + (i + 1) + "-" + slug(tables.get(i).title()) + ".csv",
                                "text/csv",
                                ReportFiles.csv(tables.get(i))));
            }
        }
        if (report.formats().contains(ReportFormat.PDF)) {
            files.add(
                    new Attachment(
                            stem + ".pdf",
                            "application/pdf",
                            ReportFiles.pdf(report.name(), subtitle(report, when), tables)));
        }
        return files;
    }

    private void email(
            Report report, List<ReportTable> tables, List<Attachment> files, Instant when)
            throws Exception {
        Mailers.requireConfigured(smtp);
        MimeMessage message = mail.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
        helper.setFrom(smtp.from());
        helper.setTo(report.emails().toArray(String[]::new));
        helper.setSubject("Report: " + report.name());
        StringBuilder text = new StringBuilder(report.name()).append('\n');
        text.append(subtitle(report, when)).append("\n\n");
        for (ReportTable table : tables) {
            text.append("- ")
                    .append(table.title())
                    .append(": ")
                    .append(table.rows().size())
                    .append(" rows\n");
        }
        text.append("\nThe report in the console: ").append(link(report)).append('\n');
        helper.setText(text.toString());
        for (Attachment file : files) {
            helper.addAttachment(
                    file.filename(), new ByteArrayResource(file.bytes()), file.contentType());
        }
        mail.send(message);
    }

    /**
     * {@code {"report": {id, name, project, link}, "scheduled_for", "tables": [{title, columns,
     * rows}], "attachments": [{filename, content_type, base64}]}}, signed under the report's
     * secret.
     */
    private void webhook(
            Report report, List<ReportTable> tables, List<Attachment> files, Instant when)
            throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("report")
                .put("id", report.id())
                .put("name", report.name())
                .put("project", report.projectId())
                .put("link", link(report));
        body.put("scheduled_for", when.toString());
        ArrayNode parts = body.putArray("tables");
        for (ReportTable table : tables) {
            ObjectNode part = parts.addObject().put("title", table.title());
            table.columns().forEach(part.putArray("columns")::add);
            ArrayNode rows = part.putArray("rows");
            for (List<String> row : table.rows()) {
                row.forEach(rows.addArray()::add);
            }
        }
        ArrayNode attachments = body.putArray("attachments");
        for (Attachment file : files) {
            attachments
                    .addObject()
                    .put("filename", file.filename())
                    .put("content_type", file.contentType())
                    .put("base64", Base64.getEncoder().encodeToString(file.bytes()));
        }
        JsonPost.signed(
                "The webhook",
                report.webhookUrl(),
                report.webhookSecret(),
                "report-" + report.id() + "-" + when.toEpochMilli(),
                body.toString(),
                "streamlytics-reports",
                clock);
    }

    private interface Send {
        void run() throws Exception;
    }

    private ReportDelivery attempt(
            Report report,
            String trigger,
            Instant scheduledFor,
            String channel,
            String target,
            String names,
            Send send) {
        long started = System.nanoTime();
        String status = "sent";
        String detail = "";
        try {
            send.run();
        } catch (Exception e) {
            LOG.warn("report {} by {} failed", report.id(), channel, e);
            status = "failed";
            detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
        return store.record(
                new ReportDelivery(
                        0,
                        report.id(),
                        trigger,
                        scheduledFor,
                        channel,
                        target,
                        status,
                        detail,
                        names,
                        (System.nanoTime() - started) / 1_000_000,
                        clock.instant()));
    }

    private List<ReportDelivery> failed(
            Report report, String trigger, Instant scheduledFor, long started, String why) {
        List<ReportDelivery> done = new ArrayList<>();
        List<String[]> channels = new ArrayList<>();
        if (!report.emails().isEmpty()) {
            channels.add(new String[] {"email", String.join(", ", report.emails())});
        }
        if (!report.webhookUrl().isEmpty()) {
            channels.add(new String[] {"webhook", report.webhookUrl()});
        }
        for (String[] channel : channels) {
            done.add(
                    store.record(
                            new ReportDelivery(
                                    0,
                                    report.id(),
                                    trigger,
                                    scheduledFor,
                                    channel[0],
                                    channel[1],
                                    "failed",
                                    why,
                                    "",
                                    (System.nanoTime() - started) / 1_000_000,
                                    clock.instant())));
        }
        return done;
    }

    private String subtitle(Report report, Instant when) {
        return "Project "
                + report.projectId()
                + " · "
                + WHEN.format(when.atZone(report.schedule().zone()))
                + " "
                + report.schedule().zone().getId()
                + " · schedule "
                + report.schedule().cron();
    }

    private String link(Report report) {
        return linkBase + "/reports/" + report.id() + "?project=" + report.projectId();
    }

    /** A name as a file name: lower case letters, digits and dashes. */
    static String slug(String name) {
        String slug =
                name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return slug.isEmpty() ? "report" : slug.substring(0, Math.min(60, slug.length()));
    }
}
