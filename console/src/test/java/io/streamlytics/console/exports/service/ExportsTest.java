package io.streamlytics.console.exports.service;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import io.streamlytics.console.ConsoleViewTest;
import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.exports.domain.EventCursor;
import io.streamlytics.console.exports.domain.ExportFormat;
import io.streamlytics.console.exports.domain.ExportJob;
import io.streamlytics.console.exports.domain.ExportRequest;
import io.streamlytics.console.exports.ui.ExportsView;
import io.streamlytics.console.insights.domain.SavedInsight;
import io.streamlytics.console.insights.service.EventCatalog;
import io.streamlytics.console.insights.service.InsightStore;
import io.streamlytics.console.insights.service.ProjectTimezones;
import io.streamlytics.devstack.HttpReceiver;
import io.streamlytics.devstack.Ports;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Exports on the running console, real ClickHouse and PostgreSQL, an in-process SMTP server and a
 * real HTTP receiver: raw events page by page (10 a page here, so 25 events take three pages) to
 * CSV, NDJSON and Parquet files, saved insights, the page with its progress, the REST API with its
 * cursor, notices, and who may export.
 */
class ExportsTest extends ConsoleViewTest {
    private static final Duration SOON = Duration.ofSeconds(30);
    private static GreenMail smtp;
    private static HttpReceiver receiver;

    @Autowired private ExportStore store;
    @Autowired private ExportRunner runner;
    @Autowired private InsightStore insights;
    @Autowired private EventCatalog catalog;
    @Autowired private ProjectTimezones timezones;
    @Autowired private EventPages pages;

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
    static void exportProperties(DynamicPropertyRegistry registry) {
        registry.add("ANALYTICS_SMTP_HOST", () -> "127.0.0.1");
        registry.add("ANALYTICS_SMTP_PORT", () -> Integer.toString(smtp.getSmtp().getPort()));
        registry.add("ANALYTICS_EXPORT_PAGE_ROWS", () -> "10");
    }

