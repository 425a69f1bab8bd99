package io.streamlytics.console.alerts.service;

import io.streamlytics.console.alerts.domain.Alert;
import io.streamlytics.console.alerts.domain.AlertState;
import io.streamlytics.console.alerts.domain.Delivery;
import io.streamlytics.console.alerts.domain.HistoryEntry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** The alerts people look at and acknowledge: the API's and the acknowledge links' service. */
@Service
public class AlertBook {
    /** An alert with what happened to it and the messages sent about it. */
    public record Details(Alert alert, List<HistoryEntry> history, List<Delivery> deliveries) {}

    /** What acknowledging did. */
    public enum Acknowledged {
        NOW,
        ALREADY,
        NOT_OPEN,
        NO_SUCH_ALERT
    }

    private final AlertRepository alerts;
    private final AlertWorker worker;
    private final AckLinks links;
    private final TransactionTemplate transactions;
    private final Clock clock;

    AlertBook(
            AlertRepository alerts,
            AlertWorker worker,
            AckLinks links,
            TransactionTemplate transactions,
            Clock clock) {
        this.alerts = alerts;
        this.worker = worker;
        this.links = links;
        this.transactions = transactions;
        this.clock = clock;
    }

    public List<Alert> list(long project, List<AlertState> states, int limit) {
        return alerts.list(project, states, Math.max(1, Math.min(limit, 1000)));
    }

    public Optional<Details> details(long project, long id) {
        return alerts.find(project, id)
                .map(a -> new Details(a, alerts.historyOf(id), alerts.deliveriesOf(id)));
    }

    /** Acknowledges through the API: escalation stops; the alert stays firing until it resolves. */
    public Acknowledged acknowledge(long project, long id, String by) {
        return alerts.find(project, id)
                .map(a -> acknowledge(a, by))
                .orElse(Acknowledged.NO_SUCH_ALERT);
    }

    /** Acknowledges through a signed link; empty when the link is not valid (or expired). */
    public Optional<Acknowledged> acknowledgeByLink(long id, long expires, String signature) {
        if (!links.valid(id, expires, signature)) {
            return Optional.empty();
        }
        return Optional.of(
                alerts.find(id)
                        .map(a -> acknowledge(a, "signed link"))
                        .orElse(Acknowledged.NO_SUCH_ALERT));
    }

    /** Whether a link is ours and current (the confirmation page shows only then). */
    public boolean validLink(long id, long expires, String signature) {
        return links.valid(id, expires, signature);
    }

    public Optional<Alert> find(long id) {
        return alerts.find(id);
    }

    private Acknowledged acknowledge(Alert alert, String by) {
        if (alert.state() == AlertState.RESOLVED) {
            return Acknowledged.NOT_OPEN;
        }
        if (alert.acknowledged()) {
            return Acknowledged.ALREADY;
        }
        boolean now =
                transactions.execute(
                        status -> {
                            boolean done =
                                    alerts.acknowledge(
                                            alert.projectId(), alert.id(), by, clock.instant());
                            if (done) {
                                alerts.history(alert.id(), "acknowledged", "by " + by);
                            }
                            return done;
                        });
        worker.wake();
        return now ? Acknowledged.NOW : Acknowledged.ALREADY;
    }
}
