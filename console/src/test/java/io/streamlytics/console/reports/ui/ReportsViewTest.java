package io.streamlytics.console.reports.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import io.streamlytics.console.ConsoleViewTest;
import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.insights.domain.SavedInsight;
import io.streamlytics.console.insights.service.InsightStore;
import io.streamlytics.console.insights.service.ProjectTimezones;
import io.streamlytics.console.reports.domain.Preset;
import io.streamlytics.console.reports.domain.Report;
import io.streamlytics.console.reports.domain.ReportDelivery;
import io.streamlytics.console.reports.domain.ReportDraft;
import io.streamlytics.console.reports.domain.ReportFormat;
import io.streamlytics.console.reports.domain.ReportItem;
import io.streamlytics.console.reports.service.ReportRunner;
import io.streamlytics.console.reports.service.ReportScheduler;
import io.streamlytics.console.reports.service.ReportStore;
import io.streamlytics.devstack.HttpReceiver;
import io.streamlytics.devstack.Ports;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Reports with Karibu on the console's services, real ClickHouse and PostgreSQL, an in-process SMTP
 * server (GreenMail) and a real HTTP receiver: made in the page, sent now and on schedule, with CSV
 * and PDF files, a signed webhook, and each delivery in the history.
 */
class ReportsViewTest extends ConsoleViewTest {
    private static final Duration SOON = Duration.ofSeconds(15);
    private static GreenMail smtp;
    private static HttpReceiver receiver;

    @Autowired private ReportStore reports;
    @Autowired private ReportRunner runner;
    @Autowired private ReportScheduler scheduler;
    @Autowired private InsightStore insights;
    @Autowired private ProjectTimezones timezones;

