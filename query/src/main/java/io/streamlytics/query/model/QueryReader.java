package io.streamlytics.query.model;

import com.networknt.schema.Schema;
import io.streamlytics.core.text.Durations;
import io.streamlytics.core.text.JsonSchemas;
import io.streamlytics.query.InvalidQueryException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a query in the JSON model (version 1, {@code schemas/query.v1.json}): checks it against the
 * schema, then what the schema cannot say (a property for sums, exclusion steps that exist). Every
 * problem is reported with where it is. Thread-safe.
 */
public final class QueryReader {
    public static final String SCHEMA = "/schemas/query.v1.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Schema schema;

    private QueryReader(Schema schema) {
        this.schema = schema;
    }

    public static QueryReader load() {
        return new QueryReader(JsonSchemas.load(QueryReader.class, SCHEMA));
    }

    public Query read(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new InvalidQueryException(
                    "the query is not valid JSON: " + e.getOriginalMessage());
        }
        return read(node);
    }

    public Query read(JsonNode node) {
        List<String> problems = JsonSchemas.problems(schema, node);
        if (!problems.isEmpty()) {
            throw new InvalidQueryException(problems);
        }
        List<String> checks = new ArrayList<>();
        Query query =
                switch (node.path("kind").asString()) {
                    case "trends" -> trends(node, checks);
                    case "funnel" -> funnel(node, checks);
                    case "retention" -> retention(node);
                    default -> paths(node);
                };
        if (!checks.isEmpty()) {
            throw new InvalidQueryException(checks);
        }
        return query;
    }

    /**
     * Filters of the model on their own (a segment definition uses them), checked by the same
     * schema; problems are reported under {@code where}.
     */
    public List<Filter> readFilters(JsonNode filters, String where) {
        tools.jackson.databind.node.ObjectNode query = JSON.createObjectNode();
        query.put("version", Query.VERSION).put("kind", "trends");
        query.putObject("range").put("last", "1d");
        query.putArray("series").addObject().put("event", "*");
        query.set("filters", filters);
        List<String> problems = JsonSchemas.problems(schema, query);
        if (!problems.isEmpty()) {
            throw new InvalidQueryException(
                    problems.stream().map(p -> where + p.replaceFirst("^filters", "")).toList());
        }
        return filters(filters);
    }

    private static TrendsQuery trends(JsonNode node, List<String> problems) {
        List<TrendsQuery.Series> series = new ArrayList<>();
        int i = 0;
        for (JsonNode s : node.path("series")) {
            JsonNode agg = s.path("aggregation");
            Aggregation.Type type =
                    agg.isMissingNode()
                            ? Aggregation.Type.TOTAL
                            : Aggregation.Type.valueOf(upper(agg.path("type").asString()));
            PropertyRef property = agg.has("property") ? property(agg) : null;
            if (type.needsProperty() && property == null) {
                problems.add(
                        "series["
                                + i
                                + "].aggregation: \""
                                + agg.path("type").asString()
                                + "\" needs a \"property\" (the number to aggregate)");
            }
            series.add(new TrendsQuery.Series(selector(s), new Aggregation(type, property)));
            i++;
        }
        Granularity granularity = Granularity.valueOf(upper(text(node, "granularity", "day")));
        String formula = node.has("formula") ? node.path("formula").asString() : null;
        if (formula != null) {
            Formula.check(formula, series.size()).ifPresent(problems::add);
        }
        return new TrendsQuery(
                range(node),
                filters(node.path("filters")),
                series,
                granularity,
                breakdown(node),
                node.path("compare").asBoolean(false),
                formula);
    }

    private static FunnelQuery funnel(JsonNode node, List<String> problems) {
        List<FunnelQuery.Step> steps = new ArrayList<>();
        for (JsonNode s : node.path("steps")) {
            steps.add(
                    new FunnelQuery.Step(
                            selector(s),
                            s.has("within") ? Durations.parse(s.path("within").asString()) : null));
        }
        List<FunnelQuery.Exclusion> exclusions = new ArrayList<>();
        int i = 0;
        for (JsonNode e : node.path("exclusions")) {
            int after = e.path("after_step").asInt();
            int before = e.path("before_step").asInt();
            if (after >= before || before > steps.size()) {
                problems.add(
                        "exclusions["
                                + i
                                + "]: after_step must be before before_step, both between 1 and "
                                + steps.size());
            }
            exclusions.add(new FunnelQuery.Exclusion(selector(e), after, before));
            i++;
        }
        FunnelQuery.Order order = FunnelQuery.Order.valueOf(upper(text(node, "order", "ordered")));
        FunnelQuery.View view = FunnelQuery.View.valueOf(upper(text(node, "view", "steps")));
        if (order == FunnelQuery.Order.ANY && !exclusions.isEmpty()) {
            problems.add("exclusions: not possible with order \"any\" (steps have no order)");
        }
        FunnelQuery.People people = null;
        JsonNode p = node.path("people");
        if (view == FunnelQuery.View.PEOPLE) {
            if (p.isMissingNode()) {
                problems.add("people: the view \"people\" needs {\"step\": n}");
            } else if (p.path("step").asInt() > steps.size()) {
                problems.add("people.step: the funnel has " + steps.size() + " steps");
            }
        }
        if (!p.isMissingNode()) {
            people =
                    new FunnelQuery.People(
                            p.path("step").asInt(),
                            "converted".equals(text(p, "status", "dropped")),
                            p.path("limit").asInt(100),
                            p.path("offset").asInt(0));
        }
        Duration window =
                node.has("window")
                        ? Durations.parse(node.path("window").asString())
                        : FunnelQuery.DEFAULT_WINDOW;
        return new FunnelQuery(
                range(node),
                filters(node.path("filters")),
                steps,
                order,
                window,
                exclusions,
                breakdown(node),
                view,
                Granularity.valueOf(upper(text(node, "granularity", "day"))),
                people);
    }

    private static RetentionQuery retention(JsonNode node) {
        EventSelector start = selector(node.path("start"));
        return new RetentionQuery(
                range(node),
                filters(node.path("filters")),
                start,
                node.has("return") ? selector(node.path("return")) : EventSelector.of("*"),
                RetentionQuery.Period.valueOf(upper(text(node, "period", "day"))),
                node.path("periods").asInt(7),
                RetentionQuery.Mode.valueOf(upper(text(node, "mode", "first_time"))),
                node.path("unbounded").asBoolean(false),
                breakdown(node));
    }

    private static PathsQuery paths(JsonNode node) {
        return new PathsQuery(
                range(node),
                filters(node.path("filters")),
                node.has("start") ? selector(node.path("start")) : null,
                node.has("end") ? selector(node.path("end")) : null,
                node.path("depth").asInt(5),
                node.path("min_count").asInt(1),
                node.path("limit").asInt(50),
                PathsQuery.Element.valueOf(upper(text(node, "element", "event"))),
                node.path("collapse_repeats").asBoolean(true));
    }

    private static TimeRange range(JsonNode node) {
        JsonNode r = node.path("range");
        return r.has("last")
                ? TimeRange.last(r.path("last").asString())
                : TimeRange.between(r.path("from").asString(), r.path("to").asString());
    }

    private static EventSelector selector(JsonNode node) {
        return new EventSelector(node.path("event").asString(), filters(node.path("filters")));
    }

    private static Breakdown breakdown(JsonNode node) {
        JsonNode b = node.path("breakdown");
        if (b.isMissingNode()) {
            return null;
        }
        if (b.has("segments")) {
            List<Long> segments = new ArrayList<>();
            b.path("segments").forEach(id -> segments.add(id.asLong()));
            return Breakdown.bySegments(segments);
        }
        return new Breakdown(property(b), b.path("limit").asInt(Breakdown.DEFAULT_LIMIT));
    }

    static List<Filter> filters(JsonNode array) {
        List<Filter> filters = new ArrayList<>();
        for (JsonNode f : array) {
            filters.add(filter(f));
        }
        return filters;
    }

    private static Filter filter(JsonNode f) {
        if (f.has("and")) {
            return new Filter.AllOf(filters(f.path("and")));
        }
        if (f.has("or")) {
            return new Filter.AnyOf(filters(f.path("or")));
        }
        if (f.has("segment")) {
            return new Filter.InSegment(f.path("segment").asLong(), false);
        }
        if (f.has("not_segment")) {
            return new Filter.InSegment(f.path("not_segment").asLong(), true);
        }
        List<Object> values = new ArrayList<>();
        JsonNode value = f.path("value");
        if (value.isArray()) {
            value.forEach(v -> values.add(scalar(v)));
        } else if (!value.isMissingNode()) {
            values.add(scalar(value));
        }
        return new Filter.Condition(
                property(f), Filter.Operator.valueOf(upper(f.path("op").asString())), values);
    }

    private static Object scalar(JsonNode v) {
        if (v.isNumber()) {
            return v.numberValue();
        }
        return v.isBoolean() ? v.booleanValue() : v.asString();
    }

    private static PropertyRef property(JsonNode node) {
        return new PropertyRef(
                node.path("property").asString(),
                "person".equals(text(node, "source", "event"))
                        ? PropertyRef.Source.PERSON
                        : PropertyRef.Source.EVENT);
    }

    private static String text(JsonNode node, String field, String fallback) {
        return node.has(field) ? node.path(field).asString() : fallback;
    }

    private static String upper(String name) {
        return name.toUpperCase(Locale.ROOT);
    }
}