    /** 25 events: 20 sign-ups and 5 views, three of them at the same second (a page's edge). */
    private static TestProject shopWithEvents(String name) {
        TestProject shop = newProject(name);
        long t = System.currentTimeMillis() / 1000 - 3600;
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            long at = i >= 8 && i <= 10 ? t + 8 : t + i;
            rows.append(
                    String.format(
                            "{\"project_id\":%d,\"insert_id\":\"ex-%02d\",\"event\":\"%s\",\"distinct_id\":\"p%d\",\"timestamp\":%d,\"received_at\":%d,\"properties\":\"{\\\"plan\\\":\\\"pro\\\",\\\"n\\\":%d}\",\"ip\":\"203.0.113.9\"}%n",
                            shop.id(), i, i % 5 == 0 ? "viewed" : "signed_up", i % 7, at, at, i));
        }
        insert(rows.toString());
        return shop;
    }

    private ExportJob awaitFinished(long projectId, long id) throws InterruptedException {
        long deadline = System.nanoTime() + SOON.toNanos();
        while (System.nanoTime() < deadline) {
            ExportJob job = store.find(projectId, id).orElseThrow();
            if (job.finished()) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("export " + id + " did not finish within " + SOON);
    }

    @Test
    void rawEventsExportedFromThePageAreWrittenPageByPageWithProgressAndANotice() throws Exception {
        TestProject shop = shopWithEvents("Export shop");
        long analyst = signIn("exporter@example.com", "analyst");
        access.addMember(shop.id(), analyst);
        ExportsView view = new ExportsView(store, runner, insights, catalog, timezones, access);
        UI.getCurrent().add(view);
        view.open(shop.id());
        _get(Checkbox.class, spec -> spec.withId("export-email-me")).setValue(true);
        _get(Button.class, spec -> spec.withId("start-export")).click();
        assertThat(_get(Span.class, spec -> spec.withId("status")).getText())
                .matches("Export \\d+ started: follow it below, or wait for the email.");

        ExportJob job =
                awaitFinished(shop.id(), store.list(access.current(), shop.id(), 1).get(0).id());
        assertThat(job.status()).as(job.error()).isEqualTo("done");
        assertThat(job.rowsExpected()).isEqualTo(25);
        assertThat(job.rowsWritten()).isEqualTo(25);
        assertThat(job.progress()).isEqualTo(1.0);
        List<String> lines = Files.readAllLines(runner.file(job), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(26);
        assertThat(lines.get(0))
                .startsWith(
                        "insert_id,event,distinct_id,person_id,user_id,anonymous_id,session_id,timestamp,")
                .doesNotContain("ip");
        assertThat(lines.subList(1, 26).stream().map(l -> l.substring(0, 5)).toList())
                .as("every event once, in time order, ties by insert_id across the page's edge")
                .containsExactly(
                        "ex-00", "ex-01", "ex-02", "ex-03", "ex-04", "ex-05", "ex-06", "ex-07",
                        "ex-08", "ex-09", "ex-10", "ex-11", "ex-12", "ex-13", "ex-14", "ex-15",
                        "ex-16", "ex-17", "ex-18", "ex-19", "ex-20", "ex-21", "ex-22", "ex-23",
                        "ex-24");
        assertThat(lines.get(1))
                .contains("\"{\"\"plan\"\":\"\"pro\"\",\"\"n\"\":0}\"")
                .doesNotContain("203.0.113.9");

        assertThat(smtp.waitForIncomingEmail(SOON.toMillis(), 1)).isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("Your export is ready");
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("exporter@example.com");
        assertThat(mail.getContent().toString())
                .contains("25 rows")
                .contains("/exports/" + job.id() + "/download");

        view.refresh();
        @SuppressWarnings("unchecked")
        Grid<ExportJob> list = _get(Grid.class, spec -> spec.withId("export-list"));
        assertThat(((Anchor) GridKt._getCellComponent(list, 0, "file")).getHref())
                .isEqualTo("exports/" + job.id() + "/download");
    }

    @Test
    void theApiExportsNdjsonAndParquetAndPagesEventsWithACursor() throws Exception {
        TestProject shop = shopWithEvents("API export shop");
        String day = LocalDate.now(timezones.of(shop.id())).toString();
        String yesterday = LocalDate.now(timezones.of(shop.id())).minusDays(1).toString();

        HttpResponse<String> queued =
                send(
                        shop,
                        "POST",
                        "/exports",
                        "application/json",
                        "{\"source\": \"events\", \"from\": \""
                                + yesterday
                                + "\", \"to\": \""
                                + day
                                + "\", \"events\": [\"signed_up\"], \"format\": \"ndjson\","
                                + " \"notify_url\": \""
                                + receiver.url("/exports")
                                + "\"}",
                        shop.token());
        assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
        long id = JSON.readTree(queued.body()).path("id").asLong();
        assertThat(awaitFinished(shop.id(), id).status()).isEqualTo("done");
        JsonNode status =
                JSON.readTree(send(shop, "GET", "/exports/" + id, null, null, shop.token()).body());
        assertThat(status.path("rows_written").asLong()).isEqualTo(20);
        assertThat(status.path("progress").asDouble()).isEqualTo(1.0);
        HttpResponse<String> file =
                send(shop, "GET", "/exports/" + id + "/file", null, null, shop.token());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"export-" + id + ".ndjson\"");
        String[] ndjson = file.body().split("\n");
        assertThat(ndjson).hasSize(20);
        JsonNode first = JSON.readTree(ndjson[0]);
        assertThat(first.path("event").asText()).isEqualTo("signed_up");
        assertThat(first.path("properties").path("plan").asText())
                .as("an object, not text")
                .isEqualTo("pro");
        assertThat(first.path("timestamp").asText()).endsWith("Z");
        HttpReceiver.Request notice = receiver.next("/exports", SOON);
        assertThat(notice).isNotNull();
        assertThat(JSON.readTree(notice.body()).path("status").asText()).isEqualTo("done");
        assertThat(JSON.readTree(notice.body()).path("download").asText())
                .endsWith("/api/v1/projects/" + shop.id() + "/exports/" + id + "/file");

        HttpResponse<String> parquet =
                send(
                        shop,
                        "POST",
                        "/exports",
                        "application/json",
                        "{\"from\": \""
                                + yesterday
                                + "\", \"to\": \""
                                + day
                                + "\", \"format\": \"parquet\"}",
                        shop.token());
        long parquetId = JSON.readTree(parquet.body()).path("id").asLong();
        ExportJob parquetJob = awaitFinished(shop.id(), parquetId);
        assertThat(parquetJob.status()).as(parquetJob.error()).isEqualTo("done");
        List<String> ids = new ArrayList<>();
        try (ParquetReader<Group> reader = groups(runner.file(parquetJob))) {
            for (Group g = reader.read(); g != null; g = reader.read()) {
                ids.add(g.getString("insert_id", 0));
                assertThat(g.getLong("timestamp", 0) % 1000).as("milliseconds").isZero();
            }
        }
        assertThat(ids).hasSize(25).startsWith("ex-00", "ex-01").endsWith("ex-24");

        Set<String> paged = new HashSet<>();
        List<Integer> sizes = new ArrayList<>();
        String cursor = "";
        do {
            HttpResponse<String> page =
                    send(
                            shop,
                            "GET",
                            "/events?from="
                                    + yesterday
                                    + "&to="
                                    + day
                                    + "&limit=10&cursor="
                                    + cursor,
                            null,
                            null,
                            shop.token());
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(page.body());
            sizes.add(body.path("events").size());
            body.path("events").forEach(e -> paged.add(e.path("insert_id").asText()));
            cursor = body.path("next_cursor").isNull() ? null : body.path("next_cursor").asText();
        } while (cursor != null);
        assertThat(sizes).containsExactly(10, 10, 5);
        assertThat(paged).hasSize(25);
        HttpResponse<String> badCursor =
                send(
                        shop,
                        "GET",
                        "/events?from=" + day + "&to=" + day + "&cursor=nonsense!",
                        null,
                        null,
                        shop.token());
        assertThat(badCursor.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badCursor.body()).path("error").asText())
                .isEqualTo("cursor: pass the next_cursor of the previous page as it was");
        HttpResponse<String> tooLong =
                send(
                        shop,
                        "POST",
                        "/exports",
                        "application/json",
                        "{\"from\": \"2020-01-01\", \"to\": \"" + day + "\", \"format\": \"csv\"}",
                        shop.token());
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("at most 366 days an export");
    }

    @Test
    void aSavedInsightIsExportedAsItsTableAndADeletedOneFailsWithItsReason() throws Exception {
        TestProject shop = shopWithEvents("Insight export shop");
        long analyst = signIn("insight-exporter@example.com", "analyst");
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
        ExportJob job =
                runner.start(
                        actor, shop.id(), ExportRequest.insight(signups.id(), ExportFormat.CSV));
        ExportJob done = awaitFinished(shop.id(), job.id());
        assertThat(done.status()).as(done.error()).isEqualTo("done");
        List<String> lines = Files.readAllLines(runner.file(done));
        assertThat(lines.get(0)).isEqualTo("bucket,A · signed_up · total");
        assertThat(lines).hasSize(8).anyMatch(l -> l.endsWith(",20"));

        // the same insight over two days of one's choosing instead of its own seven
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        ExportJob twoDays =
                awaitFinished(
                        shop.id(),
                        runner.start(
                                        actor,
                                        shop.id(),
                                        ExportRequest.insight(
                                                signups.id(),
                                                ExportFormat.CSV,
                                                today.minusDays(1),
                                                today))
                                .id());
        assertThat(twoDays.status()).as(twoDays.error()).isEqualTo("done");
        assertThat(Files.readAllLines(runner.file(twoDays)))
                .hasSize(3)
                .anyMatch(l -> l.endsWith(",20"));
        assertThatThrownBy(
                        () ->
                                runner.start(
                                        actor,
                                        shop.id(),
                                        ExportRequest.insight(
                                                signups.id(),
                                                ExportFormat.CSV,
                                                today,
                                                today.minusDays(1))))
                .hasMessage("to: the last day comes before the first");

        ExportJob queued =
                store.create(
                        actor,
                        shop.id(),
                        ExportRequest.insight(signups.id(), ExportFormat.PARQUET));
        insights.delete(actor, shop.id(), signups.id());
        runner.run(queued);
        ExportJob failed = store.find(shop.id(), queued.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.error()).isEqualTo("The saved insight " + signups.id() + " was deleted.");
        assertThat(Files.exists(runner.file(failed))).isFalse();
        assertThatThrownBy(
                        () ->
                                store.downloadable(
                                        actor, shop.id(), failed.id(), java.time.Instant.now()))
                .hasMessage("Export " + failed.id() + " is failed: its file is not ready.");

        long viewer = signIn("export-viewer@example.com", "viewer");
        access.addMember(shop.id(), viewer);
        Actor looker = access.current();
        assertThatThrownBy(
                        () ->
                                runner.start(
                                        looker,
                                        shop.id(),
                                        ExportRequest.events(
                                                LocalDate.now(),
                                                LocalDate.now(),
                                                List.of(),
                                                ExportFormat.CSV)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(
                        () ->
                                store.downloadable(
                                        looker, shop.id(), done.id(), java.time.Instant.now()))
                .isInstanceOf(AccessDeniedException.class);
        ExportsView view = new ExportsView(store, runner, insights, catalog, timezones, access);
        UI.getCurrent().add(view);
        view.open(shop.id());
        assertThat(_get(Button.class, spec -> spec.withId("start-export")).isEnabled()).isFalse();
        @SuppressWarnings("unchecked")
        Select<String> source = _get(Select.class, spec -> spec.withId("export-source"));
        assertThat(source.getValue()).isEqualTo("Raw events");
    }

    private static ParquetReader<Group> groups(Path file) throws Exception {
        return new ParquetReader.Builder<Group>(new LocalInputFile(file)) {
            @Override
            protected ReadSupport<Group> getReadSupport() {
                return new GroupReadSupport();
            }
        }.build();
    }

    @Test
    void anInterruptedCsvExportGoesOnAfterItsLastCompletePage() throws Exception {
        TestProject shop = shopWithEvents("Resumed export");
        long analyst = signIn("resumer@example.com", "analyst");
        access.addMember(shop.id(), analyst);
        Actor actor = access.current();
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        ExportRequest request =
                ExportRequest.events(today.minusDays(1), today, List.of(), ExportFormat.CSV);
        ExportJob whole = awaitFinished(shop.id(), runner.start(actor, shop.id(), request).id());
        byte[] all = Files.readAllBytes(runner.file(whole));

        // a console stopped during page 2: page 1 (10 rows) checkpointed, half a row after it.
        // The part file's first line is marked, so a restart from scratch would show.
        int afterTenRows = endOfLine(all, 11);
        byte[] kept =
                concat(
                        "kept from before the restart\r\n".getBytes(StandardCharsets.UTF_8),
                        java.util.Arrays.copyOfRange(all, endOfLine(all, 1), afterTenRows));
        EventCursor afterPageOne =
                pages.page(
                                shop.id(),
                                java.time.Instant.now().minus(java.time.Duration.ofDays(2)),
                                java.time.Instant.now(),
                                List.of(),
                                null,
                                10)
                        .next();
        ExportJob interrupted = interrupted(actor, shop.id(), request, kept, afterPageOne);
        Files.write(
                runner.file(interrupted)
                        .resolveSibling(runner.file(interrupted).getFileName() + ".part"),
                concat(kept, "ex-10,signed_up,p3,half a r".getBytes(StandardCharsets.UTF_8)));

        runner.run(store.find(shop.id(), interrupted.id()).orElseThrow());

        // (the console's minute sweep may take it up first: either way it ends)
        ExportJob resumed = awaitFinished(shop.id(), interrupted.id());
        assertThat(resumed.status()).as(resumed.error()).isEqualTo("done");
        assertThat(resumed.rowsWritten()).isEqualTo(25);
        assertThat(Files.readAllBytes(runner.file(resumed)))
                .as(
                        "the kept page, then pages 2 and 3 exactly as an uninterrupted export wrote them")
                .isEqualTo(
                        concat(kept, java.util.Arrays.copyOfRange(all, afterTenRows, all.length)));

        // its file gone (another disk, say): the export starts again and is whole
        ExportJob lost = interrupted(actor, shop.id(), request, kept, afterPageOne);
        runner.run(store.find(shop.id(), lost.id()).orElseThrow());
        assertThat(Files.readAllBytes(runner.file(awaitFinished(shop.id(), lost.id()))))
                .isEqualTo(all);

        // an export another console is running (it said so just now) is left to it
        ExportJob elsewhere = store.create(actor, shop.id(), request);
        assertThat(store.start(elsewhere, "another console", java.time.Instant.now())).isTrue();
        runner.run(store.find(shop.id(), elsewhere.id()).orElseThrow());
        ExportJob untouched = store.find(shop.id(), elsewhere.id()).orElseThrow();
        assertThat(untouched.status()).isEqualTo("running");
        assertThat(untouched.rowsWritten()).isZero();
        assertThat(store.unfinished(java.time.Instant.now()))
                .extracting(ExportJob::id)
                .doesNotContain(elsewhere.id());
        assertThat(store.unfinished(java.time.Instant.now().plus(ExportStore.STALE).plusSeconds(1)))
                .as("once it has been silent too long, it is anyone's")
                .extracting(ExportJob::id)
                .contains(elsewhere.id());
    }

    /**
     * An export as a console left it when it stopped, ten minutes ago, after checkpointing {@code
     * kept}.
     */
    private ExportJob interrupted(
            Actor actor, long projectId, ExportRequest request, byte[] kept, EventCursor next) {
        ExportJob job = store.create(actor, projectId, request);
        java.time.Instant then = java.time.Instant.now().minus(java.time.Duration.ofMinutes(10));
        assertThat(store.start(job, "a console that stopped", then)).isTrue();
        store.progress(job.id(), 10, kept.length, next, then);
        return job;
    }

    /** The offset just after the {@code n}-th line break. */
    private static int endOfLine(byte[] bytes, int n) {
        int seen = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n' && ++seen == n) {
                return i + 1;
            }
        }
        throw new AssertionError("fewer than " + n + " lines");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
