package io.streamlytics.console.dashboards.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import io.streamlytics.console.base.ui.ChartOptions;
import io.streamlytics.console.base.ui.EChart;
import io.streamlytics.console.dashboards.domain.Widget;
import io.streamlytics.console.insights.ui.Results;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import tools.jackson.databind.JsonNode;

/**
 * A widget on a dashboard: its title, its chart drawn from the saved insight's result (trends as
 * saved, a funnel's steps, retention's average, paths as a Sankey), or a live counter.
 */
class WidgetCard extends Div {
    private final Widget widget;
    private final Div body = new Div();
    private final Span value = new Span("–");

    WidgetCard(Widget widget, Component... controls) {
        this.widget = widget;
        addClassName("widget");
        getElement().setAttribute("data-widget", Long.toString(widget.id()));
        getStyle()
                .set("border", "1px solid var(--lumo-contrast-10pct)")
                .set("border-radius", "var(--lumo-border-radius-l)")
                .set("padding", "var(--lumo-space-s) var(--lumo-space-m)")
                .set("min-width", "0");
        if (widget.width() == 2) {
            getStyle().set("grid-column", "span 2");
            addClassName("widget-wide");
        }
        Div header = new Div(new H3(widget.title()));
        header.add(controls);
        header.getStyle()
                .set("display", "flex")
                .set("gap", "var(--lumo-space-s)")
                .set("align-items", "baseline");
        value.getStyle().set("font-size", "2.5em").set("font-weight", "600");
        value.addClassName("widget-value");
        add(header, body);
        if (widget.live()) {
            value.addClassName("live-value");
            body.add(value, new Div(new Span("people active in the last 5 minutes")));
        }
    }

    Widget widget() {
        return widget;
    }

    /** Shows the live counter's value. */
    void live(long activeUsers) {
        value.setText(String.format(Locale.ROOT, "%,d", activeUsers));
    }

    /** Runs the insight through {@code run} (analysis, query → result) and draws it. */
    void refresh(BiFunction<String, String, JsonNode> run) {
        if (widget.live()) {
            return;
        }
        body.removeAll();
        JsonNode result;
        long started = System.nanoTime();
        try {
            result = run.apply(widget.analysis(), widget.query());
            // what the dashboard benchmark reads: the server's time for this widget
            getElement()
                    .setAttribute(
                            "data-server-ms",
                            Long.toString((System.nanoTime() - started) / 1_000_000));
        } catch (RuntimeException e) {
            body.add(new Span("Not available right now: " + e.getMessage()));
            return;
        }
        if (widget.analysis().equals("trends") && widget.chart().equals("number")) {
            value.setText(Results.headline(result));
            body.add(value);
            return;
        }
        EChart chart = new EChart("260px");
        chart.setOption(option(widget, result));
        body.add(chart);
    }

    static String option(Widget widget, JsonNode result) {
        return switch (widget.analysis()) {
            case "funnels" -> {
                List<String> steps = new ArrayList<>();
                List<Long> people = new ArrayList<>();
                for (JsonNode s : result.path("steps")) {
                    steps.add(s.path("step").asInt() + ". " + s.path("event").asString());
                    people.add(s.path("people").asLong());
                }
                yield ChartOptions.series("bar", steps, Map.of("people", people));
            }
            case "retention" -> {
                List<String> periods = new ArrayList<>();
                List<Double> rates = new ArrayList<>();
                JsonNode average = result.path("average");
                for (int p = 0; p < average.size(); p++) {
                    periods.add(result.path("period").asString() + " " + p);
                    rates.add(average.get(p).isNull() ? null : average.get(p).asDouble() * 100);
                }
                yield ChartOptions.lines(periods, Map.of("retained %", rates));
            }
            case "paths" -> ChartOptions.sankey(Results.flows(result));
            default -> {
                String type =
                        List.of("bar", "area").contains(widget.chart()) ? widget.chart() : "line";
                yield ChartOptions.series(type, Results.buckets(result), Results.lines(result));
            }
        };
    }
}