    @BeforeAll
    static void receivers() {
        smtp = new GreenMail(new ServerSetup(Ports.free(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        receiver = new HttpReceiver();
    }

    @AfterAll
    static void stopReceivers() {
        receiver.close();
        smtp.stop();
    }

    @DynamicPropertySource
    static void smtpProperties(DynamicPropertyRegistry registry) {
        registry.add("ANALYTICS_SMTP_HOST", () -> "127.0.0.1");
        registry.add("ANALYTICS_SMTP_PORT", () -> Integer.toString(smtp.getSmtp().getPort()));
        registry.add("ANALYTICS_SMTP_FROM", () -> "reports@example.com");
        // the tests call the scheduler themselves
        registry.add("ANALYTICS_REPORTS_CHECK_MS", () -> "3600000");
    }

    @Test
    void aReportMadeInThePageIsSentByEmailAndWebhookWithItsFilesAndRecorded() throws Exception {
        TestProject shop = newProject("Reports shop");
        long now = System.currentTimeMillis() / 1000;
        insert(
                String.format(
                        "{\"project_id\":%1$d,\"insert_id\":\"rp-1\",\"event\":\"signed_up\",\"distinct_id\":\"ann\",\"timestamp\":%2$d,\"received_at\":%2$d}%n"
                                + "{\"project_id\":%1$d,\"insert_id\":\"rp-2\",\"event\":\"signed_up\",\"distinct_id\":\"bob\",\"timestamp\":%2$d,\"received_at\":%2$d}%n"
                                + "{\"project_id\":%1$d,\"insert_id\":\"rp-3\",\"event\":\"viewed\",\"distinct_id\":\"ann\",\"timestamp\":%2$d,\"received_at\":%2$d}%n",
                        shop.id(), now - 60));
        long analyst = signIn("reporter@example.com", "analyst");
        access.addMember(shop.id(), analyst);
        Actor actor = access.current();
        SavedInsight signups =
                insights.save(
                        actor,
                        shop.id(),
                        "Sign-ups",
                        "trends",
                        "{\"version\": 1, \"range\": {\"last\": \"7d\"}, \"series\": [{\"event\": \"signed_up\"}]}",
                        "line");
        ReportsView view = new ReportsView(reports, runner, insights, timezones, access);
        UI.getCurrent().add(view);
        view.open(shop.id(), null);
        assertThat(status())
                .as("the empty state says what to do")
                .startsWith("No report yet: choose presets or saved insights");

        ReportForm form = _get(ReportForm.class, spec -> spec.withId("report-form"));
        form.name.setValue("Weekly KPIs");
        form.presets.setValue(Set.of(Preset.RETENTION, Preset.DAU));
        form.insights.setValue(Set.of(signups));
        form.emails.setValue("team@example.com, cfo@example.com");
        form.webhook.setValue("not a url");
        view.save();
        assertThat(status())
                .startsWith("The webhook URL: an http:// or https:// address, not not a url");

        form.webhook.setValue(receiver.url("/reports/kpis"));
        view.save();
        assertThat(status()).startsWith("Saved: next sent ");
        Report report = reports.list(actor, shop.id()).get(0);
        assertThat(report.items())
                .as("presets in their usual order, then saved insights")
                .containsExactly(
                        ReportItem.preset(Preset.DAU),
                        ReportItem.preset(Preset.RETENTION),
                        ReportItem.insight(signups.id()));
        assertThat(report.schedule().cron()).isEqualTo("0 9 * * MON");
        assertThat(report.schedule().zone()).isEqualTo(timezones.of(shop.id()));

        view.open(shop.id(), report.id());
        view.sendNow();
        assertThat(status())
                .isEqualTo(
                        "email sent to team@example.com, cfo@example.com; webhook sent to "
                                + receiver.url("/reports/kpis")
                                + ".");

        assertThat(smtp.waitForIncomingEmail(SOON.toMillis(), 2)).isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("Report: Weekly KPIs");
        Map<String, byte[]> files = attachments(mail);
        String day = java.time.LocalDate.now(timezones.of(shop.id())).toString();
        assertThat(files.keySet())
                .containsExactly(
                        "weekly-kpis-" + day + "-1-daily-active-people.csv",
                        "weekly-kpis-" + day + "-2-weekly-retention.csv",
                        "weekly-kpis-" + day + "-3-sign-ups.csv",
                        "weekly-kpis-" + day + ".pdf");
        String dau = new String(files.get(csvNamed(files, "daily-active")), StandardCharsets.UTF_8);
        assertThat(dau).startsWith("bucket,A · * · dau\r\n").contains(day + ",2\r\n");
        String signupCsv =
                new String(files.get(csvNamed(files, "sign-ups")), StandardCharsets.UTF_8);
        assertThat(signupCsv).startsWith("bucket,A · signed_up · total\r\n").contains(",2\r\n");
        String pdf = pdfText(files.get("weekly-kpis-" + day + ".pdf"));
        assertThat(pdf)
                .contains("Weekly KPIs")
                .contains("Daily active people")
                .contains("Weekly retention")
                .contains("Sign-ups");

        HttpReceiver.Request hook = receiver.next("/reports/kpis", SOON);
        assertThat(hook).isNotNull();
        assertThat(hook.headers().get("x-streamlytics-signature"))
                .as("signed with the secret the page shows")
                .isEqualTo(
                        "v1="
                                + hmac(
                                        report.webhookSecret(),
                                        hook.headers().get("x-streamlytics-timestamp")
                                                + "."
                                                + hook.body()));
        assertThat(_get(Span.class, spec -> spec.withId("webhook-secret")).getText())
                .contains(report.webhookSecret());
        JsonNode body = JSON.readTree(hook.body());
        assertThat(body.path("report").path("name").asText()).isEqualTo("Weekly KPIs");
        assertThat(body.path("tables")).hasSize(3);
        assertThat(body.path("tables").path(2).path("title").asText()).isEqualTo("Sign-ups");
        assertThat(body.path("attachments")).hasSize(4);
        assertThat(
                        Base64.getDecoder()
                                .decode(body.path("attachments").path(3).path("base64").asText()))
                .as("the same files as the email's")
                .isEqualTo(files.get("weekly-kpis-" + day + ".pdf"));

        @SuppressWarnings("unchecked")
        Grid<ReportDelivery> history = _get(Grid.class, spec -> spec.withId("report-history"));
        assertThat(history.getGenericDataView().getItems().map(ReportDelivery::status))
                .containsExactly("sent", "sent");
        assertThat(history.getGenericDataView().getItems().map(ReportDelivery::trigger))
                .containsOnly("manual");
    }

    @Test
    void theSchedulerDeliversADueReportOnceAndFailuresAreRecordedWithTheirReason()
            throws Exception {
        TestProject shop = newProject("Scheduled reports");
        long analyst = signIn("scheduler@example.com", "analyst");
        access.addMember(shop.id(), analyst);
        Actor actor = access.current();
        Report report =
                reports.create(
                        actor,
                        shop.id(),
                        new ReportDraft(
                                "Daily numbers",
                                List.of(ReportItem.preset(Preset.DAU)),
                                "0 7 * * *",
                                "Europe/Berlin",
                                "",
                                receiver.url("/reports/daily"),
                                EnumSet.of(ReportFormat.CSV),
                                true));
        assertThat(report.nextRunAt().atZone(ZoneId.of("Europe/Berlin")).getHour()).isEqualTo(7);

        scheduler.deliverDue(report.nextRunAt().minusSeconds(1));
        assertThat(reports.history(actor, shop.id(), report.id(), 10)).as("not due yet").isEmpty();
        // other tests' reports may be due by then too: this report's history says what it got
        assertThat(scheduler.deliverDue(report.nextRunAt())).isPositive();
        scheduler.deliverDue(report.nextRunAt());
        HttpReceiver.Request hook = receiver.next("/reports/daily", SOON);
        assertThat(hook).isNotNull();
        assertThat(JSON.readTree(hook.body()).path("scheduled_for").asText())
                .isEqualTo(report.nextRunAt().toString());
        Report moved = reports.find(actor, shop.id(), report.id()).orElseThrow();
        assertThat(moved.nextRunAt()).isEqualTo(report.nextRunAt().plus(Duration.ofDays(1)));

        receiver.failNext("/reports/daily", 503, 1);
        List<ReportDelivery> failed = runner.sendNow(actor, shop.id(), report.id());
        assertThat(failed).extracting(ReportDelivery::status).containsExactly("failed");
        assertThat(failed.get(0).detail()).isEqualTo("The webhook answered HTTP 503");

        jdbc.update("DELETE FROM project_members WHERE user_id = ?", analyst);
        assertThat(scheduler.deliverDue(moved.nextRunAt())).isPositive();
        ReportDelivery refused =
                reports.history(access.actor("ana@example.com"), shop.id(), report.id(), 1).get(0);
        assertThat(refused.status()).isEqualTo("failed");
        assertThat(refused.trigger()).isEqualTo("schedule");
        assertThat(refused.detail())
                .startsWith(
                        "It runs as scheduler@example.com, who may no longer read this project");

        assertThat(
                        reports
                                .history(
                                        access.actor("ana@example.com"), shop.id(), report.id(), 10)
                                .stream()
                                .map(d -> d.trigger() + " " + d.status())
                                .toList())
                .containsExactly("schedule failed", "manual failed", "schedule sent");
    }

    @Test
    void viewersSeeReportsButCannotMakeOrSendThem() {
        TestProject shop = newProject("Viewers' reports");
        long viewer = signIn("report-viewer@example.com", "viewer");
        access.addMember(shop.id(), viewer);
        Actor actor = access.current();
        ReportDraft draft =
                new ReportDraft(
                        "Nope",
                        List.of(ReportItem.preset(Preset.MAU)),
                        "@daily",
                        "UTC",
                        "me@example.com",
                        "",
                        EnumSet.of(ReportFormat.PDF),
                        true);
        assertThatThrownBy(() -> reports.create(actor, shop.id(), draft))
                .isInstanceOf(AccessDeniedException.class);
        ReportsView view = new ReportsView(reports, runner, insights, timezones, access);
        UI.getCurrent().add(view);
        view.open(shop.id(), null);
        assertThat(_get(ReportForm.class, spec -> spec.withId("report-form")).isEnabled())
                .isFalse();
    }

    private static String status() {
        return _get(Span.class, spec -> spec.withId("status")).getText();
    }

    private static String csvNamed(Map<String, byte[]> files, String part) {
        return files.keySet().stream()
                .filter(n -> n.contains(part) && n.endsWith(".csv"))
                .findFirst()
                .orElseThrow();
    }

    private static Map<String, byte[]> attachments(MimeMessage mail) throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.getFileName() != null) {
                files.put(part.getFileName(), part.getInputStream().readAllBytes());
            }
        }
        return files;
    }

    private static String pdfText(byte[] pdf) throws Exception {
        PdfReader reader = new PdfReader(pdf);
        try {
            PdfTextExtractor text = new PdfTextExtractor(reader);
            StringBuilder all = new StringBuilder();
            for (int page = 1; page <= reader.getNumberOfPages(); page++) {
                all.append(text.getTextFromPage(page)).append('\n');
            }
            return all.toString();
        } finally {
            reader.close();
        }
    }

    private static String hmac(String secret, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
