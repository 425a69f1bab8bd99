package io.streamlytics.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.streamlytics.core.config.PlatformConfig;
import io.streamlytics.devstack.Ports;
import io.streamlytics.launcher.stack.LocalSecrets;
import io.streamlytics.launcher.stack.StackState;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code bin/analytics up --demo}, {@code status} and {@code down}, run as a new user would. */
class UpCommandIT {
    /** The console's pages with the demo's data, as docs/console.md shows them. */
    private static final Path SCREENSHOTS = Path.of("..", "docs", "screenshots");

    private static Path newHome(String name) throws Exception {
        return Files.createTempDirectory(Path.of("target").toAbsolutePath(), name + "-");
    }

    @Test
    void upDemoShowsLiveNumbersAndDownLeavesNothingRunning() throws Exception {
        Path home = newHome("e2e-up-demo");
        Map<String, String> env = FirstEventEndToEndIT.isolatedEnvironment(home);
        GreenMail inbox =
                new GreenMail(
                        new ServerSetup(Ports.free(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        inbox.start();
        env.put("ANALYTICS_SMTP_HOST", "127.0.0.1");
        env.put("ANALYTICS_SMTP_PORT", Integer.toString(inbox.getSmtp().getPort()));
        AnalyticsScript script = new AnalyticsScript(env);

        AnalyticsScript.Result up = script.run("up", "--demo");
        List<Long> pids = new ArrayList<>();
        try {
            assertThat(up.exitCode()).as(up.output()).isZero();
            assertThat(up.output())
                    .contains(
                            "The platform is running",
                            "sign in as admin@localhost",
                            "curl -s -u 'wk_");
            Map<String, String> state = StackState.read(home.resolve("run"));
            for (String key : List.of("clickhouse.pid", "redis.pid", "console.pid")) {
                pids.add(Long.parseLong(state.get(key)));
            }
            pids.add(Long.parseLong(Files.readString(home.resolve("run/launcher.pid")).strip()));
            pids.add(
                    Long.parseLong(
                            Files.readAllLines(home.resolve("postgres/postmaster.pid"))
                                    .get(0)
                                    .strip()));

            AnalyticsScript.Result status = script.run("status");
            assertThat(status.exitCode()).as(status.output()).isZero();
            assertThat(status.output())
                    .contains("local stack: ready")
                    .doesNotContain("DOWN", "UNHEALTHY");

            PlatformConfig config =
                    PlatformConfig.fromEnvironment(LocalSecrets.withSecrets(home, env));
            new StoredEvents(config).awaitCount("timestamp >= now() - 300", n -> n > 0);
            try (ConsolePage console = new ConsolePage(state.get("console.url"))) {
                console.signIn(config.console().adminEmail(), config.console().adminPassword());
                // the demo's pages, kept in the docs (docs/console.md); each chart drawn by
                // ECharts in the browser first
                console.waitFor("#activity-chart canvas", Duration.ofSeconds(30));
                console.screenshot(SCREENSHOTS.resolve("overview.png"));
                console.open("/insights/trends");
                console.waitFor("#run", Duration.ofSeconds(30));
                console.click("#run");
                console.waitFor("#trends-chart canvas", Duration.ofSeconds(30));
                console.screenshot(SCREENSHOTS.resolve("trends.png"));
                // the demo's purchase funnel, opened by a link that holds the whole query
                String funnel =
                        "{\"version\": 1, \"kind\": \"funnel\", \"range\": {\"last\": \"30d\"},"
                                + " \"steps\": [{\"event\": \"product_viewed\"},"
                                + " {\"event\": \"added_to_cart\"}, {\"event\": \"checkout_started\"},"
                                + " {\"event\": \"purchase\"}], \"view\": \"steps\"}";
                console.open(
                        "/insights/funnels?q="
                                + java.util.Base64.getUrlEncoder()
                                        .withoutPadding()
                                        .encodeToString(
                                                funnel.getBytes(
                                                        java.nio.charset.StandardCharsets.UTF_8)));
                console.waitFor("#funnel-chart canvas", Duration.ofSeconds(30));
                console.screenshot(SCREENSHOTS.resolve("funnels.png"));
                // the journey: the funnel saved, put on a dashboard, shared by a public link
                console.type("#insight-name", "Purchase funnel");
                console.click("#save");
                console.open("/dashboards");
                console.waitFor("#dashboard-name", Duration.ofSeconds(30));
                console.type("#dashboard-name", "Demo");
                console.click("#create-dashboard");
                console.waitFor("#widget-insight", Duration.ofSeconds(30));
                console.choose("#widget-insight", "Purchase funnel");
                console.click("#add-widget");
                console.waitFor(".widget canvas", Duration.ofSeconds(30));
                // a live counter added, then dragged before the funnel
                console.click("#add-live");
                console.waitUntil(Duration.ofSeconds(10), () -> console.count(".widget") == 2);
                List<String> added = console.attributes(".widget", "data-widget");
                console.drag(".widget", 1, 0);
                console.waitUntil(
                        Duration.ofSeconds(10),
                        () ->
                                console.attributes(".widget", "data-widget")
                                        .equals(List.of(added.get(1), added.get(0))));
                console.choose("#sharing", "anyone with the public link");
                console.waitUntil(
                        Duration.ofSeconds(10),
                        () -> console.text("#public-link").contains("/public/dashboards/"));
                String shared = console.text("#public-link");
                console.screenshot(SCREENSHOTS.resolve("dashboard.png"));
                try (ConsolePage visitor = new ConsolePage(state.get("console.url"))) {
                    visitor.open(shared.substring(shared.indexOf("/public/dashboards/")));
                    visitor.waitFor(".widget canvas", Duration.ofSeconds(30));
                    assertThat(visitor.count("vaadin-button"))
                            .as("read-only: nothing to press")
                            .isZero();
                    visitor.screenshot(SCREENSHOTS.resolve("public-dashboard.png"));
                }
                scheduleAReport(console, inbox);
                exportAWeekOfEvents(console);
                console.open("/sql");
                console.waitFor("#run-sql", Duration.ofSeconds(30));
                console.click("#run-sql");
                console.waitUntil(
                        Duration.ofSeconds(30),
                        () -> console.cells("#sql-result").contains("page_view"));
                console.screenshot(SCREENSHOTS.resolve("sql.png"));
                for (String[] page :
                        new String[][] {
                            {"/segments", "#segment-builder", "segments.png"},
                            {"/rules", "#rule-editor", "rules.png"},
                            {"/alerts", "#channel-list", "alerts.png"},
                            {"/data-quality", "#quality-hours", "data-quality.png"},
                            {
                                "/admin/projects",
                                "#project-list vaadin-grid-cell-content",
                                "projects.png"
                            }
                        }) {
                    console.open(page[0]);
                    console.waitFor(page[1], Duration.ofSeconds(30));
                    console.screenshot(SCREENSHOTS.resolve(page[2]));
                }
                previewFlinkSql(console);
                replayADeadLetter(
                        console,
                        new CollectorClient(state.get("collector.url"), state.get("write.key")));
                console.open("/insights/retention");
                console.waitFor("#run", Duration.ofSeconds(30));
                console.click("#run");
                console.waitFor(
                        "#retention-table vaadin-grid-cell-content", Duration.ofSeconds(30));
                console.screenshot(SCREENSHOTS.resolve("retention.png"));
                console.open(
                        "/insights/paths?q="
                                + java.util.Base64.getUrlEncoder()
                                        .withoutPadding()
                                        .encodeToString(
                                                ("{\"version\": 1, \"kind\": \"paths\", \"range\":"
                                                                + " {\"last\": \"30d\"}, \"depth\": 4,"
                                                                + " \"element\": \"page\"}")
                                                        .getBytes(
                                                                java.nio.charset.StandardCharsets
                                                                        .UTF_8)));
                console.waitFor("#paths-chart canvas", Duration.ofSeconds(30));
                console.screenshot(SCREENSHOTS.resolve("paths.png"));
                console.open("/live");
                console.waitFor("#live-feed", Duration.ofSeconds(30));
                console.screenshot(SCREENSHOTS.resolve("live.png"));
                console.open("/events");
                console.waitUntil(
                        Duration.ofSeconds(30),
                        () ->
                                console.eventsInPeriod() > 0
                                        && console.latestEventCells().contains("page_view"));
                console.screenshot(SCREENSHOTS.resolve("events.png"));
            }
        } finally {
            AnalyticsScript.Result down = script.run("down");
            inbox.stop();
            assertThat(down.exitCode()).as(down.output()).isZero();
        }
        assertThat(pids)
                .isNotEmpty()
                .allSatisfy(
                        pid ->
                                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
                                        .as("process %d after down", pid)
                                        .isNotEqualTo(java.util.Optional.of(true)));
    }

    /**
     * The dead-letter journey: an event the collector refuses (its timestamp is not a date) is in
     * the admins' list with why; Replay now sends it through the running collector's replay, which
     * refuses it again, and it comes back tried once more.
     */
    private static void replayADeadLetter(ConsolePage console, CollectorClient collector)
            throws Exception {
        collector.post(
                "{\"batch\":[{\"event\":\"journey_refused\",\"distinct_id\":\"dl-1\","
                        + "\"timestamp\":\"soon\"}]}");
        console.open("/admin/dead-letters");
        console.waitFor("#replay-letters", Duration.ofSeconds(30));
        // the collector answered once Kafka had the letter: the page, read now, lists it
        console.waitUntil(
                Duration.ofSeconds(30),
                () -> console.cells("#letter-list").stream().anyMatch(c -> c.contains("'soon'")));
        console.click("#replay-letters");
        console.waitUntil(
                Duration.ofSeconds(60),
                () -> console.text("#replay-result").contains("letter(s) read"));
        java.util.regex.Matcher refusedAgain =
                java.util.regex.Pattern.compile("(\\d+) still refused")
                        .matcher(console.text("#replay-result"));
        assertThat(refusedAgain.find()).as(console.text("#replay-result")).isTrue();
        assertThat(Integer.parseInt(refusedAgain.group(1))).isPositive();
        // what the collector refused again is all that waits for the next replay
        assertThat(console.text("#status"))
                .endsWith(
                        " " + refusedAgain.group(1) + " letter(s) written since the last replay.");
        console.screenshot(SCREENSHOTS.resolve("dead-letters.png"));
    }

    /**
     * The report journey: DAU and retention scheduled every 10 seconds to an inbox, delivered with
     * its CSV and PDF files, seen in the report's history, then paused.
     */
    private static void scheduleAReport(ConsolePage console, GreenMail inbox) throws Exception {
        console.open("/reports");
        console.waitFor("#report-name", Duration.ofSeconds(30));
        console.type("#report-name", "Weekly KPIs");
        console.check("#report-presets", "Daily active people");
        console.check("#report-presets", "Weekly retention");
        console.replace("#report-cron", "*/10 * * * * *");
        console.type("#report-emails", "team@example.com");
        console.click("#save-report");
        console.waitUntil(
                Duration.ofSeconds(10),
                () -> console.text("#status").startsWith("Saved: next sent"));
        assertThat(inbox.waitForIncomingEmail(60_000, 1)).as("the report by email").isTrue();
        MimeMessage mail = inbox.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("Report: Weekly KPIs");
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("team@example.com");
        List<String> files = new ArrayList<>();
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            if (parts.getBodyPart(i).getFileName() != null) {
                files.add(parts.getBodyPart(i).getFileName());
            }
        }
        assertThat(files).hasSize(3).anyMatch(f -> f.endsWith(".pdf"));
        // the page shows the delivery on its own (it refreshes); then the schedule is paused
        console.waitUntil(
                Duration.ofSeconds(30),
                () -> console.cells("#report-history").contains("email team@example.com"));
        console.screenshot(SCREENSHOTS.resolve("reports.png"));
        console.click("#report-enabled input");
        console.click("#save-report");
        console.waitUntil(
                Duration.ofSeconds(10),
                () -> console.text("#status").startsWith("Saved; it is sent only when"));
    }

    /** The export journey: the demo's last week of events to CSV, its progress to the end. */
    private static void exportAWeekOfEvents(ConsolePage console) throws Exception {
        console.open("/exports");
        console.waitFor("#start-export", Duration.ofSeconds(30));
        console.click("#start-export");
        console.waitUntil(
                Duration.ofSeconds(10), () -> console.text("#status").startsWith("Export "));
        console.waitFor(".export-download", Duration.ofSeconds(120));
        assertThat(console.attribute(".export-progress", "data-progress")).isEqualTo("1.000");
        String download = console.attribute(".export-download", "href");
        assertThat(download).endsWith("/download");
        // the link fetched with the analyst's session gives the file; without one, no file
        com.microsoft.playwright.APIResponse file = console.fetch(download);
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.headers().get("content-disposition")).contains(".csv");
        assertThat(file.text()).contains("page_view");
        try (ConsolePage stranger = new ConsolePage(console.baseUrl())) {
            assertThat(stranger.fetch(download).text()).doesNotContain("page_view");
        }
        console.screenshot(SCREENSHOTS.resolve("exports.png"));
    }

    /**
     * Live Flink SQL through the stack's SQL Gateway: the demo's events counted by name as they
     * stream in, then stopped.
     */
    private static void previewFlinkSql(ConsolePage console) throws Exception {
        console.open("/admin/flink-sql");
        console.waitFor("#run-flink-sql", Duration.ofSeconds(30));
        console.click("#run-flink-sql");
        console.waitUntil(
                Duration.ofSeconds(120),
                () -> console.cells("#flink-sql-result").contains("page_view"));
        console.screenshot(SCREENSHOTS.resolve("flink-sql.png"));
        console.click("#stop-flink-sql");
        console.waitUntil(Duration.ofSeconds(10), () -> console.text("#status").equals("Stopped."));
    }

    @Test
    void aCrashedLauncherIsCleanedUpByDownAndTheNextUpCountsEveryEventOnce() throws Exception {
        Path home = newHome("e2e-crash");
        Map<String, String> env = FirstEventEndToEndIT.isolatedEnvironment(home);
        AnalyticsScript script = new AnalyticsScript(env);
        try {
            assertThat(script.run("up").exitCode()).isZero();
            Map<String, String> state = StackState.read(home.resolve("run"));
            CollectorClient collector =
                    new CollectorClient(state.get("collector.url"), state.get("write.key"));
            collector.send("before", 0, 100);
            long clickhousePid = Long.parseLong(state.get("clickhouse.pid"));

            ProcessHandle launcher =
                    ProcessHandle.of(
                                    Long.parseLong(
                                            Files.readString(home.resolve("run/launcher.pid"))
                                                    .strip()))
                            .orElseThrow();
            launcher.destroyForcibly();
            launcher.onExit().get();
            assertThat(ProcessHandle.of(clickhousePid).map(ProcessHandle::isAlive)).hasValue(true);
            AnalyticsScript.Result down = script.run("down");
            assertThat(down.output())
                    .contains("stopped clickhouse", "stopped console", "stopped postgres");
            assertThat(ProcessHandle.of(clickhousePid).map(ProcessHandle::isAlive))
                    .isNotEqualTo(java.util.Optional.of(true));

            AnalyticsScript.Result again = script.run("up");
            assertThat(again.exitCode()).as(again.output()).isZero();
            collector =
                    new CollectorClient(
                            StackState.read(home.resolve("run")).get("collector.url"),
                            state.get("write.key"));
            collector.send("before", 0, 20); // a client retrying what it sent before the crash
            collector.send("after", 0, 50);

            PlatformConfig config =
                    PlatformConfig.fromEnvironment(LocalSecrets.withSecrets(home, env));
            StoredEvents stored = new StoredEvents(config);
            stored.awaitCount("event = 'after'", n -> n == 50);
            Thread.sleep(3000); // a few more checkpoints: any late duplicate would land by now
            assertThat(stored.select("count()", "")).isEqualTo(150);
            assertThat(stored.select("uniqExact(insert_id)", "")).isEqualTo(150);
        } finally {
            script.run("down");
        }
    }

    @Test
    void aTakenPortStopsUpWithTheKeyToChangeAndNothingStarts() throws Exception {
        Path home = newHome("e2e-port-taken");
        Map<String, String> env = FirstEventEndToEndIT.isolatedEnvironment(home);
        try (ServerSocket taken =
                new ServerSocket(Integer.parseInt(env.get("ANALYTICS_REDIS_PORT")))) {
            AnalyticsScript.Result up = new AnalyticsScript(env).run("up");

            assertThat(up.exitCode()).isEqualTo(1);
            assertThat(up.output())
                    .contains(
                            "port "
                                    + taken.getLocalPort()
                                    + " (ANALYTICS_REDIS_PORT) is already in use");
            assertThat(home.resolve("clickhouse")).doesNotExist();
        }
    }

    @Test
    void aWrongConfigValueIsNamedWithWhatIsExpected() throws Exception {
        Path home = newHome("e2e-bad-config");
        Map<String, String> env = FirstEventEndToEndIT.isolatedEnvironment(home);
        env.put("ANALYTICS_CONSOLE_PORT", "eighty");

        AnalyticsScript.Result up = new AnalyticsScript(env).run("up");

        assertThat(up.exitCode()).isEqualTo(1);
        assertThat(up.output())
                .contains(
                        "ANALYTICS_CONSOLE_PORT='eighty': expected a TCP port number between 1 and 65535");
    }

    @Test
    void aPartThatFailsToStartStopsEverythingStartedBeforeIt() throws Exception {
        Path home = newHome("e2e-part-fails");
        Map<String, String> env = FirstEventEndToEndIT.isolatedEnvironment(home);
        env.put("ANALYTICS_CLICKHOUSE_URL", "http://127.0.0.1:1"); // nothing listens there

        AnalyticsScript.Result up = new AnalyticsScript(env).run("up");

        assertThat(up.exitCode()).isEqualTo(1);
        assertThat(up.output()).contains("the platform could not start", "ClickHouse failed");
        Map<String, String> state = StackState.read(home.resolve("run"));
        long redis = Long.parseLong(state.get("redis.pid"));
        assertThat(ProcessHandle.of(redis).map(ProcessHandle::isAlive))
                .isNotEqualTo(java.util.Optional.of(true));
        assertThat(home.resolve("run/redis.pid")).doesNotExist();
    }
}
