package io.streamlytics.console.reports.domain;

import java.util.List;
import java.util.Set;

/** A report as a person edits it, before it is checked and saved. */
public record ReportDraft(
        String name,
        List<ReportItem> items,
        String cron,
        String timezone,
        String emails,
        String webhookUrl,
        Set<ReportFormat> formats,
        boolean enabled) {}
