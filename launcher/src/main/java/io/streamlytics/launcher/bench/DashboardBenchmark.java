package io.streamlytics.launcher.bench;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.streamlytics.core.clickhouse.ClickHouse;
import io.streamlytics.core.clickhouse.ClickHouseSettings;
import io.streamlytics.core.config.PlatformConfig;
import io.streamlytics.core.postgres.ApiTokens;
import io.streamlytics.core.postgres.PostgresSettings;
import io.streamlytics.launcher.browser.HeadlessChromium;
import io.streamlytics.launcher.stack.IsolatedEnvironment;
import io.streamlytics.launcher.stack.LocalSecrets;
import io.streamlytics.launcher.stack.LocalStack;
import io.streamlytics.launcher.stack.StackState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bin/analytics bench dashboard}: a dashboard of 10 widgets (seven kinds of trends, a
 * funnel, retention, paths) on the demo's data, opened in headless Chromium on the whole local
 * stack: the time from asking for the page to every widget drawn, with the insights' cache emptied
 * first (cold) and not (warm), and the server's time per widget. The baseline, in the same run: the
 * same 10 queries one after the other through the REST API (cache emptied), what the page's widgets
 * cost without the page.
 */
public final class DashboardBenchmark {
    static final int RUNS = 5;

    /** The widgets: (name, analysis, chart, query). */
    static final List<String[]> WIDGETS =
            List.of(
                    w(
                            "Daily active people",
                            "trends",
                            "line",
                            "{\"version\": 1, \"range\": {\"last\": \"30d\"}, \"series\": [{\"event\": \"*\", \"aggregation\": {\"type\": \"dau\"}}]}"),
                    w(
                            "Events by name",
                            "trends",
                            "line",
                            "{\"version\": 1, \"range\": {\"last\": \"30d\"}, \"series\": [{\"event\": \"*\"}], \"breakdown\": {\"property\": \"$event\", \"limit\": 5}}"),
                    w(
                            "Purchases per day",
                            "trends",
                            "bar",
                            "{\"version\": 1, \"range\": {\"last\": \"30d\"}, \"series\": [{\"event\": \"purchase\"}]}"),
                    w(
                            "Revenue",
                            "trends",
                            "number",
                            "{\"version\": 1, \"range\": {\"last\": \"30d\"}, \"series\": [{\"event\": \"purchase\", \"aggregation\": {\"type\": \"sum\", \"property\": \"revenue\"}}]}"),
                    w(
                            "Weekly active people",
                            "trends",
                            "area",
                            "{\"version\": 1, \"range\": {\"last\": \"30d\"}, \"series\": [{\"event\": \"*\", \"aggregation\": {\"type\": \"wau\"}}]}"),
                    w(
                            "Page views against the period before",
                            "trends",
                            "line",
                            "{\"version\": 1, \"range\": {\"last\": \"14d\"}, \"compare\": true, \"series\": [{\"event\": \"page_view\"}]}"),
                    w(
                            "Sign-ups per week",
                            "trends",
                            "bar",
                            "{\"version\": 1, \"range\": {\"last\": \"8w\"}, \"granularity\": \"week\", \"series\": [{\"event\": \"sign_up\", \"aggregation\": {\"type\": \"unique_users\"}}]}"),
                    w(
                            "Purchase funnel",
                            "funnels",
                            "bar",
                            "{\"version\": 1, \"range\": {\"last\": \"30d\"}, \"steps\": [{\"event\": \"product_viewed\"}, {\"event\": \"added_to_cart\"}, {\"event\": \"checkout_started\"}, {\"event\": \"purchase\"}]}"),
                    w(
                            "Weekly retention",
                            "retention",
                            "table",
                            "{\"version\": 1, \"range\": {\"last\": \"8w\"}, \"start\": {\"event\": \"*\"}, \"period\": \"week\", \"periods\": 4}"),
                    w(
                            "Paths from the first page",
                            "paths",
                            "line",
                            "{\"version\": 1, \"range\": {\"last\": \"30d\"}, \"depth\": 4, \"element\": \"page\"}"));

    private DashboardBenchmark() {}

    private static String[] w(String name, String analysis, String chart, String query) {
        return new String[] {name, analysis, chart, query};
    }

