package io.streamlytics.query.segments;

import com.networknt.schema.Schema;
import io.streamlytics.core.text.Durations;
import io.streamlytics.core.text.JsonSchemas;
import io.streamlytics.query.InvalidQueryException;
import io.streamlytics.query.model.EventSelector;
import io.streamlytics.query.model.QueryReader;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a dynamic segment's definition ({@code schemas/segment.v1.json}); its filters are checked
 * by the query model's schema. Thread-safe.
 */
public final class SegmentReader {
    public static final String SCHEMA = "/schemas/segment.v1.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Schema schema;
    private final QueryReader queries;

    private SegmentReader(Schema schema, QueryReader queries) {
        this.schema = schema;
        this.queries = queries;
    }

    public static SegmentReader load() {
        return new SegmentReader(JsonSchemas.load(SegmentReader.class, SCHEMA), QueryReader.load());
    }

    public SegmentCondition read(String json) {
        try {
            return read(JSON.readTree(json));
        } catch (JacksonException e) {
            throw new InvalidQueryException(
                    "the definition is not valid JSON: " + e.getOriginalMessage());
        }
    }

    public SegmentCondition read(JsonNode definition) {
        List<String> problems = JsonSchemas.problems(schema, definition);
        if (!problems.isEmpty()) {
            throw new InvalidQueryException(problems);
        }
        return condition(definition.path("match"), "match");
    }

    private SegmentCondition condition(JsonNode node, String where) {
        if (node.has("did")) {
            JsonNode did = node.path("did");
            return new SegmentCondition.Did(
                    new EventSelector(
                            did.path("event").asString(),
                            did.has("filters")
                                    ? queries.readFilters(
                                            did.path("filters"), where + ".did.filters")
                                    : List.of()),
                    node.path("at_least").asLong(1),
                    node.has("at_most") ? node.path("at_most").asLong() : null,
                    Durations.parse(node.path("in_last").asString()));
        }
        if (node.has("active_days")) {
            return new SegmentCondition.ActiveDays(
                    node.path("active_days").asLong(),
                    Durations.parse(node.path("in_last").asString()));
        }
        if (node.has("first_seen_within")) {
            return new SegmentCondition.FirstSeen(
                    Durations.parse(node.path("first_seen_within").asString()));
        }
        if (node.has("has")) {
            var array = JSON.createArrayNode().add(node.path("has"));
            return new SegmentCondition.Property(queries.readFilters(array, where + ".has").get(0));
        }
        if (node.has("preset")) {
            return Presets.named(node.path("preset").asString());
        }
        if (node.has("not")) {
            return new SegmentCondition.Not(condition(node.path("not"), where + ".not"));
        }
        boolean all = node.has("and");
        List<SegmentCondition> children = new ArrayList<>();
        int i = 0;
        for (JsonNode child : node.path(all ? "and" : "or")) {
            children.add(condition(child, where + (all ? ".and." : ".or.") + i++));
        }
        return all ? new SegmentCondition.All(children) : new SegmentCondition.Any(children);
    }
}
