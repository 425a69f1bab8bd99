package io.streamlytics.console.insights.domain;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A condition on a property as the builders edit it; {@code value} is comma-separated for the "in
 * list" operators. Written as, and read from, a filter of the JSON query model.
 */
public record Filter(String property, String op, String value) {
    public static final List<String> OPERATORS =
            List.of(
                    "equals",
                    "not_equals",
                    "contains",
                    "not_contains",
                    "regex",
                    "gt",
                    "gte",
                    "lt",
                    "lte",
                    "is_set",
                    "is_not_set");

    private static final List<String> NUMERIC = List.of("gt", "gte", "lt", "lte");
    private static final List<String> UNARY = List.of("is_set", "is_not_set");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public ObjectNode toJson() {
        ObjectNode condition = JSON.createObjectNode();
        condition.put("property", property.strip()).put("op", op);
        if (UNARY.contains(op)) {
            return condition;
        }
        String trimmed = value.strip();
        if (NUMERIC.contains(op)) {
            try {
                condition.put("value", Double.parseDouble(trimmed));
            } catch (NumberFormatException e) {
                // the query model names the problem ("needs a number") when it is run
                condition.put("value", trimmed);
            }
        } else if ((op.equals("equals") || op.equals("not_equals")) && trimmed.contains(",")) {
            ArrayNode list = condition.putArray("value");
            for (String v : trimmed.split(",")) {
                list.add(v.strip());
            }
        } else {
            condition.put("value", trimmed);
        }
        return condition;
    }

    public static Filter fromJson(JsonNode f) {
        JsonNode value = f.path("value");
        List<String> values = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(v -> values.add(v.asString()));
        } else if (!value.isMissingNode()) {
            values.add(value.isNumber() ? number(value) : value.asString());
        }
        return new Filter(
                f.path("property").asString(""),
                f.path("op").asString("equals"),
                String.join(", ", values));
    }

    /** Adds {@code filters} to {@code query} as its "filters" (none: nothing). */
    public static void addTo(ObjectNode query, List<Filter> filters) {
        if (!filters.isEmpty()) {
            ArrayNode conditions = query.putArray("filters");
            filters.forEach(f -> conditions.add(f.toJson()));
        }
    }

    /** The filters of a query. */
    public static List<Filter> of(JsonNode query) {
        List<Filter> filters = new ArrayList<>();
        query.path("filters").forEach(f -> filters.add(fromJson(f)));
        return filters;
    }

    private static String number(JsonNode value) {
        double d = value.asDouble();
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