    public static void main(String[] args) throws Exception {
        Path home = Files.createTempDirectory("dashboard-bench-");
        Map<String, String> env = LocalSecrets.withSecrets(home, IsolatedEnvironment.of(home));
        env.put("ANALYTICS_FLINK_JOBS", "pipeline");
        PlatformConfig config = PlatformConfig.fromEnvironment(env);
        Path root = Path.of(System.getProperty("analytics.root", ".")).toAbsolutePath().normalize();
        try (LocalStack stack = new LocalStack(config, env, root)) {
            stack.start(true);
            Map<String, String> state = StackState.read(home.resolve("run"));
            String console = state.get("console.url");
            long project = Long.parseLong(state.get("project.id"));
            long events = awaitHistory(config);
            PostgresSettings postgres = PostgresSettings.from(config.postgres());
            long dashboard = dashboard(postgres, project, config.console().adminEmail());
            String token = new ApiTokens(postgres).create(project, "bench");
            HttpClient http = HttpClient.newHttpClient();

            List<Long> baseline = new ArrayList<>();
            for (int run = 0; run < RUNS; run++) {
                forgetResults(http, console, project, token);
                long started = System.nanoTime();
                for (String[] widget : WIDGETS) {
                    HttpResponse<String> answer =
                            http.send(
                                    api(console, project, token, "/" + widget[1])
                                            .POST(HttpRequest.BodyPublishers.ofString(widget[3]))
                                            .header("Content-Type", "application/json")
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() != 200) {
                        throw new IllegalStateException(widget[0] + ": " + answer.body());
                    }
                }
                baseline.add((System.nanoTime() - started) / 1_000_000);
            }

            List<Long> cold = new ArrayList<>();
            List<Long> warm = new ArrayList<>();
            List<List<Long>> serverCold = new ArrayList<>();
            try (Browser browser = new Browser(root)) {
                browser.signIn(
                        console, config.console().adminEmail(), config.console().adminPassword());
                String page = console + "/dashboards/" + dashboard + "?project=" + project;
                browser.open(page); // the page's code loaded once, as for anyone coming back
                for (int run = 0; run < RUNS; run++) {
                    forgetResults(http, console, project, token);
                    cold.add(browser.open(page));
                    serverCold.add(browser.serverMillis());
                    warm.add(browser.open(page));
                }
            }
            report(events, baseline, cold, warm, serverCold);
        }
    }

