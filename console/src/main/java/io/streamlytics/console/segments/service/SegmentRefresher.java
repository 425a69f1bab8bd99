package io.streamlytics.console.segments.service;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Refreshes dynamic segments as they fall due (each has its own interval, 60 minutes by default).
 */
@Component
class SegmentRefresher {
    private final SegmentService segments;

    SegmentRefresher(SegmentService segments) {
        this.segments = segments;
    }

    @Scheduled(
            fixedDelayString = "${ANALYTICS_SEGMENT_REFRESH_CHECK_MS:30000}",
            initialDelayString = "${ANALYTICS_SEGMENT_REFRESH_CHECK_MS:30000}")
    void refreshDue() {
        segments.refreshDue();
    }
}
