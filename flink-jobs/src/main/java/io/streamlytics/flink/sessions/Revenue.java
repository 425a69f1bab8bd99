package io.streamlytics.flink.sessions;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The {@code revenue} property of an event (a number, or a numeric string), 0 when absent. */
final class Revenue {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Revenue() {}

    static double of(String properties) {
        // most events carry no revenue: skip parsing them
        if (properties == null || !properties.contains("\"revenue\"")) {
            return 0;
        }
        try {
            JsonNode value = JSON.readTree(properties).path("revenue");
            if (value.isNumber()) {
                return value.asDouble();
            }
            if (value.isString()) {
                return Double.parseDouble(value.asString());
            }
        } catch (JacksonException | NumberFormatException e) {
            // not a number: no revenue
        }
        return 0;
    }
}
