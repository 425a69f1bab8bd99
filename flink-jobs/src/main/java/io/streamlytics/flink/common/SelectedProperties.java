package io.streamlytics.flink.common;

import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a few named top-level properties out of an event's properties JSON with a streaming parser,
 * skipping everything else unparsed: the metrics job needs two or three values per event and must
 * not build a tree for each (nor does a session for its revenue).
 */
public final class SelectedProperties {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SelectedProperties() {}

    /**
     * Puts into {@code into} the value of each property named in {@code names} that is a scalar
     * (numbers and booleans as their JSON text); objects, arrays and null are left out.
     */
    public static void read(String properties, Set<String> names, Map<String, String> into) {
        if (names.isEmpty() || properties == null || properties.length() <= 2) {
            return;
        }
        if (!mentionsAny(properties, names)) {
            return;
        }
        try (JsonParser parser = JSON.createParser(properties)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    parser.skipChildren();
                } else if (value != JsonToken.VALUE_NULL && names.contains(name)) {
                    into.put(name, parser.getString());
                }
            }
        } catch (JacksonException e) {
            // the collector validated the JSON; a broken one simply has no values here
        }
    }

    /** A number from a property value: a JSON number or a numeric string; NaN if neither. */
    public static double number(String value) {
        if (value == null) {
            return Double.NaN;
        }
        try {
            double d = Double.parseDouble(value);
            return Double.isFinite(d) ? d : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static boolean mentionsAny(String properties, Set<String> names) {
        for (String name : names) {
            if (properties.contains(name)) {
                return true;
            }
        }
        return false;
    }
}
