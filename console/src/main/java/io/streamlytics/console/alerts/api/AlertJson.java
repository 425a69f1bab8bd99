package io.streamlytics.console.alerts.api;

import io.streamlytics.console.alerts.domain.Alert;
import io.streamlytics.console.alerts.domain.Channel;
import io.streamlytics.console.alerts.domain.Delivery;
import io.streamlytics.console.alerts.domain.HistoryEntry;
import io.streamlytics.console.alerts.domain.MaintenanceWindow;
import io.streamlytics.console.alerts.domain.Policy;
import io.streamlytics.console.alerts.domain.Silence;
import io.streamlytics.core.text.Durations;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The API's JSON for alerts and their settings (snake_case, instants in ISO-8601 UTC). */
final class AlertJson {
    private AlertJson() {}

    static Map<String, Object> alert(Alert a) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", a.id());
        json.put("rule_id", a.ruleId());
        json.put("rule_version", a.ruleVersion());
        json.put("key", a.key());
        json.put("state", a.state().dbName());
        json.put("severity", a.severity());
        json.put("policy", a.policy());
        json.put("summary", a.summary());
        json.put("value", a.value());
        json.put("detections", a.detections());
        json.put("event_at", text(a.eventAt()));
        json.put("started_at", text(a.startedAt()));
        json.put("fires_at", text(a.firesAt()));
        json.put("fired_at", text(a.firedAt()));
        json.put("resolved_at", text(a.resolvedAt()));
        json.put("acknowledged_at", text(a.acknowledgedAt()));
        json.put("acknowledged_by", a.acknowledgedBy());
        json.put("escalation_level", a.notifiedLevel() + 1);
        return json;
    }

    static Map<String, Object> history(HistoryEntry h) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("at", text(h.at()));
        json.put("what", h.what());
        json.put("detail", h.detail());
        return json;
    }

    static Map<String, Object> delivery(Delivery d) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", d.id());
        json.put("channel", d.channel());
        json.put("kind", d.kind());
        json.put("status", d.status());
        json.put("attempts", d.attempts());
        json.put("last_error", d.lastError());
        json.put("created_at", text(d.createdAt()));
        json.put("sent_at", text(d.sentAt()));
        return json;
    }

    /** A channel; its secret only when {@code withSecret} (the answer to creating it). */
    static Map<String, Object> channel(Channel c, boolean withSecret) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", c.name());
        json.put("kind", c.kind().dbName());
        json.put(
                switch (c.kind()) {
                    case EMAIL -> "emails";
                    case WEBHOOK, SLACK -> "url";
                },
                c.target());
        if (withSecret && !c.secret().isEmpty()) {
            json.put("secret", c.secret());
        }
        return json;
    }

    static Map<String, Object> policy(Policy p) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", p.name());
        json.put("group_by", p.groupBy().name().toLowerCase(Locale.ROOT));
        json.put("group_wait", Durations.format(p.groupWait()));
        json.put(
                "levels",
                p.levels().stream()
                        .map(
                                l ->
                                        Map.of(
                                                "after", Durations.format(l.after()),
                                                "channels", l.channels()))
                        .toList());
        return json;
    }

    static Map<String, Object> silence(Silence s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", s.id());
        json.put("rule_id", s.ruleId());
        json.put("key", s.key());
        json.put("starts_at", text(s.startsAt()));
        json.put("ends_at", text(s.endsAt()));
        json.put("comment", s.comment());
        return json;
    }

    static Map<String, Object> window(MaintenanceWindow w) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", w.id());
        json.put("name", w.name());
        json.put("rule_id", w.ruleId());
        json.put(
                "days",
                w.days().stream()
                        .map(d -> d.name().substring(0, 3).toLowerCase(Locale.ROOT))
                        .toList());
        json.put("start", w.starts().toString());
        json.put("duration", Durations.format(w.duration()));
        json.put("timezone", w.zone().getId());
        return json;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
