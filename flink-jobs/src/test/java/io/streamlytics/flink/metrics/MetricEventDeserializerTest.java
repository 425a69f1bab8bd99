package io.streamlytics.flink.metrics;

import static io.streamlytics.flink.TestEvents.BEGINNING;
import static io.streamlytics.flink.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamlytics.core.event.Event;
import io.streamlytics.core.event.EventCodec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The streaming decoder reads what the full decoder would, for the fields metrics use. */
class MetricEventDeserializerTest {

    @Test
    void readsTheFieldsMetricsUseAsTheFullDecoderWould() {
        Event e = event(7, "ins-1", "purchase", "ann", BEGINNING);
        e.properties = "{\"plan\":\"pro\",\"nested\":{\"a\":[1,2]},\"revenue\":12.5}";
        e.context.country = "DE";
        e.context.deviceType = "mobile";
        e.context.pageTitle = "Checkout";
        e.context.userAgent = "Mozilla/5.0";
        e.personProperties = "{\"email\":\"a@example.com\"}";

        MetricEvent decoded = MetricEventDeserializer.decode(EventCodec.toJson(e));

        assertThat(decoded).usingRecursiveComparison().isEqualTo(MetricEvent.of(e));
        assertThat(decoded.page).isEqualTo("Checkout");
    }

    @Test
    void whatIsNotAnEventOfAKnownVersionIsSkipped() {
        Event e = event(7, "ins-1", "purchase", "ann", BEGINNING);
        String json = new String(EventCodec.toJson(e), StandardCharsets.UTF_8);

        assertThat(MetricEventDeserializer.decode("not json".getBytes(StandardCharsets.UTF_8)))
                .isNull();
        assertThat(MetricEventDeserializer.decode(null)).isNull();
        assertThat(
                        MetricEventDeserializer.decode(
                                json.replace("\"v\":1", "\"v\":99")
                                        .getBytes(StandardCharsets.UTF_8)))
                .isNull();
        assertThat(
                        MetricEventDeserializer.decode(
                                json.replace("\"insertId\":\"ins-1\",", "")
                                        .getBytes(StandardCharsets.UTF_8)))
                .isNull();
    }
}
