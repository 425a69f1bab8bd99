package io.streamlytics.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamlytics.core.clickhouse.ClickHouse;
import io.streamlytics.core.clickhouse.ClickHouseMigrations;
import io.streamlytics.core.clickhouse.ClickHouseSettings;
import io.streamlytics.core.postgres.ApiTokens;
import io.streamlytics.core.postgres.PostgresSettings;
import io.streamlytics.core.postgres.Projects;
import io.streamlytics.devstack.ClickHouseServer;
import io.streamlytics.devstack.KafkaBroker;
import io.streamlytics.devstack.PostgresServer;
import io.streamlytics.devstack.RedisServer;
import io.streamlytics.devstack.junit.ClickHouseExtension;
import io.streamlytics.devstack.junit.KafkaExtension;
import io.streamlytics.devstack.junit.PostgresExtension;
import io.streamlytics.devstack.junit.RedisExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A running console on real ClickHouse, PostgreSQL and Redis for tests of its REST API. Each test
 * makes its own project. The context is closed after each class: a cached context reused after
 * another web context had started answered on that other context's port.
 */
@ExtendWith({
    ClickHouseExtension.class,
    PostgresExtension.class,
    RedisExtension.class,
    KafkaExtension.class
})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class ConsoleApiTest {
    protected static final ObjectMapper JSON = new ObjectMapper();
    private static final String DATABASE = "console_api";

    /** Kafka {@code alerts} of these tests, read by the console's alert engine. */
    protected static final String ALERTS_TOPIC = "alerts-console-api";

    private static ClickHouseServer clickhouseServer;
    private static PostgresServer postgres;
    private static RedisServer redis;
    protected static KafkaBroker kafka;
    private static String postgresUrl;
    protected static ClickHouse clickhouse;

    @LocalServerPort protected int port;

    /** A project of the console and an API token for it. */
    protected record TestProject(long id, String token) {}

    @BeforeAll
    static void services(ClickHouseServer ch, PostgresServer pg, RedisServer r, KafkaBroker k) {
        clickhouseServer = ch;
        kafka = k;
        kafka.createTopics(2, ALERTS_TOPIC);
        postgres = pg;
        redis = r;
        clickhouse =
                ClickHouse.connect(
                        new ClickHouseSettings(ch.httpUrl(), ch.user(), ch.password(), DATABASE));
        new ClickHouseMigrations(clickhouse).apply();
    }

    @AfterAll
    static void closeClickHouse() {
        clickhouse.close();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "ANALYTICS_POSTGRES_URL",
                () ->
                        postgresUrl == null
                                ? postgresUrl = postgres.createDatabase(DATABASE)
                                : postgresUrl);
        registry.add("ANALYTICS_REDIS_PORT", () -> Integer.toString(redis.port()));
        registry.add("ANALYTICS_KAFKA_BOOTSTRAP", () -> kafka.bootstrapServers());
        registry.add("ANALYTICS_TOPIC_ALERTS", () -> ALERTS_TOPIC);
        registry.add("ANALYTICS_CLICKHOUSE_URL", () -> clickhouseServer.httpUrl());
        registry.add("ANALYTICS_CLICKHOUSE_DATABASE", () -> DATABASE);
        registry.add("ANALYTICS_CLICKHOUSE_USER", () -> clickhouseServer.user());
        registry.add("ANALYTICS_CLICKHOUSE_PASSWORD", () -> clickhouseServer.password());
        registry.add("ANALYTICS_CLICKHOUSE_SQL_PASSWORD", () -> clickhouseServer.readerPassword());
        registry.add("ANALYTICS_ADMIN_EMAIL", () -> "ana@example.com");
        registry.add("ANALYTICS_ADMIN_PASSWORD", () -> "correct-horse-battery");
    }

    protected static TestProject newProject(String name) {
        PostgresSettings settings = postgresSettings();
        long id = new Projects(settings).createProject(name).projectId();
        return new TestProject(id, new ApiTokens(settings).create(id, "test"));
    }

    /** The Redis the console reads live numbers from. */
    protected static int redisPort() {
        return redis.port();
    }

    /** The console's metadata database. */
    protected static PostgresSettings postgresSettings() {
        return new PostgresSettings(postgresUrl, postgres.user(), postgres.password());
    }

    /** Events as JSONEachRow rows of the events table. */
    protected static void insert(String rows) {
        clickhouse.insertJsonEachRow("events", rows.getBytes(StandardCharsets.UTF_8));
    }

    /** A request to the project's API; no body when {@code body} is null, no token when null. */
    protected HttpResponse<String> send(
            TestProject project, String method, String path, String type, String body, String token)
            throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(
                                URI.create(
                                        "http://127.0.0.1:"
                                                + port
                                                + "/api/v1/projects/"
                                                + project.id()
                                                + path))
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body));
        if (type != null) {
            request.header("Content-Type", type);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
