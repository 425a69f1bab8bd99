package io.streamlytics.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlytics.devstack.KafkaBroker;
import io.streamlytics.devstack.PostgresServer;
import io.streamlytics.devstack.junit.KafkaExtension;
import io.streamlytics.devstack.junit.PostgresExtension;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Every page needs a login; the first admin comes from the configuration. Real PostgreSQL. */
@ExtendWith({PostgresExtension.class, KafkaExtension.class})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleSecurityTest {
    private static PostgresServer postgres;
    private static KafkaBroker kafka;

    @LocalServerPort int port;

    @BeforeAll
    static void services(PostgresServer server, KafkaBroker broker) {
        postgres = server;
        kafka = broker;
        kafka.createTopics(1, "alerts-console-security");
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("ANALYTICS_POSTGRES_URL", () -> postgres.createDatabase("console_security"));
        registry.add("ANALYTICS_KAFKA_BOOTSTRAP", () -> kafka.bootstrapServers());
        registry.add("ANALYTICS_TOPIC_ALERTS", () -> "alerts-console-security");
        registry.add("ANALYTICS_ADMIN_EMAIL", () -> "ana@example.com");
        registry.add("ANALYTICS_ADMIN_PASSWORD", () -> "correct-horse-battery");
    }

    private HttpResponse<String> get(HttpClient http, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> login(HttpClient http, String email, String password)
            throws Exception {
        String form =
                "username="
                        + URLEncoder.encode(email, StandardCharsets.UTF_8)
                        + "&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient client() {
        return HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Test
    void pagesRedirectToTheLoginButHealthIsOpen() throws Exception {
        HttpClient http = client();

        HttpResponse<String> root = get(http, "/");
        HttpResponse<String> health = get(http, "/actuator/health");

        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("UP");
        // a public dashboard's page and its chart library open without a session; the console's
        // other pages, and its data, do not
        assertThat(get(http, "/public/dashboards/pd_unknown").statusCode()).isEqualTo(200);
        assertThat(get(http, "/webjars/echarts/5.3.1/dist/echarts.min.js").statusCode())
                .isEqualTo(200);
        assertThat(get(http, "/dashboards").statusCode()).isEqualTo(302);
        assertThat(get(http, "/people/ann").statusCode()).isEqualTo(302);
    }

    @Test
    void theConfiguredAdminCanSignInAndAWrongPasswordCannot() throws Exception {
        HttpResponse<String> good = login(client(), "ana@example.com", "correct-horse-battery");
        HttpResponse<String> bad = login(client(), "ana@example.com", "nope");

        assertThat(good.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
        assertThat(bad.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).contains("/login?error"));
    }
}
