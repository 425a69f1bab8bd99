package io.streamlytics.sqlgateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlytics.core.clickhouse.ClickHouse;
import io.streamlytics.core.clickhouse.ClickHouseMigrations;
import io.streamlytics.core.clickhouse.ClickHouseSettings;
import io.streamlytics.core.event.Event;
import io.streamlytics.core.event.EventCodec;
import io.streamlytics.devstack.ClickHouseServer;
import io.streamlytics.devstack.KafkaBroker;
import io.streamlytics.devstack.Ports;
import io.streamlytics.devstack.junit.ClickHouseExtension;
import io.streamlytics.devstack.junit.KafkaExtension;
import io.streamlytics.sqlgateway.catalog.StreamlyticsCatalogSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SQL Gateway over its REST API, as an analyst's client uses it: a batch query over the
 * ClickHouse history and a streaming query over the live Kafka topic, both through the streamlytics
 * catalog, against real ClickHouse and Kafka.
 */
@ExtendWith({ClickHouseExtension.class, KafkaExtension.class})
class SqlGatewayTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static SqlGatewayServer gateway;
    static HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start(ClickHouseServer clickhouse, KafkaBroker kafka, @TempDir Path dir)
            throws Exception {
        try (ClickHouse ch =
                ClickHouse.connect(
                        new ClickHouseSettings(
                                clickhouse.httpUrl(),
                                clickhouse.user(),
                                clickhouse.password(),
                                "sql_gateway"))) {
            new ClickHouseMigrations(ch).apply();
            ch.insertJsonEachRow(
                    "events",
                    ("{\"project_id\":1,\"insert_id\":\"a\",\"event\":\"signup\",\"distinct_id\":\"ann\",\"timestamp\":1767607200}\n"
                                    + "{\"project_id\":1,\"insert_id\":\"b\",\"event\":\"signup\",\"distinct_id\":\"bob\",\"timestamp\":1767607260}\n"
                                    + "{\"project_id\":1,\"insert_id\":\"c\",\"event\":\"purchase\",\"distinct_id\":\"ann\",\"timestamp\":1767607320}\n"
                                    + "{\"project_id\":2,\"insert_id\":\"d\",\"event\":\"signup\",\"distinct_id\":\"cy\",\"timestamp\":1767607380}\n")
                            .getBytes(StandardCharsets.UTF_8));
        }
        kafka.createTopics(1, "events.enriched", "events.raw");
        Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (String name : List.of("page_view", "checkout")) {
                Event event = new Event();
                event.insertId = name;
                event.projectId = 1;
                event.event = name;
                event.distinctId = "dee";
                event.timestamp = Instant.now().toEpochMilli();
                producer.send(new ProducerRecord<>("events.enriched", EventCodec.toJson(event)))
                        .get();
            }
        }
        gateway =
                SqlGatewayServer.start(
                        Ports.free(),
                        new StreamlyticsCatalogSettings(
                                kafka.bootstrapServers(),
                                "jdbc:clickhouse://127.0.0.1:"
                                        + clickhouse.httpPort()
                                        + "/sql_gateway?compress=false&decompress=false",
                                clickhouse.user(),
                                clickhouse.password()),
                        dir);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    static JsonNode call(String method, String path, String body) throws Exception {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(URI.create(gateway.url() + path))
                                .header("Content-Type", "application/json")
                                .method(
                                        method,
                                        HttpRequest.BodyPublishers.ofString(
                                                body == null ? "" : body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    static String statement(String session, String sql) throws Exception {
        return call(
                        "POST",
                        "/v1/sessions/" + session + "/statements",
                        JSON.writeValueAsString(Map.of("statement", sql)))
                .path("operationHandle")
                .asString();
    }

    /** Rows of an operation until it ends or {@code enough} arrived, each as its fields' text. */
    static List<List<String>> rows(String session, String operation, int enough) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        String next =
                "/v1/sessions/" + session + "/operations/" + operation + "/result/0?rowFormat=JSON";
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (next != null && rows.size() < enough && System.nanoTime() < deadline) {
            JsonNode page = call("GET", next, null);
            for (JsonNode row : page.path("results").path("data")) {
                List<String> fields = new ArrayList<>();
                row.path("fields").forEach(f -> fields.add(f.asString()));
                rows.add(fields);
            }
            if ("EOS".equals(page.path("resultType").asString())) {
                break;
            }
            if ("NOT_READY".equals(page.path("resultType").asString())) {
                Thread.sleep(200);
            }
            next =
                    page.path("nextResultUri").isMissingNode()
                            ? null
                            : page.path("nextResultUri").asString();
            if (next != null && !next.contains("rowFormat")) {
                next += (next.contains("?") ? "&" : "?") + "rowFormat=JSON";
            }
        }
        return rows;
    }

    @Test
    void queriesTheClickHouseHistoryInBatch() throws Exception {
        String session = call("POST", "/v1/sessions", "{}").path("sessionHandle").asString();
        rows(session, statement(session, "SET 'execution.runtime-mode' = 'batch'"), 1);
        List<List<String>> rows =
                rows(
                        session,
                        statement(
                                session,
                                "SELECT event, COUNT(*) AS n, COUNT(DISTINCT distinct_id) AS people"
                                        + " FROM streamlytics.history.events WHERE project_id = 1"
                                        + " GROUP BY event ORDER BY event"),
                        100);
        assertThat(rows)
                .containsExactly(List.of("purchase", "1", "1"), List.of("signup", "2", "2"));
    }

    /** Every example in docs/flink-sql.md is valid against the catalog (planned, not run). */
    @Test
    void theDocumentedExamplesPlan() throws Exception {
        String docs = java.nio.file.Files.readString(Path.of("..", "docs", "flink-sql.md"));
        java.util.regex.Matcher blocks =
                java.util.regex.Pattern.compile("```sql\\n(.*?)```", java.util.regex.Pattern.DOTALL)
                        .matcher(docs);
        int planned = 0;
        while (blocks.find()) {
            // one session per example, its SET statements included
            String session = call("POST", "/v1/sessions", "{}").path("sessionHandle").asString();
            for (String statement : blocks.group(1).split(";\\s*\\n")) {
                String sql = statement.strip().replaceAll(";$", "");
                if (sql.isEmpty()) {
                    continue;
                }
                if (sql.startsWith("SET ")) {
                    rows(session, statement(session, sql), 1);
                    continue;
                }
                List<List<String>> plan = rows(session, statement(session, "EXPLAIN " + sql), 1);
                assertThat(plan).as(sql).isNotEmpty();
                planned++;
            }
        }
        assertThat(planned).isEqualTo(4);
    }

    @Test
    void streamsTheLiveTopic() throws Exception {
        String session = call("POST", "/v1/sessions", "{}").path("sessionHandle").asString();
        String operation =
                statement(
                        session,
                        "SELECT event, distinctId FROM streamlytics.live.events"
                                + " /*+ OPTIONS('scan.startup.mode'='earliest-offset') */");
        try {
            assertThat(rows(session, operation, 2))
                    .containsExactly(List.of("page_view", "dee"), List.of("checkout", "dee"));
        } finally {
            // closing ends the streaming job
            call("DELETE", "/v1/sessions/" + session + "/operations/" + operation + "/close", null);
        }
    }
}
