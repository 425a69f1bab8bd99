package io.streamlytics.console.exports.domain;

import java.time.LocalDate;
import java.util.List;

/**
 * What to export: a project's raw events from one day to another (both included, in the project's
 * timezone), optionally only some events; or a saved insight's result, over its own range or over
 * the days given.
 *
 * @param insightId the saved insight, or 0 for raw events
 * @param notifyEmail who is emailed when the file is ready (or the export failed), or empty
 * @param notifyUrl where a JSON notice is POSTed then, or empty
 */
public record ExportRequest(
        long insightId,
        LocalDate from,
        LocalDate to,
        List<String> events,
        ExportFormat format,
        String notifyEmail,
        String notifyUrl) {

    public static ExportRequest events(
            LocalDate from, LocalDate to, List<String> events, ExportFormat format) {
        return new ExportRequest(0, from, to, events, format, "", "");
    }

    public static ExportRequest insight(long insightId, ExportFormat format) {
        return new ExportRequest(insightId, null, null, List.of(), format, "", "");
    }

    /**
     * A saved insight's result over {@code from}..{@code to} (both included) instead of its own
     * range.
     */
    public static ExportRequest insight(
            long insightId, ExportFormat format, LocalDate from, LocalDate to) {
        return new ExportRequest(insightId, from, to, List.of(), format, "", "");
    }

    public ExportRequest notifying(String email, String url) {
        return new ExportRequest(insightId, from, to, events, format, email, url);
    }

    public boolean rawEvents() {
        return insightId == 0;
    }
}
