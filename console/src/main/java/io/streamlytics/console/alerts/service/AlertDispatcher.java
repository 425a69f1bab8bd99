package io.streamlytics.console.alerts.service;

import io.streamlytics.console.alerts.domain.Alert;
import io.streamlytics.console.alerts.domain.AlertState;
import io.streamlytics.console.alerts.domain.Channel;
import io.streamlytics.console.alerts.domain.NoticeKind;
import io.streamlytics.console.alerts.domain.Policy;
import io.streamlytics.core.text.Durations;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves due alerts on: a pending alert whose {@code for} passed fires, a sequence's alert with no
 * match for {@code resolve_after} resolves, and people are told: the policy's first level when an
 * alert fires, the next level when nobody acknowledged in time, everyone told when it resolves.
 * Silences and maintenance windows hold notifications back until they end. The alerts of one group
 * due together share one message per channel. Decisions and the messages they call for (the outbox)
 * are written in one transaction; {@link DeliverySender} sends them.
 */
@Component
class AlertDispatcher {
    static final int BATCH = 200;

    private record MessageKey(
            long project, String ruleId, String group, long channel, NoticeKind kind) {}

    private record Notice(
            NoticeKind kind, List<Integer> levels, String notifiedState, int notifiedLevel) {}

    private final AlertRepository alerts;
    private final SettingsRepository settings;
    private final DeliveryRepository deliveries;
    private final Notices notices;
    private final TransactionTemplate transactions;
    private final Clock clock;

