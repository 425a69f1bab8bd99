package io.streamlytics.console.insights.domain;

import java.util.ArrayList;
import java.util.List;
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

    public static final List<String> CHARTS = List.of("line", "bar", "area", "number", "table");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One line: an event ("*" for all) and how it is counted. */
    public record Series(String event, String aggregation, String property) {}

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
        Filter.addTo(query, filters);
        if (!breakdown.isBlank()) {
            query.putObject("breakdown").put("property", breakdown.strip());
        }
        if (compare) {
            query.put("compare", true);
        }
        return query;
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
        form.filters = Filter.of(query);
        return form;
    }

    /** The URL parameter: the query as base64url JSON. */
    public String toParameter() {
        return LinkedQuery.encode(toQuery());
    }

    /** The form a URL parameter holds; a mangled one gives the default form. */
    public static TrendsForm fromParameter(String parameter, String chart) {
        return LinkedQuery.decode(parameter)
                .map(query -> fromQuery(query, chart))
                .orElseGet(
                        () -> {
                            TrendsForm form = new TrendsForm();
                            form.chart = CHARTS.contains(chart) ? chart : "line";
                            return form;
                        });
    }
}
