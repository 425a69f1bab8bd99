package io.streamlytics.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamlytics.devstack.junit.ClickHouseExtension;
import io.streamlytics.devstack.junit.KafkaExtension;
import io.streamlytics.devstack.junit.PostgresExtension;
import io.streamlytics.devstack.junit.RedisExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith({
    ClickHouseExtension.class,
    RedisExtension.class,
    KafkaExtension.class,
    PostgresExtension.class
})
class DevstackServicesTest {

    @Test
    void clickHouseAnswersQueriesOnlyWithThePassword(ClickHouseServer clickhouse) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI query = URI.create(clickhouse.httpUrl() + "/?query=SELECT%201");
        String auth =
                Base64.getEncoder()
                        .encodeToString(
                                ("default:" + clickhouse.password())
                                        .getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> withPassword =
                http.send(
                        HttpRequest.newBuilder(query)
                                .header("Authorization", "Basic " + auth)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> without =
                http.send(
                        HttpRequest.newBuilder(query).build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(withPassword.body().trim()).isEqualTo("1");
        assertThat(without.statusCode()).isNotEqualTo(200);
    }

    @Test
    void redisListens(RedisServer redis) {
        assertThat(Ports.isListening(redis.port())).isTrue();
    }

    @Test
    void kafkaCreatesTopics(KafkaBroker kafka) throws Exception {
        kafka.createTopics(2, "devstack-check");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            Set<String> names = admin.listTopics().names().get();
            assertThat(names).contains("devstack-check");
        }
    }

    @Test
    void postgresCreatesDatabases(PostgresServer postgres) throws Exception {
        String url = postgres.createDatabase("devstack_check");
        try (var connection =
                        DriverManager.getConnection(url, postgres.user(), postgres.password());
                var result = connection.createStatement().executeQuery("SELECT 40 + 2")) {
            result.next();
            assertThat(result.getInt(1)).isEqualTo(42);
        }
    }

    @Test
    void aTakenPortIsReportedWithTheKeyToChange(RedisServer running, @TempDir Path dir) {
        assertThatThrownBy(() -> RedisServer.start(dir, running.port(), dir.resolve("pid")))
                .isInstanceOf(ServiceStartException.class)
                .hasMessageContaining("port " + running.port() + " is already in use")
                .hasMessageContaining("ANALYTICS_REDIS_PORT");
    }
}
