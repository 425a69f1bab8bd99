package io.streamlytics.console.reports.service;

import io.streamlytics.console.reports.domain.Report;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Delivers reports as their schedules fire. A report the console was down for is delivered once
 * when it is back, then follows its schedule from then; with several consoles, the one that moves
 * the report's next run on ({@link ReportStore#claim}) delivers it.
 */
@Component
public class ReportScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(ReportScheduler.class);

    private final ReportStore store;
    private final ReportRunner runner;
    private final Clock clock;

    ReportScheduler(ReportStore store, ReportRunner runner, Clock clock) {
        this.store = store;
        this.runner = runner;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${ANALYTICS_REPORTS_CHECK_MS:5000}",
            initialDelayString = "${ANALYTICS_REPORTS_CHECK_MS:5000}")
    void tick() {
        deliverDue(clock.instant());
    }

    /** Delivers every report due at {@code now}; how many. */
    public int deliverDue(Instant now) {
        int delivered = 0;
        for (Report report : store.due(now)) {
            try {
                if (store.claim(report, report.schedule().next(now))) {
                    runner.deliver(report, "schedule", report.nextRunAt());
                    delivered++;
                }
            } catch (RuntimeException e) {
                LOG.warn("report {} could not be delivered", report.id(), e);
            }
        }
        return delivered;
    }
}
