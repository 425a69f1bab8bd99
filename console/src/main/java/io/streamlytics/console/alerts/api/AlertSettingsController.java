package io.streamlytics.console.alerts.api;

import io.streamlytics.console.alerts.domain.Policy;
import io.streamlytics.console.alerts.service.AlertSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where alerts go and when they keep quiet: notification channels, escalation policies, silences
 * and maintenance windows (docs/alerts.md). Bodies are JSON objects.
 */
@RestController
@RequestMapping("/api/v1/projects/{project}")
class AlertSettingsController {
    private final AlertSettings settings;

    AlertSettingsController(AlertSettings settings) {
        this.settings = settings;
    }

    /** {@code {"name", "kind": webhook|slack|email, "url" | "emails", "secret"?}}. */
    @PostMapping("/alert-channels")
    ResponseEntity<Map<String, Object>> createChannel(
            @PathVariable long project, @RequestBody Map<String, Object> body) {
        String kind = text(body, "kind");
        String target = "email".equals(kind) ? text(body, "emails") : text(body, "url");
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(
                        AlertJson.channel(
                                settings.createChannel(
                                        project,
                                        text(body, "name"),
                                        kind,
                                        target,
                                        text(body, "secret")),
                                true));
    }

    @GetMapping("/alert-channels")
    List<Map<String, Object>> channels(@PathVariable long project) {
        return settings.channels(project).stream().map(c -> AlertJson.channel(c, false)).toList();
    }

    @DeleteMapping("/alert-channels/{name}")
    ResponseEntity<Void> deleteChannel(@PathVariable long project, @PathVariable String name) {
        return gone(settings.deleteChannel(project, name));
    }

    /**
     * {@code {"group_by": rule|key, "group_wait": "1s", "levels": [{"after": "0s", "channels":
     * […]}, {"after": "10m", "channels": […]}]}}.
     */
    @PutMapping("/alert-policies/{name}")
    Map<String, Object> savePolicy(
            @PathVariable long project,
            @PathVariable String name,
            @RequestBody Map<String, Object> body) {
        List<Policy.Level> levels = new ArrayList<>();
        if (body.get("levels") instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof Map<?, ?> level)) {
                    throw new IllegalArgumentException(
                            "levels." + i + ": an object with after and channels");
                }
                Object channels = level.get("channels");
                levels.add(
                        AlertSettings.level(
                                level.get("after") == null ? null : level.get("after").toString(),
                                channels instanceof List<?> names
                                        ? names.stream().map(Object::toString).toList()
                                        : null,
                                i));
            }
        }
        return AlertJson.policy(
                settings.savePolicy(
                        project, name, text(body, "group_by"), text(body, "group_wait"), levels));
    }

    @GetMapping("/alert-policies")
    List<Map<String, Object>> policies(@PathVariable long project) {
        return settings.policies(project).stream().map(AlertJson::policy).toList();
    }

    @DeleteMapping("/alert-policies/{name}")
    ResponseEntity<Void> deletePolicy(@PathVariable long project, @PathVariable String name) {
        return gone(settings.deletePolicy(project, name));
    }

    /** {@code {"rule_id"?, "key"?, "starts_at"?, "ends_at" | "duration", "comment"?}}. */
    @PostMapping("/silences")
    ResponseEntity<Map<String, Object>> createSilence(
            @PathVariable long project, @RequestBody Map<String, Object> body) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(
                        AlertJson.silence(
                                settings.createSilence(
                                        project,
                                        text(body, "rule_id"),
                                        text(body, "key"),
                                        text(body, "starts_at"),
                                        text(body, "ends_at"),
                                        text(body, "duration"),
                                        text(body, "comment"))));
    }

    /** Silences in force or to come. */
    @GetMapping("/silences")
    List<Map<String, Object>> silences(@PathVariable long project) {
        return settings.silences(project).stream().map(AlertJson::silence).toList();
    }

    /** Ends the silence now. */
    @DeleteMapping("/silences/{id}")
    ResponseEntity<Void> endSilence(@PathVariable long project, @PathVariable long id) {
        return gone(settings.endSilence(project, id));
    }

    /**
     * {@code {"name", "rule_id"?, "days": ["sat", "sun"], "start": "02:00", "duration": "2h",
     * "timezone": "Europe/Paris"}}.
     */
    @PostMapping("/maintenance-windows")
    ResponseEntity<Map<String, Object>> createWindow(
            @PathVariable long project, @RequestBody Map<String, Object> body) {
        List<String> days =
                body.get("days") instanceof List<?> list
                        ? list.stream().map(String::valueOf).toList()
                        : null;
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(
                        AlertJson.window(
                                settings.createWindow(
                                        project,
                                        text(body, "name"),
                                        text(body, "rule_id"),
                                        days,
                                        text(body, "start"),
                                        text(body, "duration"),
                                        text(body, "timezone"))));
    }

    @GetMapping("/maintenance-windows")
    List<Map<String, Object>> windows(@PathVariable long project) {
        return settings.windows(project).stream().map(AlertJson::window).toList();
    }

    @DeleteMapping("/maintenance-windows/{id}")
    ResponseEntity<Void> deleteWindow(@PathVariable long project, @PathVariable long id) {
        return gone(settings.deleteWindow(project, id));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, Object>> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<Map<String, Object>> taken(DuplicateKeyException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .body(Map.of("error", "name: the project already has a channel of that name"));
    }

    private static ResponseEntity<Void> gone(boolean deleted) {
        return deleted ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
    }

    private static String text(Map<String, Object> body, String field) {
        Object value = body.get(field);
        if (value == null) {
            return null;
        }
        if (value instanceof Map || value instanceof List) {
            throw new IllegalArgumentException(field + ": a string");
        }
        return value.toString();
    }
}
