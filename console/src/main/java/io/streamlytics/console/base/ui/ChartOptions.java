package io.streamlytics.console.base.ui;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** ECharts options for the charts the console draws, built as JSON on the server. */
public final class ChartOptions {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ChartOptions() {}

    /** Lines over {@code x}, one per entry of {@code lines} (name → values; null is a gap). */
    public static String lines(
            List<String> x, Map<String, ? extends List<? extends Number>> lines) {
        return series("line", x, lines);
    }

    /**
     * One series per entry of {@code lines} over {@code x}, drawn as {@code type}: {@code line},
     * {@code bar} or {@code area} (a line filled to the axis).
     */
    public static String series(
            String type, List<String> x, Map<String, ? extends List<? extends Number>> lines) {
        ObjectNode option = base();
        option.putObject("legend").put("top", 0);
        option.putObject("xAxis").put("type", "category").set("data", strings(x));
        option.putObject("yAxis").put("type", "value");
        ArrayNode series = option.putArray("series");
        lines.forEach(
                (name, values) -> {
                    ObjectNode line = series.addObject();
                    line.put("name", name)
                            .put("type", type.equals("bar") ? "bar" : "line")
                            .put("showSymbol", false);
                    if (type.equals("area")) {
                        line.putObject("areaStyle");
                    }
                    ArrayNode data = line.putArray("data");
                    values.forEach(v -> addNumber(data, v));
                });
        return JSON.writeValueAsString(option);
    }

    /** Horizontal bars, largest on top: names and their values. */
    public static String bars(List<String> names, List<? extends Number> values) {
        ObjectNode option = base();
        option.putObject("grid").put("left", 8).put("right", 24).put("containLabel", true);
        option.putObject("xAxis").put("type", "value");
        ObjectNode y = option.putObject("yAxis");
        y.put("type", "category").put("inverse", true).set("data", strings(names));
        ArrayNode data = option.putArray("series").addObject().put("type", "bar").putArray("data");
        values.forEach(v -> addNumber(data, v));
        return JSON.writeValueAsString(option);
    }

    /** A link of a Sankey chart: from a node at a position to one at the next, and how many. */
    public record Flow(int step, String from, String to, long value) {}

    /**
     * A Sankey chart of flows between positions. A node is a name at a position (the same page
     * second and fourth is two nodes, as a Sankey needs no cycles), labelled with its name.
     */
    public static String sankey(List<Flow> flows) {
        ObjectNode option = JSON.createObjectNode();
        option.put("animation", false);
        option.putObject("tooltip").put("trigger", "item");
        ObjectNode series = option.putArray("series").addObject();
        series.put("type", "sankey").put("nodeAlign", "left").put("left", 8).put("right", 120);
        series.putObject("emphasis").put("focus", "adjacency");
        ArrayNode nodes = series.putArray("data");
        ArrayNode links = series.putArray("links");
        java.util.Set<String> seen = new java.util.LinkedHashSet<>();
        for (Flow f : flows) {
            String source = f.step() + ". " + f.from();
            String target = (f.step() + 1) + ". " + f.to();
            for (String node : List.of(source, target)) {
                if (seen.add(node)) {
                    nodes.addObject().put("name", node);
                }
            }
            links.addObject().put("source", source).put("target", target).put("value", f.value());
        }
        return JSON.writeValueAsString(option);
    }

    private static ObjectNode base() {
        ObjectNode option = JSON.createObjectNode();
        option.put("animation", false);
        option.putObject("tooltip").put("trigger", "axis");
        option.putObject("grid").put("left", 48).put("right", 16).put("top", 32).put("bottom", 24);
        return option;
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = JSON.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    private static void addNumber(ArrayNode data, Number v) {
        if (v == null) {
            data.addNull();
        } else {
            data.add(v.doubleValue());
        }
    }
}
