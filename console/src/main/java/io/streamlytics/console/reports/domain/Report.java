package io.streamlytics.console.reports.domain;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A report: its parts, when it goes out and where.
 *
 * @param owner the email of the user it runs as
 * @param emails where it is emailed (may be empty when it has a webhook)
 * @param webhookUrl where it is POSTed as signed JSON, or empty
 * @param webhookSecret the key of the webhook's signature
 * @param nextRunAt when the schedule fires next
 */
public record Report(
        long id,
        long projectId,
        String name,
        String owner,
        List<ReportItem> items,
        ReportSchedule schedule,
        List<String> emails,
        String webhookUrl,
        String webhookSecret,
        Set<ReportFormat> formats,
        boolean enabled,
        Instant nextRunAt) {}
