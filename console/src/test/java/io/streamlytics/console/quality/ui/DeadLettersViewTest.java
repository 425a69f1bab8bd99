package io.streamlytics.console.quality.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import io.streamlytics.console.ConsoleViewTest;
import io.streamlytics.console.access.domain.Project;
import io.streamlytics.console.access.service.AuditLog;
import io.streamlytics.console.quality.domain.DeadLetter;
import io.streamlytics.console.quality.service.DeadLetterReplay;
import io.streamlytics.console.quality.service.DeadLetters;
import io.streamlytics.console.quality.service.ReplayFailedException;
import io.streamlytics.core.config.PlatformConfig;
import io.streamlytics.devstack.Ports;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dead-letter browser with Karibu on a real Kafka: letters as the collector writes them to the
 * DLQ topic, filtered by project, newest first, with their payload; admins only.
 */
class DeadLettersViewTest extends ConsoleViewTest {
    private static final String DLQ = "dlq-console-test";

    @Autowired private DeadLetters letters;
    @Autowired private DeadLetterReplay replay;
    @Autowired private AuditLog audit;

    @BeforeAll
    static void topic() {
        kafka.createTopics(2, DLQ);
    }

    /** Where no collector listens: the replay's path to the page when the collector is down. */
    private static final int NO_COLLECTOR = Ports.free();

    @DynamicPropertySource
    static void dlq(DynamicPropertyRegistry registry) {
        registry.add("ANALYTICS_TOPIC_DLQ", () -> DLQ);
        registry.add("ANALYTICS_COLLECTOR_URL", () -> "http://127.0.0.1:" + NO_COLLECTOR);
        registry.add("ANALYTICS_COLLECTOR_ADMIN_TOKEN", () -> "dead-letters-test-token");
    }

    @Test
    void theNewestLettersOfAProjectWithWhyAndTheirPayloadForAdminsOnly() throws Exception {
        TestProject shop = newProject("Dead letters shop");
        long now = System.currentTimeMillis();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            send(
                    producer,
                    letter(
                            shop.id(),
                            now - 2000,
                            "timestamp: 'soon' is not an ISO-8601 date-time",
                            "{\"event\":\"a\",\"timestamp\":\"soon\"}"));
            send(
                    producer,
                    letter(shop.id(), now - 1000, "event: required", "{\"distinct_id\":\"x\"}"));
            send(producer, letter(0, now, "unknown write key", "{\"batch\":[]}"));
            send(producer, "not a letter".getBytes(StandardCharsets.UTF_8));
            producer.flush();
        }
        signIn("letters-admin@example.com", "admin");
        DeadLettersView view = new DeadLettersView(letters, replay, access);
        UI.getCurrent().add(view);
        @SuppressWarnings("unchecked")
        Grid<DeadLetter> grid = _get(Grid.class, spec -> spec.withId("letter-list"));
        assertThat(grid.getGenericDataView().getItems().map(DeadLetter::projectId))
                .containsExactly(0L, shop.id(), shop.id());
        assertThat(_get(Span.class, spec -> spec.withId("status")).getText())
                .isEqualTo("The newest 3. 4 letter(s) written since the last replay.");

        view.project.setValue(new Project(shop.id(), "Dead letters shop"));
        assertThat(grid.getGenericDataView().getItems().map(l -> String.join("; ", l.reasons())))
                .containsExactly(
                        "event: required", "timestamp: 'soon' is not an ISO-8601 date-time");
        grid.select(grid.getGenericDataView().getItems().findFirst().orElseThrow());
        assertThat(_get(Pre.class, spec -> spec.withId("letter-payload")).getText())
                .isEqualTo("{\"distinct_id\":\"x\"}");

        // replay runs in the collector (UpCommandIT replays through a running one); here the
        // collector is down, and the page says so, and what to check
        _click(_get(Button.class, spec -> spec.withId("replay-letters")));
        Span result = _get(Span.class, spec -> spec.withId("replay-result"));
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!result.getText().contains("could not be reached") && System.nanoTime() < deadline) {
            Thread.sleep(50);
            MockVaadin.runUIQueue(); // the background replay's answer comes back by push
        }
        assertThat(result.getText())
                .isEqualTo(
                        "The collector at http://127.0.0.1:"
                                + NO_COLLECTOR
                                + "/ could not be reached (ConnectException); check that it runs"
                                + " and that ANALYTICS_COLLECTOR_URL names it.");
        assertThat(_get(Button.class, spec -> spec.withId("replay-letters")).isEnabled()).isTrue();
        // a console without the collector's admin token says how to turn replay on
        DeadLetterReplay off =
                new DeadLetterReplay(PlatformConfig.fromEnvironment(Map.of()), access, audit);
        assertThatThrownBy(() -> off.replay(access.current()))
                .isInstanceOf(ReplayFailedException.class)
                .hasMessageContaining("ANALYTICS_COLLECTOR_ADMIN_TOKEN");

        signIn("letters-analyst@example.com", "analyst");
        assertThatThrownBy(() -> letters.latest(access.current(), shop.id(), 10))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> replay.replay(access.current()))
                .isInstanceOf(AccessDeniedException.class);
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, byte[] value)
            throws Exception {
        producer.send(new ProducerRecord<>(DLQ, value)).get();
    }

    /** A letter as the collector's DeadLetter.toJson writes one. */
    private static byte[] letter(long project, long at, String reason, String payload) {
        return JSON.createObjectNode()
                .put("v", 1)
                .put("kind", "event")
                .put("project_id", project)
                .put("endpoint", "/v1/batch")
                .put("received_at", at)
                .put("reason", reason)
                .put("replays", 0)
                .put("payload", payload)
                .put("payload_truncated", false)
                .set("reasons", JSON.createArrayNode().add(reason))
                .toString()
                .getBytes(StandardCharsets.UTF_8);
    }
}