    AlertDispatcher(
            AlertRepository alerts,
            SettingsRepository settings,
            DeliveryRepository deliveries,
            Notices notices,
            TransactionTemplate transactions,
            Clock clock) {
        this.alerts = alerts;
        this.settings = settings;
        this.deliveries = deliveries;
        this.notices = notices;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Handles one batch of due alerts; returns how many there were. */
    int dispatch() {
        Instant now = clock.instant();
        return transactions.execute(status -> new Run(now).dispatch());
    }

    /** One transaction's work, with the projects' settings read once. */
    private final class Run {
        private final Instant now;
        private final Suppressions quiet;
        private final Map<Long, Map<String, Policy>> policies = new HashMap<>();
        private final Map<Long, Map<String, Channel>> channels = new HashMap<>();
        private final Map<MessageKey, List<Alert>> messages = new LinkedHashMap<>();

        Run(Instant now) {
            this.now = now;
            this.quiet = new Suppressions(settings, now);
        }

        int dispatch() {
            List<Alert> due = alerts.lockDue(now, BATCH);
            for (Alert alert : due) {
                alerts.update(step(alert));
            }
            messages.forEach(
                    (key, group) ->
                            deliveries.insert(
                                    key.project(),
                                    key.channel(),
                                    group.stream().map(Alert::id).toList(),
                                    key.kind(),
                                    notices.payload(
                                            key.project(), key.ruleId(), key.kind(), group)));
            return due.size();
        }

        private Alert step(Alert alert) {
            Alert a = alert;
            Optional<Policy> policy = policy(a);
            if (a.state() == AlertState.PENDING && !a.firesAt().isAfter(now)) {
                a = a.fire(now);
                alerts.history(
                        a.id(),
                        "firing",
                        "held for "
                                + Durations.format(
                                        java.time.Duration.between(a.startedAt(), a.firesAt())));
                Alert firing = a;
                Instant groupDue =
                        policy.map(
                                        p ->
                                                alerts.groupDue(
                                                        firing,
                                                        p.groupBy() == Policy.GroupBy.KEY,
                                                        p.groupWait(),
                                                        now))
                                .orElse(now);
                if (groupDue.isAfter(now)) {
                    return a.due(groupDue);
                }
            }
            Instant resolveBy = resolveBy(a);
            if (a.state() == AlertState.FIRING && resolveBy != null && !resolveBy.isAfter(now)) {
                a = a.resolve(now);
                alerts.history(
                        a.id(), "resolved", "no match for " + Durations.format(a.resolveAfter()));
            }
            if (a.state() == AlertState.RESOLVED && !a.notifiedFiring()) {
                // nobody was told it fired (it was pending, or silenced all along): nothing to say
                return a.notified("resolved", a.notifiedLevel()).due(null);
            }
            Notice notice = notice(a, policy.orElse(null));
            if (notice == null) {
                return a.due(nextDue(a, policy.orElse(null)));
            }
            if (policy.isEmpty()) {
                alerts.history(
                        a.id(),
                        "not notified",
                        "the project has no escalation policy named "
                                + a.policy()
                                + " (PUT /api/v1/projects/"
                                + a.projectId()
                                + "/alert-policies/"
                                + a.policy()
                                + ")");
                Alert told = a.notified(notice.notifiedState(), notice.notifiedLevel());
                return told.due(nextDue(told, null));
            }
            Optional<Instant> quietUntil = quiet.quietUntil(a);
            if (quietUntil.isPresent()) {
                alerts.history(
                        a.id(),
                        "silenced",
                        notice.kind().dbName() + " notification held until " + quietUntil.get());
                // a firing sequence's alert may still resolve on its own while quiet; a resolved
                // one waits (its resolveBy has passed and would bring it back every tick)
                boolean mayResolve =
                        a.state() == AlertState.FIRING
                                && resolveBy != null
                                && resolveBy.isBefore(quietUntil.get());
                return a.due(mayResolve ? resolveBy : quietUntil.get());
            }
            List<String> told = new ArrayList<>();
            for (int level : notice.levels()) {
                for (String name : policy.get().levels().get(level).channels()) {
                    Channel channel = channels(a.projectId()).get(name);
                    if (channel == null) {
                        alerts.history(
                                a.id(), "not notified", "channel " + name + " no longer exists");
                        continue;
                    }
                    String group = policy.get().groupBy() == Policy.GroupBy.KEY ? a.key() : "";
                    messages.computeIfAbsent(
                                    new MessageKey(
                                            a.projectId(),
                                            a.ruleId(),
                                            group,
                                            channel.id(),
                                            notice.kind()),
                                    k -> new ArrayList<>())
                            .add(a);
                    told.add(name);
                }
            }
            alerts.history(
                    a.id(),
                    "notified",
                    notice.kind().dbName() + " to " + String.join(", ", told) + levels(notice));
            Alert notified = a.notified(notice.notifiedState(), notice.notifiedLevel());
            return notified.due(nextDue(notified, policy.get()));
        }

        /** What people must be told now; null when nothing. */
        private Notice notice(Alert a, Policy policy) {
            if (a.state() == AlertState.FIRING && !a.notifiedFiring()) {
                return new Notice(NoticeKind.FIRING, List.of(0), "firing", 0);
            }
            if (a.state() == AlertState.RESOLVED && a.notifiedFiring()) {
                return new Notice(
                        NoticeKind.RESOLVED,
                        IntStream.rangeClosed(0, Math.max(0, a.notifiedLevel())).boxed().toList(),
                        "resolved",
                        a.notifiedLevel());
            }
            Instant escalation = escalation(a, policy);
            if (escalation != null && !escalation.isAfter(now)) {
                int level = a.notifiedLevel() + 1;
                return new Notice(NoticeKind.ESCALATED, List.of(level), "firing", level);
            }
            return null;
        }

        private Optional<Policy> policy(Alert a) {
            return Optional.ofNullable(
                    policies.computeIfAbsent(
                                    a.projectId(),
                                    p ->
                                            settings.policies(p).stream()
                                                    .collect(
                                                            Collectors.toMap(
                                                                    Policy::name,
                                                                    Function.identity())))
                            .get(a.policy()));
        }

        private Map<String, Channel> channels(long project) {
            return channels.computeIfAbsent(
                    project,
                    p ->
                            settings.channels(p).stream()
                                    .collect(Collectors.toMap(Channel::name, Function.identity())));
        }
    }

    /** When the alert must be looked at again; null when only a new detection can change it. */
    static Instant nextDue(Alert a, Policy policy) {
        return switch (a.state()) {
            case PENDING -> a.firesAt();
            case RESOLVED -> null;
            case FIRING -> earliest(resolveBy(a), escalation(a, policy));
        };
    }

    /** When a firing sequence alert resolves without another match; null for aggregates. */
    static Instant resolveBy(Alert a) {
        return a.resolveAfter() == null ? null : a.lastDetectedAt().plus(a.resolveAfter());
    }

    /** When the next level is told, unless someone acknowledges first; null when none is left. */
    static Instant escalation(Alert a, Policy policy) {
        if (policy == null
                || a.state() != AlertState.FIRING
                || !a.notifiedFiring()
                || a.acknowledged()
                || !policy.hasLevel(a.notifiedLevel() + 1)) {
            return null;
        }
        return a.firedAt().plus(policy.levels().get(a.notifiedLevel() + 1).after());
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    private static String levels(Notice notice) {
        return notice.kind() == NoticeKind.RESOLVED
                ? ""
                : " (level " + (notice.levels().get(0) + 1) + ")";
    }
}
