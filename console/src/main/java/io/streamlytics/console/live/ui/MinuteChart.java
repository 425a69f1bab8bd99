package io.streamlytics.console.live.ui;

import com.vaadin.flow.component.html.Div;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Events per minute of the last hour as SVG bars, drawn on the server (no front-end build). */
class MinuteChart extends Div {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 180;
    private static final int BOTTOM = 20;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    MinuteChart() {
        setWidthFull();
        setId("events-per-minute");
    }

    void show(long currentMinute, List<Long> perMinute) {
        getElement().setProperty("innerHTML", svg(currentMinute, perMinute));
    }

    static String svg(long currentMinute, List<Long> perMinute) {
        long max = Math.max(1, perMinute.stream().mapToLong(Long::longValue).max().orElse(1));
        double slot = (double) WIDTH / Math.max(1, perMinute.size());
        StringBuilder svg =
                new StringBuilder("<svg viewBox='0 0 ")
                        .append(WIDTH)
                        .append(' ')
                        .append(HEIGHT)
                        .append("' width='100%' role='img' aria-label='Events per minute'>");
        for (int i = 0; i < perMinute.size(); i++) {
            long minute = currentMinute - (long) (perMinute.size() - 1 - i) * 60_000;
            long count = perMinute.get(i);
            double height = (HEIGHT - BOTTOM - 10) * (double) count / max;
            svg.append("<rect class='bar' data-events='")
                    .append(count)
                    .append("' x='")
                    .append(fmt(i * slot + 1))
                    .append("' y='")
                    .append(fmt(HEIGHT - BOTTOM - height))
                    .append("' width='")
                    .append(fmt(slot - 2))
                    .append("' height='")
                    .append(fmt(height))
                    .append("' fill='var(--lumo-primary-color)'><title>")
                    .append(TIME.format(Instant.ofEpochMilli(minute)))
                    .append(" UTC: ")
                    .append(count)
                    .append(" events</title></rect>");
            if (i % 10 == 0) {
                svg.append("<text x='")
                        .append(fmt(i * slot))
                        .append("' y='")
                        .append(HEIGHT - 4)
                        .append("' font-size='11' fill='var(--lumo-secondary-text-color)'>")
                        .append(TIME.format(Instant.ofEpochMilli(minute)))
                        .append("</text>");
            }
        }
        return svg.append("</svg>").toString();
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
