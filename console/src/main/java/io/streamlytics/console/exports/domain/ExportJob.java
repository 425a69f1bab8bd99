package io.streamlytics.console.exports.domain;

import java.time.Instant;

/**
 * An export and how far it got.
 *
 * @param source {@code events} or {@code insight}
 * @param spec what it exports, as stored (JSON)
 * @param status {@code queued}, {@code running}, {@code done} or {@code failed}
 * @param rowsExpected rows there are to write, once counted (null before)
 * @param error why it failed
 * @param expiresAt when its file is deleted (null until it is done)
 */
public record ExportJob(
        long id,
        long projectId,
        String requestedBy,
        String source,
        String spec,
        ExportFormat format,
        String status,
        Long rowsExpected,
        long rowsWritten,
        long bytes,
        String error,
        String notifyEmail,
        String notifyUrl,
        Instant createdAt,
        Instant finishedAt,
        Instant expiresAt) {

    public boolean finished() {
        return status.equals("done") || status.equals("failed");
    }

    /** 0-1: the share of rows written; 1 when done. */
    public double progress() {
        if (status.equals("done")) {
            return 1;
        }
        if (rowsExpected == null || rowsExpected == 0) {
            return 0;
        }
        return Math.min(1, (double) rowsWritten / rowsExpected);
    }

    /** The file's name for a download: {@code export-12.csv}. */
    public String fileName() {
        return "export-" + id + "." + format.key();
    }
}
