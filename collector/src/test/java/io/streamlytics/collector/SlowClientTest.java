package io.streamlytics.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlytics.devstack.KafkaBroker;
import io.streamlytics.devstack.PostgresServer;
import io.streamlytics.devstack.junit.KafkaExtension;
import io.streamlytics.devstack.junit.PostgresExtension;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A client that stalls in the middle of a request loses its connection after the idle timeout (here
 * 1 s; 30 s by default), and does not hold up anyone else.
 */
@ExtendWith({KafkaExtension.class, PostgresExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowClientTest {
    private CollectorFixture fixture;

    @BeforeAll
    void start(KafkaBroker kafka, PostgresServer postgres) {
        fixture =
                new CollectorFixture(
                        kafka,
                        postgres,
                        Clock.systemUTC(),
                        Map.of("ANALYTICS_COLLECTOR_IDLE_TIMEOUT_SECONDS", "1"));
    }

    @AfterAll
    void stop() {
        fixture.close();
    }

    @Test
    void aClientThatStopsSendingMidRequestIsDisconnected() throws Exception {
        try (Socket slow = new Socket("127.0.0.1", fixture.collector.port())) {
            slow.setSoTimeout(15_000); // fails the test rather than hanging it
            OutputStream out = slow.getOutputStream();
            out.write(
                    ("POST /v1/batch HTTP/1.1\r\nHost: localhost\r\n"
                                    + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
                                    + "{\"batch\": [")
                            .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long start = System.nanoTime();

            // meanwhile, others are served
            assertThat(
                            fixture.post(
                                            "/v1/batch",
                                            Map.of("Authorization", "Bearer " + fixture.writeKey),
                                            "{\"batch\": [{\"event\": \"e\", \"distinct_id\": \"u\"}]}"
                                                    .getBytes(StandardCharsets.UTF_8))
                                    .statusCode())
                    .isEqualTo(200);

            InputStream in = slow.getInputStream();
            while (in.read() != -1) {
                // whatever the server says before it closes, it closes
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(seconds).isBetween(0.5, 10.0);
        }
    }
}
