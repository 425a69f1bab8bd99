package io.streamlytics.console.retention.domain;

import io.streamlytics.console.insights.domain.Filter;
import io.streamlytics.console.insights.domain.LinkedQuery;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the retention builder holds: who starts a cohort, what counts as coming back, by day, week
 * or month, overall and for each chosen segment; as a retention query of the JSON model and as a
 * URL parameter.
 */
public final class RetentionForm {
    public static final List<String> RANGES = List.of("14d", "30d", "8w", "12w", "26w", "52w");
    public static final List<String> PERIODS = List.of("day", "week", "month");
    public static final List<String> MODES = List.of("first_time", "recurring");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public String start = "*";
    public String back = "*";
    public String period = "week";
    public int periods = 8;
    public String mode = "first_time";
    public boolean unbounded;
    public String range = "12w";
    public List<Filter> filters = new ArrayList<>();

    /** Segments (ids) whose members get a retention of their own beside everyone's. */
    public List<Long> segments = new ArrayList<>();

    public ObjectNode toQuery() {
        ObjectNode query = JSON.createObjectNode();
        query.put("version", 1).put("kind", "retention");
        query.putObject("range").put("last", range);
        query.putObject("start").put("event", blankIsAll(start));
        query.putObject("return").put("event", blankIsAll(back));
        query.put("period", period).put("periods", periods).put("mode", mode);
        if (unbounded) {
            query.put("unbounded", true);
        }
        Filter.addTo(query, filters);
        if (!segments.isEmpty()) {
            ArrayNode ids = query.putObject("breakdown").putArray("segments");
            segments.forEach(ids::add);
        }
        return query;
    }

    public static RetentionForm fromQuery(JsonNode query) {
        RetentionForm form = new RetentionForm();
        form.range = query.path("range").path("last").asString(form.range);
        form.start = query.path("start").path("event").asString("*");
        form.back = query.path("return").path("event").asString("*");
        form.period = query.path("period").asString(form.period);
        form.periods = query.path("periods").asInt(form.periods);
        form.mode = query.path("mode").asString(form.mode);
        form.unbounded = query.path("unbounded").asBoolean(false);
        form.filters = Filter.of(query);
        query.path("breakdown").path("segments").forEach(id -> form.segments.add(id.asLong()));
        return form;
    }

    public String toParameter() {
        return LinkedQuery.encode(toQuery());
    }

    public static RetentionForm fromParameter(String parameter) {
        return LinkedQuery.decode(parameter)
                .map(RetentionForm::fromQuery)
                .orElseGet(RetentionForm::new);
    }

    private static String blankIsAll(String event) {
        return event == null || event.isBlank() ? "*" : event.strip();
    }
}
