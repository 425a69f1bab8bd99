package io.streamlytics.console.segments.api;

import io.streamlytics.console.segments.domain.Segment;
import io.streamlytics.console.segments.service.SegmentService;
import io.streamlytics.core.clickhouse.ClickHouseException;
import io.streamlytics.query.InvalidQueryException;
import io.streamlytics.query.QueryLimitException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Segments over REST: list, create (a definition, a CSV upload, or a funnel's people), refresh,
 * members page by page, sizes over time, replace a static segment's members, delete. Filters and
 * breakdowns name a segment by its id ({@code {"segment": 12}}).
 */
@RestController
@RequestMapping("/api/v1/projects/{project}/segments")
class SegmentsController {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final SegmentService segments;

    SegmentsController(SegmentService segments) {
        this.segments = segments;
    }

    @GetMapping
    List<Segment> all(@PathVariable long project) {
        return segments.all(project);
    }

    /**
     * {@code {"name", "definition": {...}, "refresh_minutes": 60}} for a dynamic segment, or {@code
     * {"name", "from_funnel": {funnel query with "people"}}} for a funnel's people.
     */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Segment> create(@PathVariable long project, @RequestBody String body) {
        JsonNode request = json(body);
        String name = request.path("name").asString("").strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("name: required");
        }
        Segment created;
        if (request.has("definition")) {
            created =
                    segments.createDynamic(
                            project,
                            name,
                            request.path("definition").toString(),
                            request.path("refresh_minutes").asInt(60));
        } else if (request.has("from_funnel")) {
            created =
                    segments.createFromFunnel(
                            project, name, request.path("from_funnel").toString());
        } else {
            throw new IllegalArgumentException(
                    "send a \"definition\", a \"from_funnel\" query, or a CSV (text/csv) with ?name=");
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(created);
    }

    /**
     * A dynamic segment changed in place: {@code {"name", "definition": {...}, "refresh_minutes"}}
     * (the name and refresh stay as they are when left out); worked out again at once.
     */
    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Segment update(@PathVariable long project, @PathVariable long id, @RequestBody String body) {
        JsonNode request = json(body);
        if (!request.has("definition")) {
            throw new IllegalArgumentException("definition: required");
        }
        Segment current = segments.get(project, id);
        String name = request.path("name").asString(current.name()).strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("name: 1 to 200 characters");
        }
        return segments.updateDynamic(
                project,
                id,
                name,
                request.path("definition").toString(),
                request.path("refresh_minutes").asInt(current.refreshMinutes()));
    }

    /** A static segment from a CSV of people (one id per row, or a column named person). */
    @PostMapping(consumes = "text/csv")
    ResponseEntity<Segment> upload(
            @PathVariable long project, @RequestParam String name, @RequestBody String csv) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(segments.createStatic(project, name.strip(), new StringReader(csv)));
    }

    @GetMapping("/{id}")
    Map<String, Object> get(@PathVariable long project, @PathVariable long id) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("segment", segments.get(project, id));
        answer.put("sizes", segments.history(project, id));
        return answer;
    }

    @PostMapping("/{id}/refresh")
    Segment refresh(@PathVariable long project, @PathVariable long id) {
        return segments.refresh(project, id);
    }

    @GetMapping("/{id}/members")
    Map<String, Object> members(
            @PathVariable long project,
            @PathVariable long id,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "100") int limit) {
        int page = Math.max(1, Math.min(limit, 10_000));
        List<String> people = segments.members(project, id, Math.max(0, offset), page);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("people", people);
        if (people.size() == page) {
            answer.put("next_offset", Math.max(0, offset) + page);
        }
        return answer;
    }

    @PutMapping(path = "/{id}/members", consumes = "text/csv")
    Segment replace(@PathVariable long project, @PathVariable long id, @RequestBody String csv) {
        return segments.replaceMembers(project, id, new StringReader(csv));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long project, @PathVariable long id) {
        segments.delete(project, id);
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(InvalidQueryException.class)
    ResponseEntity<Map<String, Object>> invalid(InvalidQueryException e) {
        return ResponseEntity.badRequest()
                .body(Map.of("error", "the definition is not valid", "problems", e.problems()));
    }

    @ExceptionHandler({IllegalArgumentException.class, QueryLimitException.class})
    ResponseEntity<Map<String, Object>> badRequest(RuntimeException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(ClickHouseException.class)
    ResponseEntity<Map<String, Object>> unavailable(ClickHouseException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", "10")
                .body(Map.of("error", "ClickHouse could not answer; try again shortly"));
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(
                    "the request is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
