package io.streamlytics.console.reports.domain;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** What a delivery carries: one CSV file per part, and one PDF of the whole report. */
public enum ReportFormat {
    CSV,
    PDF;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code "csv,pdf"} as formats; unknown names are refused. */
    public static Set<ReportFormat> parse(String text) {
        Set<ReportFormat> formats = EnumSet.noneOf(ReportFormat.class);
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                formats.add(valueOf(part.strip().toUpperCase(Locale.ROOT)));
            }
        }
        return formats;
    }

    public static String text(Set<ReportFormat> formats) {
        return formats.stream().map(ReportFormat::key).sorted().collect(Collectors.joining(","));
    }
}
