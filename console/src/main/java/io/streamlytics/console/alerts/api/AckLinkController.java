package io.streamlytics.console.alerts.api;

import io.streamlytics.console.alerts.domain.Alert;
import io.streamlytics.console.alerts.service.AlertBook;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The acknowledge link in notifications. Opening it (GET) only shows the alert and a button: mail
 * scanners open links, and must not acknowledge. The button POSTs to the same signed address.
 */
@RestController
class AckLinkController {
    private final AlertBook book;

    AckLinkController(AlertBook book) {
        this.book = book;
    }

    @GetMapping(path = "/alerts/ack/{id}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> confirm(
            @PathVariable long id, @RequestParam long expires, @RequestParam String signature) {
        Optional<Alert> alert =
                book.validLink(id, expires, signature) ? book.find(id) : Optional.empty();
        if (alert.isEmpty()) {
            return page(
                    HttpStatus.FORBIDDEN,
                    "This link is not valid",
                    "It has expired or was altered. Acknowledge the alert in the console or through the API.");
        }
        Alert a = alert.get();
        String action =
                "/alerts/ack/"
                        + id
                        + "?expires="
                        + expires
                        + "&signature="
                        + HtmlUtils.htmlEscape(signature);
        return page(
                HttpStatus.OK,
                "Acknowledge this alert?",
                "<p><b>"
                        + HtmlUtils.htmlEscape(a.ruleId())
                        + "</b> ("
                        + HtmlUtils.htmlEscape(a.state().dbName())
                        + "): "
                        + HtmlUtils.htmlEscape(a.summary())
                        + "</p><form method=\"post\" action=\""
                        + action
                        + "\"><button type=\"submit\">Acknowledge</button></form>");
    }

    @PostMapping(path = "/alerts/ack/{id}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> acknowledge(
            @PathVariable long id, @RequestParam long expires, @RequestParam String signature) {
        return book.acknowledgeByLink(id, expires, signature)
                .map(
                        result ->
                                switch (result) {
                                    case NOW ->
                                            page(
                                                    HttpStatus.OK,
                                                    "Acknowledged",
                                                    "Nobody else will be paged for this alert.");
                                    case ALREADY ->
                                            page(
                                                    HttpStatus.OK,
                                                    "Already acknowledged",
                                                    "Someone acknowledged this alert before you.");
                                    case NOT_OPEN ->
                                            page(
                                                    HttpStatus.CONFLICT,
                                                    "Already resolved",
                                                    "The alert resolved: there is nothing to acknowledge.");
                                    case NO_SUCH_ALERT ->
                                            page(
                                                    HttpStatus.NOT_FOUND,
                                                    "No such alert",
                                                    "The alert no longer exists.");
                                })
                .orElseGet(
                        () ->
                                page(
                                        HttpStatus.FORBIDDEN,
                                        "This link is not valid",
                                        "It has expired or was altered."));
    }

    private static ResponseEntity<String> page(HttpStatus status, String title, String body) {
        String html =
                "<!doctype html><html><head><meta charset=\"utf-8\"><title>"
                        + title
                        + "</title></head><body><h1>"
                        + title
                        + "</h1>"
                        + (body.startsWith("<") ? body : "<p>" + body + "</p>")
                        + "</body></html>";
        return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML).body(html);
    }
}
