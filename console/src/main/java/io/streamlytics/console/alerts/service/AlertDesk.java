package io.streamlytics.console.alerts.service;

import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.access.service.AuditLog;
import io.streamlytics.console.access.service.ProjectAccess;
import io.streamlytics.console.alerts.domain.Alert;
import io.streamlytics.console.alerts.domain.AlertState;
import io.streamlytics.console.alerts.domain.Channel;
import io.streamlytics.console.alerts.domain.MaintenanceWindow;
import io.streamlytics.console.alerts.domain.Policy;
import io.streamlytics.console.alerts.domain.Silence;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Alerts, channels and escalation policies as the console's people use them: anyone who may open
 * the project reads them; analysts and admins acknowledge and change channels and policies; every
 * change in the audit log.
 */
@Service
public class AlertDesk {
    private final AlertBook book;
    private final AlertSettings settings;
    private final ProjectAccess access;
    private final AuditLog audit;

    public AlertDesk(AlertBook book, AlertSettings settings, ProjectAccess access, AuditLog audit) {
        this.book = book;
        this.settings = settings;
        this.access = access;
        this.audit = audit;
    }

    public List<Alert> alerts(Actor actor, long projectId, List<AlertState> states, int limit) {
        access.requireRead(actor, projectId);
        return book.list(projectId, states, limit);
    }

    public Optional<AlertBook.Details> details(Actor actor, long projectId, long id) {
        access.requireRead(actor, projectId);
        return book.details(projectId, id);
    }

    /** Acknowledges the alert as {@code actor}: its escalation stops. */
    public AlertBook.Acknowledged acknowledge(Actor actor, long projectId, long id) {
        access.requireEdit(actor, projectId);
        AlertBook.Acknowledged result = book.acknowledge(projectId, id, actor.email());
        audit.record(actor, projectId, "acknowledge alert", id + ": " + result);
        return result;
    }

    public List<Channel> channels(Actor actor, long projectId) {
        access.requireRead(actor, projectId);
        return settings.channels(projectId);
    }

    /** A new channel; a webhook's generated secret is in the answer, once. */
    public Channel createChannel(
            Actor actor, long projectId, String name, String kind, String target) {
        access.requireEdit(actor, projectId);
        Channel channel = settings.createChannel(projectId, name, kind, target, null);
        audit.record(actor, projectId, "create alert channel", name);
        return channel;
    }

    public void deleteChannel(Actor actor, long projectId, String name) {
        access.requireEdit(actor, projectId);
        if (settings.deleteChannel(projectId, name)) {
            audit.record(actor, projectId, "delete alert channel", name);
        }
    }

    public List<Silence> silences(Actor actor, long projectId) {
        access.requireRead(actor, projectId);
        return settings.silences(projectId);
    }

    /**
     * Quiets alerts of a rule (null: every rule), of one key (null: every key), from now for {@code
     * duration} (such as 2h).
     */
    public Silence silence(
            Actor actor,
            long projectId,
            String ruleId,
            String key,
            String duration,
            String comment) {
        access.requireEdit(actor, projectId);
        Silence silence =
                settings.createSilence(
                        projectId,
                        blankIsNull(ruleId),
                        blankIsNull(key),
                        null,
                        null,
                        duration,
                        comment);
        audit.record(
                actor,
                projectId,
                "silence alerts",
                silence.ruleId() + " " + silence.key() + " until " + silence.endsAt());
        return silence;
    }

    public void endSilence(Actor actor, long projectId, long id) {
        access.requireEdit(actor, projectId);
        if (settings.endSilence(projectId, id)) {
            audit.record(actor, projectId, "end silence", Long.toString(id));
        }
    }

    private static String blankIsNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    public List<MaintenanceWindow> windows(Actor actor, long projectId) {
        access.requireRead(actor, projectId);
        return settings.windows(projectId);
    }

    /**
     * A weekly maintenance window of a rule (blank: every rule): on {@code days} (mon … sun), from
     * {@code start} (HH:MM) in {@code timezone}, for {@code duration} (such as 2h).
     */
    public MaintenanceWindow createWindow(
            Actor actor,
            long projectId,
            String name,
            String ruleId,
            List<String> days,
            String start,
            String duration,
            String timezone) {
        access.requireEdit(actor, projectId);
        MaintenanceWindow window =
                settings.createWindow(
                        projectId, name, blankIsNull(ruleId), days, start, duration, timezone);
        audit.record(
                actor,
                projectId,
                "create maintenance window",
                window.name() + ": " + days + " " + start + " for " + duration + " " + timezone);
        return window;
    }

    public void deleteWindow(Actor actor, long projectId, long id) {
        access.requireEdit(actor, projectId);
        if (settings.deleteWindow(projectId, id)) {
            audit.record(actor, projectId, "delete maintenance window", Long.toString(id));
        }
    }

    public List<Policy> policies(Actor actor, long projectId) {
        access.requireRead(actor, projectId);
        return settings.policies(projectId);
    }

    /** Creates or replaces a policy; {@code levels} as {@link AlertSettings#savePolicy} takes. */
    public Policy savePolicy(
            Actor actor, long projectId, String name, String groupWait, List<Policy.Level> levels) {
        access.requireEdit(actor, projectId);
        Policy policy = settings.savePolicy(projectId, name, "rule", groupWait, levels);
        audit.record(actor, projectId, "save alert policy", name);
        return policy;
    }
}
