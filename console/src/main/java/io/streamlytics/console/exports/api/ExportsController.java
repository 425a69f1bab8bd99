package io.streamlytics.console.exports.api;

import io.streamlytics.console.exports.domain.EventCursor;
import io.streamlytics.console.exports.domain.EventPage;
import io.streamlytics.console.exports.domain.ExportFormat;
import io.streamlytics.console.exports.domain.ExportJob;
import io.streamlytics.console.exports.domain.ExportRequest;
import io.streamlytics.console.exports.service.EventPages;
import io.streamlytics.console.exports.service.ExportRunner;
import io.streamlytics.console.exports.service.ExportStore;
import io.streamlytics.console.insights.service.ProjectTimezones;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Exports and raw events over REST (the project's API token is checked before this runs):
 *
 * <ul>
 *   <li>{@code GET /events?from&to[&event…][&limit][&cursor]}: a page of raw events and the cursor
 *       of the next one ({@code next_cursor}, null on the last page);
 *   <li>{@code POST /exports}: queue an export (202), {@code GET /exports/{id}}: its progress,
 *       {@code GET /exports/{id}/file}: the file once done.
 * </ul>
 */
@RestController
@RequestMapping("/api/v1/projects/{project}")
class ExportsController {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final ExportStore store;
    private final ExportRunner runner;
    private final EventPages pages;
    private final ProjectTimezones timezones;
    private final Clock clock;

    ExportsController(
            ExportStore store,
            ExportRunner runner,
            EventPages pages,
            ProjectTimezones timezones,
            Clock clock) {
        this.store = store;
        this.runner = runner;
        this.pages = pages;
        this.timezones = timezones;
        this.clock = clock;
    }

    @GetMapping(path = "/events", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> events(
            @PathVariable long project,
            @RequestParam String from,
            @RequestParam String to,
            @RequestParam(name = "event", required = false) List<String> events,
            @RequestParam(defaultValue = "1000") int limit,
            @RequestParam(required = false) String cursor) {
        ZoneId zone = timezones.of(project);
        EventPage page =
                pages.page(
                        project,
                        instant("from", from, zone, false),
                        instant("to", to, zone, true),
                        events == null ? List.of() : events,
                        cursor == null || cursor.isBlank() ? null : EventCursor.decode(cursor),
                        limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("events", page.events());
        body.put("next_cursor", page.next() == null ? null : page.next().encode());
        return ok(HttpStatus.OK, body);
    }

    @PostMapping(
            path = "/exports",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> create(@PathVariable long project, @RequestBody String text) {
        JsonNode body = JSON.readTree(text);
        String source = body.path("source").asString("events");
        ExportFormat format = ExportFormat.of(body.path("format").asString("csv"));
        ExportRequest request;
        if (source.equals("insight")) {
            request =
                    body.has("from") || body.has("to")
                            ? ExportRequest.insight(
                                    body.path("insight").asLong(),
                                    format,
                                    day("from", body.path("from").asString("")),
                                    day("to", body.path("to").asString("")))
                            : ExportRequest.insight(body.path("insight").asLong(), format);
        } else if (source.equals("events")) {
            List<String> events = new ArrayList<>();
            body.path("events").forEach(e -> events.add(e.asString()));
            request =
                    ExportRequest.events(
                            day("from", body.path("from").asString("")),
                            day("to", body.path("to").asString("")),
                            events,
                            format);
        } else {
            throw new IllegalArgumentException("source: events or insight, not \"" + source + "\"");
        }
        ExportJob job =
                runner.start(
                        ExportStore.API,
                        project,
                        request.notifying(
                                body.path("notify_email").asString(""),
                                body.path("notify_url").asString("")));
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/projects/" + project + "/exports/" + job.id()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(JSON.writeValueAsString(json(job)));
    }

    @GetMapping(path = "/exports/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> status(@PathVariable long project, @PathVariable long id) {
        return store.find(ExportStore.API, project, id)
                .map(job -> ok(HttpStatus.OK, json(job)))
                .orElseGet(
                        () ->
                                ok(
                                        HttpStatus.NOT_FOUND,
                                        Map.of("error", "there is no export " + id)));
    }

    /**
     * JSON written by the platform's Jackson (the one its JSON trees belong to), not the web
     * layer's.
     */
    private static ResponseEntity<String> ok(HttpStatus status, Map<String, Object> body) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(JSON.writeValueAsString(body));
    }

    @GetMapping("/exports/{id}/file")
    ResponseEntity<Resource> file(@PathVariable long project, @PathVariable long id) {
        ExportJob job = store.downloadable(ExportStore.API, project, id, clock.instant());
        return download(job, runner.file(job));
    }

    /** The file as an attachment, streamed from disk. */
    static ResponseEntity<Resource> download(ExportJob job, java.nio.file.Path file) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(job.format().contentType()))
                .contentLength(job.bytes())
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(job.fileName()).build().toString())
                .body(new FileSystemResource(file));
    }

    private static Map<String, Object> json(ExportJob job) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", job.id());
        body.put("status", job.status());
        body.put("source", job.source());
        body.put("spec", JSON.readTree(job.spec()));
        body.put("format", job.format().key());
        body.put("rows_expected", job.rowsExpected());
        body.put("rows_written", job.rowsWritten());
        body.put("progress", job.progress());
        body.put("bytes", job.bytes());
        body.put("error", job.error());
        body.put("created_at", job.createdAt().toString());
        body.put("expires_at", job.expiresAt() == null ? null : job.expiresAt().toString());
        body.put(
                "file",
                job.status().equals("done")
                        ? "/api/v1/projects/" + job.projectId() + "/exports/" + job.id() + "/file"
                        : null);
        return body;
    }

    private static LocalDate day(String field, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": a day such as 2026-11-01");
        }
    }

    /** A day (the start of it, or the end of it for {@code to}) or an ISO-8601 instant. */
    private static Instant instant(String field, String text, ZoneId zone, boolean end) {
        try {
            if (text.contains("T")) {
                return Instant.parse(text);
            }
            LocalDate day = LocalDate.parse(text);
            return (end ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    field
                            + ": a day such as 2026-11-01 or an instant such as 2026-11-01T10:00:00Z");
        }
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, Object>> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(IllegalStateException.class)
    ResponseEntity<Map<String, Object>> notReady(IllegalStateException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", e.getMessage()));
    }
}
