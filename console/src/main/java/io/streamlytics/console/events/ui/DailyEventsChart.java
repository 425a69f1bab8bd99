package io.streamlytics.console.events.ui;

import com.vaadin.flow.component.html.Div;
import io.streamlytics.console.events.domain.DailyCount;
import java.util.List;

/**
 * Events per day as a bar chart, drawn on the server as SVG: no front-end build, and every label is
 * escaped here.
 */
class DailyEventsChart extends Div {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 220;
    private static final int BOTTOM = 24;

    DailyEventsChart() {
        setWidthFull();
        addClassName("daily-events-chart");
    }

    void show(List<DailyCount> days) {
        getElement().setProperty("innerHTML", svg(days));
    }

    static String svg(List<DailyCount> days) {
        long max = Math.max(1, days.stream().mapToLong(DailyCount::events).max().orElse(1));
        double slot = (double) WIDTH / Math.max(1, days.size());
        StringBuilder svg =
                new StringBuilder()
                        .append("<svg viewBox='0 0 ")
                        .append(WIDTH)
                        .append(' ')
                        .append(HEIGHT)
                        .append("' width='100%' role='img' aria-label='Events per day'>");
        for (int i = 0; i < days.size(); i++) {
            DailyCount day = days.get(i);
            double height = (HEIGHT - BOTTOM - 16) * (double) day.events() / max;
            double x = i * slot + slot * 0.15;
            svg.append("<rect class='bar' data-day='")
                    .append(day.day())
                    .append("' data-events='")
                    .append(day.events())
                    .append("' x='")
                    .append(fmt(x))
                    .append("' y='")
                    .append(fmt(HEIGHT - BOTTOM - height))
                    .append("' width='")
                    .append(fmt(slot * 0.7))
                    .append("' height='")
                    .append(fmt(height))
                    .append("' fill='var(--lumo-primary-color)'><title>")
                    .append(day.day())
                    .append(": ")
                    .append(day.events())
                    .append(" events, ")
                    .append(day.users())
                    .append(" users</title></rect>");
            if (i % Math.max(1, days.size() / 6) == 0 || i == days.size() - 1) {
                svg.append("<text x='")
                        .append(fmt(x))
                        .append("' y='")
                        .append(HEIGHT - 6)
                        .append("' font-size='11' fill='var(--lumo-secondary-text-color)'>")
                        .append(day.day().toString().substring(5))
                        .append("</text>");
            }
        }
        return svg.append("</svg>").toString();
    }

    private static String fmt(double value) {
        return String.format(java.util.Locale.ROOT, "%.1f", value);
    }
}
