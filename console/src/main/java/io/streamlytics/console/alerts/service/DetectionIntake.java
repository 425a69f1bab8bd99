package io.streamlytics.console.alerts.service;

import io.streamlytics.ceprules.rule.AlertSpec;
import io.streamlytics.ceprules.rule.Detection;
import io.streamlytics.ceprules.rule.DetectionJson;
import io.streamlytics.console.alerts.domain.Alert;
import io.streamlytics.console.alerts.domain.AlertState;
import io.streamlytics.console.alerts.domain.Policy;
import io.streamlytics.core.text.Durations;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns the Rules job's detections into alerts: a firing detection opens an alert (pending when the
 * rule says {@code for}) or is counted on the open one (dedup); a resolved one resolves it. A batch
 * of records and the offsets after it are written in one transaction.
 */
@Component
class DetectionIntake {
    private static final Logger LOG = LoggerFactory.getLogger(DetectionIntake.class);

    private final AlertRepository alerts;
    private final SettingsRepository settings;
    private final IntakeOffsets offsets;
    private final RuleAlertSpecs specs;
    private final TransactionTemplate transactions;
    private final Clock clock;

    DetectionIntake(
            AlertRepository alerts,
            SettingsRepository settings,
            IntakeOffsets offsets,
            RuleAlertSpecs specs,
            TransactionTemplate transactions,
            Clock clock) {
        this.alerts = alerts;
        this.settings = settings;
        this.offsets = offsets;
        this.specs = specs;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Applies the records not applied before; returns how many were. */
    int apply(String topic, List<ConsumerRecord<byte[], byte[]>> records) {
        return transactions.execute(
                status -> {
                    Map<Integer, Long> next = offsets.lock(topic);
                    int applied = 0;
                    Instant now = clock.instant();
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        if (record.offset() < next.getOrDefault(record.partition(), 0L)) {
                            continue;
                        }
                        next.put(record.partition(), record.offset() + 1);
                        Detection detection;
                        try {
                            detection = DetectionJson.read(record.value());
                        } catch (IllegalArgumentException e) {
                            LOG.warn(
                                    "{}-{}@{} skipped, not a detection: {}",
                                    topic,
                                    record.partition(),
                                    record.offset(),
                                    e.getMessage());
                            continue;
                        }
                        apply(detection, now);
                        applied++;
                    }
                    offsets.save(topic, next);
                    return applied;
                });
    }

    /** When the alert's change is told: with its group (a policy's group_wait), or now. */
    private Instant groupDue(Alert alert, Instant now) {
        return settings.policy(alert.projectId(), alert.policy())
                .map(
                        p ->
                                alerts.groupDue(
                                        alert,
                                        p.groupBy() == Policy.GroupBy.KEY,
                                        p.groupWait(),
                                        now))
                .orElse(now);
    }

    private void apply(Detection d, Instant now) {
        Optional<Alert> open = alerts.lockOpen(d.projectId, d.ruleId, d.key);
        if (!d.firing) {
            open.ifPresent(
                    a -> {
                        alerts.history(
                                a.id(),
                                "resolved",
                                (a.state() == AlertState.PENDING ? "before it fired: " : "")
                                        + d.summary);
                        Alert resolved = a.resolve(now);
                        alerts.update(resolved.due(groupDue(resolved, now)));
                    });
            return;
        }
        if (open.isPresent()) {
            alerts.detectedAgain(
                    open.get().id(), d.summary, d.value, Instant.ofEpochMilli(d.at), now);
            return;
        }
        AlertSpec spec = specs.of(d.projectId, d.ruleId, d.ruleVersion);
        boolean hold = !spec.holdFor().isZero();
        Instant firesAt = now.plus(spec.holdFor());
        String policy = spec.policy().isEmpty() ? Policy.DEFAULT : spec.policy();
        Alert alert =
                new Alert(
                        0,
                        d.projectId,
                        d.ruleId,
                        d.ruleVersion,
                        d.key,
                        spec.severity().name().toLowerCase(Locale.ROOT),
                        policy,
                        hold ? AlertState.PENDING : AlertState.FIRING,
                        d.summary,
                        d.value,
                        1,
                        Instant.ofEpochMilli(d.at),
                        now,
                        now,
                        hold ? firesAt : null,
                        hold ? null : now,
                        null,
                        d.steps.isEmpty() ? null : spec.resolveAfter(),
                        null,
                        null,
                        "",
                        -1,
                        null);
        Instant due = hold ? firesAt : groupDue(alert, now);
        long id = alerts.insert(alert.due(due));
        alerts.history(
                id,
                hold ? "pending" : "firing",
                hold
                        ? d.summary
                                + " (fires if it still holds after "
                                + Durations.format(spec.holdFor())
                                + ")"
                        : d.summary);
    }
}
