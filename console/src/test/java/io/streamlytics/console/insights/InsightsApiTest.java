package io.streamlytics.console.insights;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamlytics.core.clickhouse.ClickHouse;
import io.streamlytics.core.clickhouse.ClickHouseMigrations;
import io.streamlytics.core.clickhouse.ClickHouseSettings;
import io.streamlytics.core.postgres.ApiTokens;
import io.streamlytics.core.postgres.PostgresSettings;
import io.streamlytics.core.postgres.Projects;
import io.streamlytics.devstack.ClickHouseServer;
import io.streamlytics.devstack.PostgresServer;
import io.streamlytics.devstack.RedisServer;
import io.streamlytics.devstack.junit.ClickHouseExtension;
import io.streamlytics.devstack.junit.PostgresExtension;
import io.streamlytics.devstack.junit.RedisExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The analyses over HTTP on a running console with real ClickHouse, PostgreSQL and Redis: tokens,
 * answers, errors a person can act on, and a cache that notices late events.
 */
@ExtendWith({ClickHouseExtension.class, PostgresExtension.class, RedisExtension.class})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InsightsApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRENDS =
            "{\"version\": 1, \"range\": {\"from\": \"2026-01-05\", \"to\": \"2026-01-06\"},"
                    + " \"series\": [{\"event\": \"signup\"}]}";

    private static ClickHouseServer clickhouseServer;
    private static PostgresServer postgres;
    private static RedisServer redisServer;
    private static String database;
    private static ClickHouse clickhouse;
    private static long project;
    private static String token;

    @LocalServerPort int port;

    @BeforeAll
    static void services(ClickHouseServer ch, PostgresServer pg, RedisServer redis) {
        clickhouseServer = ch;
        postgres = pg;
        redisServer = redis;
        clickhouse =
                ClickHouse.connect(
                        new ClickHouseSettings(
                                ch.httpUrl(), ch.user(), ch.password(), "console_insights"));
        new ClickHouseMigrations(clickhouse).apply();
    }

    @AfterAll
    static void close() {
        clickhouse.close();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "ANALYTICS_POSTGRES_URL",
                () ->
                        database == null
                                ? database = postgres.createDatabase("console_insights")
                                : database);
        registry.add("ANALYTICS_REDIS_PORT", () -> Integer.toString(redisServer.port()));
        registry.add("ANALYTICS_CLICKHOUSE_URL", () -> clickhouseServer.httpUrl());
        registry.add("ANALYTICS_CLICKHOUSE_DATABASE", () -> "console_insights");
        registry.add("ANALYTICS_CLICKHOUSE_USER", () -> clickhouseServer.user());
        registry.add("ANALYTICS_CLICKHOUSE_PASSWORD", () -> clickhouseServer.password());
        registry.add("ANALYTICS_ADMIN_EMAIL", () -> "ana@example.com");
        registry.add("ANALYTICS_ADMIN_PASSWORD", () -> "correct-horse-battery");
    }

    private void project() {
        if (token == null) {
            PostgresSettings settings =
                    new PostgresSettings(database, postgres.user(), postgres.password());
            project = new Projects(settings).createProject("Shop").projectId();
            token = new ApiTokens(settings).create(project, "test");
            insert("a", "signup", 1767607200, 1); // 2026-01-05 10:00 UTC
            insert("b", "signup", 1767693600, 2); // 2026-01-06 10:00 UTC
            insert("b", "purchase", 1767694200, 3);
        }
    }

    private static void insert(String person, String event, long time, int id) {
        clickhouse.insertJsonEachRow(
                "events",
                ("{\"project_id\":"
                                + project
                                + ",\"insert_id\":\"i"
                                + id
                                + "\",\"event\":\""
                                + event
                                + "\",\"distinct_id\":\""
                                + person
                                + "\",\"timestamp\":"
                                + time
                                + ",\"received_at\":"
                                + (1767600000 + id)
                                + "}\n")
                        .getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(String path, String body, String bearer) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(
                                URI.create(
                                        "http://127.0.0.1:"
                                                + port
                                                + "/api/v1/projects/"
                                                + project
                                                + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HttpClient.newHttpClient()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answersAQueryAndServesItFromTheCacheUntilLateEventsArrive() throws Exception {
        project();
        assertThat(post("/trends", TRENDS, null).statusCode()).isEqualTo(401);

        HttpResponse<String> first = post("/trends", TRENDS, token);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(first.body());
        assertThat(answer.path("cached").asBoolean()).isFalse();
        assertThat(answer.path("result").path("buckets").toString())
                .isEqualTo("[\"2026-01-05\",\"2026-01-06\"]");
        assertThat(answer.path("result").path("series").get(0).path("values").toString())
                .isEqualTo("[1.0,1.0]");

        // the same query with its keys in another order
        String reordered =
                "{\"series\": [{\"event\": \"signup\"}], \"range\": {\"to\": \"2026-01-06\", \"from\": \"2026-01-05\"},"
                        + " \"kind\": \"trends\", \"version\": 1}";
        JsonNode again = JSON.readTree(post("/trends", reordered, token).body());
        assertThat(again.path("cached").asBoolean()).isTrue();
        assertThat(again.path("result")).isEqualTo(answer.path("result"));

        insert("c", "signup", 1767610800, 4); // late: 2026-01-05 11:00
        JsonNode late = JSON.readTree(post("/trends", TRENDS, token).body());
        assertThat(late.path("cached").asBoolean()).isFalse();
        assertThat(late.path("result").path("series").get(0).path("values").toString())
                .isEqualTo("[2.0,1.0]");
    }

    @Test
    void funnelsPageThroughPeople() throws Exception {
        project();
        String people =
                "{\"version\": 1, \"range\": {\"from\": \"2026-01-05\", \"to\": \"2026-01-06\"},"
                        + " \"steps\": [{\"event\": \"signup\"}, {\"event\": \"purchase\"}],"
                        + " \"view\": \"people\", \"people\": {\"step\": 1, \"status\": \"converted\", \"limit\": 1}}";
        JsonNode page = JSON.readTree(post("/funnels", people, token).body());
        assertThat(page.path("result").path("people")).hasSize(1);
        assertThat(page.path("next_offset").asInt()).isEqualTo(1);
    }

    @Test
    void errorsSayWhatToChange() throws Exception {
        project();
        HttpResponse<String> invalid =
                post(
                        "/trends",
                        "{\"version\": 1, \"range\": {\"last\": \"7d\"}, \"series\": [{\"event\": \"a\", \"aggregation\": {\"type\": \"avg\"}}]}",
                        token);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("needs a \\\"property\\\"");

        HttpResponse<String> wrongKind =
                post(
                        "/funnels",
                        TRENDS.replace("{\"version\"", "{\"kind\": \"trends\", \"version\""),
                        token);
        assertThat(wrongKind.statusCode()).isEqualTo(400);
        assertThat(wrongKind.body()).contains("this endpoint runs \\\"funnel\\\" queries");

        HttpResponse<String> tooLong =
                post(
                        "/trends",
                        "{\"version\": 1, \"range\": {\"from\": \"2020-01-01\", \"to\": \"2026-01-01\"}, \"series\": [{\"event\": \"a\"}]}",
                        token);
        assertThat(tooLong.statusCode()).isEqualTo(422);
        assertThat(tooLong.body()).contains("at most 731 are allowed");

        HttpResponse<String> notJson = post("/paths", "{", token);
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("not valid JSON");
    }
}
