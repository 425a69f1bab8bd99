package io.streamlytics.console.alerts.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamlytics.console.alerts.domain.Alert;
import io.streamlytics.console.alerts.domain.NoticeKind;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * What a notification says. The message is stored as JSON (the webhook's body) and rendered for
 * people (Slack text, email) when sent:
 *
 * <pre>{"title": "[FIRING] payment-failures: 2 alerts", "project_id": 1, "rule_id": "…",
 * "kind": "firing", "alerts": [{"id": 7, "key": "…", "state": "firing", "severity": "critical",
 * "summary": "…", "value": 21.0, "detections": 1, "started_at": "…", "fired_at": "…",
 * "resolved_at": null, "acknowledge_url": "…"}]}</pre>
 */
@Component
class Notices {
    static final ObjectMapper JSON = new ObjectMapper();
    private final AckLinks links;

    Notices(AckLinks links) {
        this.links = links;
    }

    String payload(long project, String ruleId, NoticeKind kind, List<Alert> alerts) {
        ObjectNode json = JSON.createObjectNode();
        json.put(
                "title",
                "["
                        + kind.name()
                        + "] "
                        + ruleId
                        + (alerts.size() == 1
                                ? ": " + alerts.get(0).summary()
                                : ": " + alerts.size() + " alerts"));
        json.put("project_id", project);
        json.put("rule_id", ruleId);
        json.put("kind", kind.dbName());
        ArrayNode list = json.putArray("alerts");
        for (Alert a : alerts) {
            ObjectNode alert = list.addObject();
            alert.put("id", a.id());
            alert.put("key", a.key());
            alert.put("state", a.state().dbName());
            alert.put("severity", a.severity());
            alert.put("summary", a.summary());
            alert.put("value", a.value());
            alert.put("detections", a.detections());
            alert.put("started_at", text(a.startedAt()));
            alert.put("fired_at", text(a.firedAt()));
            alert.put("resolved_at", text(a.resolvedAt()));
            alert.put("acknowledge_url", kind == NoticeKind.RESOLVED ? null : links.link(a.id()));
        }
        return json.toString();
    }

    /** The message for people: a title line, then one line per alert with its link. */
    static String text(JsonNode payload, boolean slackLinks) {
        StringBuilder text = new StringBuilder(payload.path("title").asText()).append('\n');
        for (JsonNode a : payload.path("alerts")) {
            text.append("• ")
                    .append(a.path("severity").asText().toUpperCase(Locale.ROOT))
                    .append(' ')
                    .append(a.path("summary").asText());
            if (!a.path("key").asText().isEmpty()) {
                text.append(" (").append(a.path("key").asText()).append(')');
            }
            String ack = a.path("acknowledge_url").asText("");
            if (!ack.isEmpty() && !"null".equals(ack)) {
                text.append(slackLinks ? " <" + ack + "|Acknowledge>" : "\n  Acknowledge: " + ack);
            }
            text.append('\n');
        }
        return text.toString();
    }

    static JsonNode read(String payload) {
        try {
            return JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored payload", e);
        }
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
