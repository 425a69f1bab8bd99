package io.streamlytics.console.reports.domain;

import java.time.Instant;

/**
 * One delivery of a report to one channel, as its history shows it.
 *
 * @param trigger {@code schedule} or {@code manual} ("Send now")
 * @param channel {@code email} or {@code webhook}
 * @param target the addresses or the URL
 * @param status {@code sent} or {@code failed}
 * @param detail why it failed, or what was sent
 * @param attachments the files' names, comma separated
 */
public record ReportDelivery(
        long id,
        long reportId,
        String trigger,
        Instant scheduledFor,
        String channel,
        String target,
        String status,
        String detail,
        String attachments,
        long tookMillis,
        Instant finishedAt) {}