    private static void report(
            long events,
            List<Long> baseline,
            List<Long> cold,
            List<Long> warm,
            List<List<Long>> serverCold) {
        System.out.printf(
                Locale.ROOT,
                "%nDashboard of %d widgets on the demo's %,d events, %d runs each%n",
                WIDGETS.size(),
                events,
                RUNS);
        System.out.printf(
                Locale.ROOT,
                "  baseline: the 10 queries through the API, cache emptied  median %,d ms  (runs %s)%n",
                median(baseline),
                baseline);
        System.out.printf(
                Locale.ROOT,
                "  page to every widget drawn, cache emptied (cold)        median %,d ms  (runs %s)%n",
                median(cold),
                cold);
        System.out.printf(
                Locale.ROOT,
                "  page to every widget drawn, cached results (warm)       median %,d ms  (runs %s)%n",
                median(warm),
                warm);
        System.out.println("  server time per widget, cold (median of the runs, ms):");
        for (int i = 0; i < WIDGETS.size(); i++) {
            List<Long> times = new ArrayList<>();
            for (List<Long> run : serverCold) {
                times.add(run.get(i));
            }
            System.out.printf(Locale.ROOT, "    %-40s %6d%n", WIDGETS.get(i)[0], median(times));
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    /** Waits until the demo's two weeks of history are in ClickHouse; how many events. */
    private static long awaitHistory(PlatformConfig config) throws InterruptedException {
        try (ClickHouse clickhouse =
                ClickHouse.connect(ClickHouseSettings.from(config.clickhouse()))) {
            long last = -1;
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (System.nanoTime() < deadline) {
                long count =
                        clickhouse.queryLong(
                                "SELECT count() AS n FROM "
                                        + clickhouse.table("events")
                                        + " WHERE timestamp < now() - INTERVAL 1 DAY",
                                "n");
                if (count > 0 && count == last) {
                    return clickhouse.queryLong(
                            "SELECT count() AS n FROM " + clickhouse.table("events"), "n");
                }
                last = count;
                Thread.sleep(5000);
            }
            throw new IllegalStateException("the demo's history did not land within 3 minutes");
        }
    }

    /** The 10 insights saved and put on a new dashboard, as the console would store them. */
    private static long dashboard(PostgresSettings postgres, long project, String adminEmail)
            throws Exception {
        try (Connection c =
                DriverManager.getConnection(postgres.url(), postgres.user(), postgres.password())) {
            long owner;
            try (PreparedStatement s =
                    c.prepareStatement("SELECT id FROM console_users WHERE email = ?")) {
                s.setString(1, adminEmail);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    owner = r.getLong(1);
                }
            }
            long dashboard;
            try (PreparedStatement s =
                    c.prepareStatement(
                            "INSERT INTO dashboards (project_id, name, owner_id) VALUES (?, 'Benchmark', ?) RETURNING id")) {
                s.setLong(1, project);
                s.setLong(2, owner);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    dashboard = r.getLong(1);
                }
            }
            int position = 0;
            for (String[] widget : WIDGETS) {
                long insight;
                try (PreparedStatement s =
                        c.prepareStatement(
                                "INSERT INTO insights (project_id, name, kind, query, chart, created_by) VALUES (?, ?, ?, ?::jsonb, ?, ?) RETURNING id")) {
                    s.setLong(1, project);
                    s.setString(2, "bench: " + widget[0]);
                    s.setString(3, widget[1]);
                    s.setString(4, widget[3]);
                    s.setString(5, widget[2]);
                    s.setString(6, adminEmail);
                    try (ResultSet r = s.executeQuery()) {
                        r.next();
                        insight = r.getLong(1);
                    }
                }
                try (PreparedStatement s =
                        c.prepareStatement(
                                "INSERT INTO dashboard_widgets (dashboard_id, kind, insight_id, position) VALUES (?, 'insight', ?, ?)")) {
                    s.setLong(1, dashboard);
                    s.setLong(2, insight);
                    s.setInt(3, position++);
                    s.executeUpdate();
                }
            }
            return dashboard;
        }
    }

    private static void forgetResults(HttpClient http, String console, long project, String token)
            throws Exception {
        http.send(
                api(console, project, token, "/insights/cache").DELETE().build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private static HttpRequest.Builder api(
            String console, long project, String token, String path) {
        return HttpRequest.newBuilder(URI.create(console + "/api/v1/projects/" + project + path))
                .header("Authorization", "Bearer " + token);
    }

    /** Debian's headless Chromium, driven by Playwright as the journeys drive it. */
    private static final class Browser implements AutoCloseable {
        /**
         * True once every widget has its chart's canvas (or, for a number, its value); throws when
         * a widget says it could not be drawn. Evaluated in the page at every animation frame.
         */
        private static final String ALL_DRAWN =
                "n => { const widgets = [...document.querySelectorAll('.widget')];"
                        + " const failed = widgets.find(w => w.innerText.includes('Not available right now'));"
                        + " if (failed) throw new Error('a widget failed: ' + failed.innerText);"
                        + " return widgets.filter(w => w.querySelector('canvas, .widget-value')).length === n; }";

        private final HeadlessChromium chromium;
        private final Page page;

        Browser(Path root) throws Exception {
            chromium = HeadlessChromium.start(root);
            page = chromium.newContext().newPage();
        }

        void signIn(String console, String email, String password) {
            HeadlessChromium.signIn(page, console, email, password);
        }

        /** Opens the dashboard; milliseconds until each of its widgets is drawn. */
        long open(String url) {
            long started = System.nanoTime();
            page.navigate(url);
            page.waitForFunction(
                    ALL_DRAWN,
                    WIDGETS.size(),
                    new Page.WaitForFunctionOptions().setPollingInterval(10).setTimeout(60_000));
            return (System.nanoTime() - started) / 1_000_000;
        }

        List<Long> serverMillis() {
            List<Long> times = new ArrayList<>();
            for (Locator widget : page.locator(".widget").all()) {
                times.add(Long.parseLong(widget.getAttribute("data-server-ms")));
            }
            return times;
        }

        @Override
        public void close() {
            chromium.close();
        }
    }
}
