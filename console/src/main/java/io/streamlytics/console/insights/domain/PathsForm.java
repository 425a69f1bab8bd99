package io.streamlytics.console.insights.domain;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the paths builder holds: where paths start (or end), how deep, events or pages; as a paths
 * query of the JSON model and as a URL parameter.
 */
public final class PathsForm {
    public static final List<String> RANGES = List.of("7d", "14d", "30d", "90d");
    public static final List<String> ELEMENTS = List.of("event", "page");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Paths after a person's first such event (blank: from their first event). */
    public String start = "";

    /** Or: paths up to a person's last such event (only one of start and end). */
    public String end = "";

    public int depth = 5;
    public String element = "event";
    public boolean collapseRepeats = true;
    public String range = "30d";
    public List<Filter> filters = List.of();

    public ObjectNode toQuery() {
        ObjectNode query = JSON.createObjectNode();
        query.put("version", 1).put("kind", "paths");
        query.putObject("range").put("last", range);
        if (!start.isBlank()) {
            query.putObject("start").put("event", start.strip());
        } else if (!end.isBlank()) {
            query.putObject("end").put("event", end.strip());
        }
        query.put("depth", depth).put("element", element).put("collapse_repeats", collapseRepeats);
        Filter.addTo(query, filters);
        return query;
    }

    public static PathsForm fromQuery(JsonNode query) {
        PathsForm form = new PathsForm();
        form.range = query.path("range").path("last").asString(form.range);
        form.start = query.path("start").path("event").asString("");
        form.end = query.path("end").path("event").asString("");
        form.depth = query.path("depth").asInt(form.depth);
        form.element = query.path("element").asString(form.element);
        form.collapseRepeats = query.path("collapse_repeats").asBoolean(true);
        form.filters = Filter.of(query);
        return form;
    }

    public String toParameter() {
        return LinkedQuery.encode(toQuery());
    }

    public static PathsForm fromParameter(String parameter) {
        return LinkedQuery.decode(parameter).map(PathsForm::fromQuery).orElseGet(PathsForm::new);
    }
}
