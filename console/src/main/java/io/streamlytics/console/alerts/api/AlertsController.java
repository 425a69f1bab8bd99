package io.streamlytics.console.alerts.api;

import io.streamlytics.console.alerts.domain.AlertState;
import io.streamlytics.console.alerts.service.AlertBook;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A project's alerts: the list, one with its history and deliveries, and acknowledging one. */
@RestController
@RequestMapping("/api/v1/projects/{project}/alerts")
class AlertsController {
    private final AlertBook book;

    AlertsController(AlertBook book) {
        this.book = book;
    }

    /** Newest first; {@code state} is open (pending and firing), pending, firing or resolved. */
    @GetMapping
    List<Map<String, Object>> list(
            @PathVariable long project,
            @RequestParam(required = false) String state,
            @RequestParam(defaultValue = "100") int limit) {
        return book.list(project, states(state), limit).stream().map(AlertJson::alert).toList();
    }

    @GetMapping("/{id}")
    ResponseEntity<Map<String, Object>> get(@PathVariable long project, @PathVariable long id) {
        return book.details(project, id)
                .map(
                        d -> {
                            Map<String, Object> json = AlertJson.alert(d.alert());
                            json.put(
                                    "history",
                                    d.history().stream().map(AlertJson::history).toList());
                            json.put(
                                    "deliveries",
                                    d.deliveries().stream().map(AlertJson::delivery).toList());
                            return ResponseEntity.ok(json);
                        })
                .orElse(ResponseEntity.notFound().build());
    }

    /** Stops the escalation; the alert fires on until it resolves. */
    @PostMapping("/{id}/acknowledge")
    ResponseEntity<Map<String, Object>> acknowledge(
            @PathVariable long project, @PathVariable long id) {
        return switch (book.acknowledge(project, id, "API token")) {
            case NOW -> ResponseEntity.ok(Map.of("acknowledged", true));
            case ALREADY -> ResponseEntity.ok(Map.of("acknowledged", true, "already", true));
            case NOT_OPEN ->
                    ResponseEntity.status(409)
                            .body(Map.of("error", "the alert is resolved: nothing to acknowledge"));
            case NO_SUCH_ALERT -> ResponseEntity.notFound().build();
        };
    }

    private static List<AlertState> states(String state) {
        if (state == null || state.isBlank()) {
            return List.of();
        }
        List<AlertState> states = new ArrayList<>();
        for (String s : state.split(",")) {
            if ("open".equalsIgnoreCase(s.strip())) {
                states.add(AlertState.PENDING);
                states.add(AlertState.FIRING);
                continue;
            }
            try {
                states.add(AlertState.valueOf(s.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "state: open, pending, firing or resolved (comma-separated), not " + s);
            }
        }
        return states;
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, Object>> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }
}
