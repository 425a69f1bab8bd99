package io.streamlytics.console.funnels.domain;

import io.streamlytics.console.insights.domain.Filter;
import io.streamlytics.console.insights.domain.LinkedQuery;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the funnel builder holds, and its two faces: the funnel query of the JSON model
 * (docs/query-model.md) and the URL parameter that reproduces it.
 */
public final class FunnelForm {
    public static final List<String> RANGES = List.of("7d", "14d", "30d", "90d", "180d");
    public static final List<String> WINDOWS = List.of("1h", "1d", "7d", "14d", "30d");
    public static final List<String> ORDERS = List.of("ordered", "strict", "any");
    public static final List<String> VIEWS = List.of("steps", "time_to_convert", "trend");

    /** Time a step may take after the one before ("" for only the funnel's window). */
    public static final List<String> STEP_WINDOWS = List.of("", "5m", "30m", "1h", "1d", "7d");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** An event that, between two steps, ends a person's path at the earlier one. */
    public record Exclusion(String event, int afterStep, int beforeStep) {}

    /** The steps' events, in order ("*" is any event). */
    public List<String> steps = new ArrayList<>(List.of("*", "*"));

    /** Each step's time allowed since the step before ("" none), parallel to {@link #steps}. */
    public List<String> within = new ArrayList<>();

    public List<Filter> filters = new ArrayList<>();
    public List<Exclusion> exclusions = new ArrayList<>();
    public String range = "30d";
    public String window = "14d";
    public String order = "ordered";
    public String breakdown = "";
    public String view = "steps";

    public ObjectNode toQuery() {
        ObjectNode query = JSON.createObjectNode();
        query.put("version", 1).put("kind", "funnel");
        query.putObject("range").put("last", range);
        ArrayNode list = query.putArray("steps");
        for (int i = 0; i < steps.size(); i++) {
            String e = steps.get(i);
            ObjectNode step = list.addObject().put("event", e.isBlank() ? "*" : e.strip());
            String limit = i < within.size() ? within.get(i) : "";
            if (i > 0 && limit != null && !limit.isBlank()) {
                step.put("within", limit.strip());
            }
        }
        query.put("window", window).put("order", order);
        Filter.addTo(query, filters);
        if (!exclusions.isEmpty()) {
            ArrayNode excluded = query.putArray("exclusions");
            for (Exclusion x : exclusions) {
                excluded.addObject()
                        .put("event", x.event())
                        .put("after_step", x.afterStep())
                        .put("before_step", x.beforeStep());
            }
        }
        if (!breakdown.isBlank()) {
            query.putObject("breakdown").put("property", breakdown.strip());
        }
        query.put("view", view);
        if (view.equals("trend")) {
            query.put("granularity", "day");
        }
        return query;
    }

    /**
     * The query of the people who stopped just before {@code step} (reached the one before), or,
     * with {@code converted}, who reached it.
     */
    public ObjectNode peopleQuery(int step, boolean converted) {
        ObjectNode query = toQuery();
        query.remove("breakdown");
        query.remove("granularity");
        query.put("view", "people");
        query.putObject("people")
                .put("step", step)
                .put("status", converted ? "converted" : "dropped");
        return query;
    }

    public static FunnelForm fromQuery(JsonNode query) {
        FunnelForm form = new FunnelForm();
        form.range = query.path("range").path("last").asString(form.range);
        form.window = query.path("window").asString(form.window);
        form.order = query.path("order").asString(form.order);
        form.breakdown = query.path("breakdown").path("property").asString("");
        form.view =
                VIEWS.contains(query.path("view").asString())
                        ? query.path("view").asString()
                        : "steps";
        form.steps = new ArrayList<>();
        query.path("steps")
                .forEach(
                        s -> {
                            form.steps.add(s.path("event").asString("*"));
                            form.within.add(s.path("within").asString(""));
                        });
        while (form.steps.size() < 2) {
            form.steps.add("*");
            form.within.add("");
        }
        form.filters = Filter.of(query);
        query.path("exclusions")
                .forEach(
                        x ->
                                form.exclusions.add(
                                        new Exclusion(
                                                x.path("event").asString(""),
                                                x.path("after_step").asInt(1),
                                                x.path("before_step").asInt(2))));
        return form;
    }

    public String toParameter() {
        return LinkedQuery.encode(toQuery());
    }

    /** The form a URL parameter holds; a mangled one gives the default form. */
    public static FunnelForm fromParameter(String parameter) {
        return LinkedQuery.decode(parameter).map(FunnelForm::fromQuery).orElseGet(FunnelForm::new);
    }
}
