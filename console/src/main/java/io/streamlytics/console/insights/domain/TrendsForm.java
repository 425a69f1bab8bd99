package io.streamlytics.console.insights.domain;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the trends builder holds, and its two faces: the query of the JSON model
 * (docs/query-model.md) it runs, and the URL parameter that reproduces it.
 */
public final class TrendsForm {
    public static final List<String> RANGES = List.of("24h", "7d", "14d", "30d", "90d", "180d");
    public static final List<String> GRANULARITIES = List.of("hour", "day", "week", "month");
    public static final List<String> AGGREGATIONS =
            List.of(
                    "total",
                    "unique_users",
                    "per_user_average",
                    "sum",
                    "avg",
                    "min",
                    "max",
                    "p50",
                    "p90",
                    "p99",
                    "dau",
                    "wau",
                    "mau");

    /** Aggregations that read a numeric property. */
    public static final List<String> OF_PROPERTY =
            List.of("sum", "avg", "min", "max", "p50", "p90", "p99");

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
    public static final List<String> CHARTS = List.of("line", "bar", "area", "number", "table");

    private static final List<String> NUMERIC = List.of("gt", "gte", "lt", "lte");
    private static final List<String> UNARY = List.of("is_set", "is_not_set");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One line: an event ("*" for all) and how it is counted. */
    public record Series(String event, String aggregation, String property) {}

    /** A condition on a property; {@code value} is comma-separated for "in list" operators. */
    public record Filter(String property, String op, String value) {}

    public List<Series> series = new ArrayList<>(List.of(new Series("*", "total", "")));
    public List<Filter> filters = new ArrayList<>();
    public String breakdown = "";
    public String range = "30d";
    public String granularity = "day";
    public boolean compare;
    public String chart = "line";

    /** The query of the JSON model. */
    public ObjectNode toQuery() {
        ObjectNode query = JSON.createObjectNode();
        query.put("version", 1).put("kind", "trends");
        query.putObject("range").put("last", range);
        query.put("granularity", granularity);
        ArrayNode lines = query.putArray("series");
        for (Series s : series) {
            ObjectNode line = lines.addObject().put("event", s.event().isBlank() ? "*" : s.event());
            ObjectNode aggregation = line.putObject("aggregation").put("type", s.aggregation());
            if (OF_PROPERTY.contains(s.aggregation())) {
                aggregation.put("property", s.property());
            }
        }
        if (!filters.isEmpty()) {
            ArrayNode conditions = query.putArray("filters");
            filters.forEach(f -> conditions.add(filter(f)));
        }
        if (!breakdown.isBlank()) {
            query.putObject("breakdown").put("property", breakdown.strip());
        }
        if (compare) {
            query.put("compare", true);
        }
        return query;
    }

    private static ObjectNode filter(Filter f) {
        ObjectNode condition = JSON.createObjectNode();
        condition.put("property", f.property().strip()).put("op", f.op());
        if (UNARY.contains(f.op())) {
            return condition;
        }
        String value = f.value().strip();
        if (NUMERIC.contains(f.op())) {
            try {
                condition.put("value", Double.parseDouble(value));
            } catch (NumberFormatException e) {
                // the query model names the problem ("needs a number") when it is run
                condition.put("value", value);
            }
        } else if ((f.op().equals("equals") || f.op().equals("not_equals"))
                && value.contains(",")) {
            ArrayNode list = condition.putArray("value");
            for (String v : value.split(",")) {
                list.add(v.strip());
            }
        } else {
            condition.put("value", value);
        }
        return condition;
    }

    /** The form of a query this builder wrote (other queries: as much as it can show). */
    public static TrendsForm fromQuery(JsonNode query, String chart) {
        TrendsForm form = new TrendsForm();
        form.range = query.path("range").path("last").asString(form.range);
        form.granularity = query.path("granularity").asString(form.granularity);
        form.compare = query.path("compare").asBoolean(false);
        form.breakdown = query.path("breakdown").path("property").asString("");
        form.chart = CHARTS.contains(chart) ? chart : "line";
        form.series = new ArrayList<>();
        for (JsonNode line : query.path("series")) {
            JsonNode aggregation = line.path("aggregation");
            form.series.add(
                    new Series(
                            line.path("event").asString("*"),
                            aggregation.path("type").asString("total"),
                            aggregation.path("property").asString("")));
        }
        if (form.series.isEmpty()) {
            form.series.add(new Series("*", "total", ""));
        }
        for (JsonNode f : query.path("filters")) {
            JsonNode value = f.path("value");
            List<String> values = new ArrayList<>();
            if (value.isArray()) {
                value.forEach(v -> values.add(v.asString()));
            } else if (!value.isMissingNode()) {
                values.add(value.isNumber() ? number(value) : value.asString());
            }
            form.filters.add(
                    new Filter(
                            f.path("property").asString(""),
                            f.path("op").asString("equals"),
                            String.join(", ", values)));
        }
        return form;
    }

    private static String number(JsonNode value) {
        double d = value.asDouble();
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** The URL parameter: the query as base64url JSON. */
    public String toParameter() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(JSON.writeValueAsBytes(toQuery()));
    }

    /** The form a URL parameter holds; a mangled one gives the default form. */
    public static TrendsForm fromParameter(String parameter, String chart) {
        try {
            byte[] json = Base64.getUrlDecoder().decode(parameter);
            return fromQuery(JSON.readTree(new String(json, StandardCharsets.UTF_8)), chart);
        } catch (IllegalArgumentException | JacksonException e) {
            TrendsForm form = new TrendsForm();
            form.chart = CHARTS.contains(chart) ? chart : "line";
            return form;
        }
    }
}
