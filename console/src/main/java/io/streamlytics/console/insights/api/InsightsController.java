package io.streamlytics.console.insights.api;

import io.streamlytics.console.insights.service.InsightQueries;
import io.streamlytics.core.clickhouse.ClickHouseException;
import io.streamlytics.query.InvalidQueryException;
import io.streamlytics.query.QueryLimitException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The analyses over REST: {@code POST /api/v1/projects/{id}/trends|funnels|retention|paths} with a
 * query of the JSON model (docs/query-model.md) as the body. The API token and its project are
 * checked before this runs.
 */
@RestController
@RequestMapping("/api/v1/projects/{project}")
class InsightsController {
    private static final Logger LOG = LoggerFactory.getLogger(InsightsController.class);
    private final InsightQueries queries;

    InsightsController(InsightQueries queries) {
        this.queries = queries;
    }

    @PostMapping(
            path = "/{analysis:trends|funnels|retention|paths}",
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> run(
            @PathVariable long project, @PathVariable String analysis, @RequestBody String body) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .body(queries.run(project, analysis, body));
    }

    /** Forgets the project's cached results (they are also checked against the events on use). */
    @DeleteMapping("/insights/cache")
    ResponseEntity<Void> invalidate(@PathVariable long project) {
        queries.invalidate(project);
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(InvalidQueryException.class)
    ResponseEntity<Map<String, Object>> invalid(InvalidQueryException e) {
        return ResponseEntity.badRequest()
                .body(Map.of("error", "the query is not valid", "problems", e.problems()));
    }

    @ExceptionHandler(QueryLimitException.class)
    ResponseEntity<Map<String, Object>> tooCostly(QueryLimitException e) {
        return ResponseEntity.unprocessableEntity().body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, Object>> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(ClickHouseException.class)
    ResponseEntity<Map<String, Object>> unavailable(ClickHouseException e) {
        LOG.warn("analysis failed in ClickHouse", e);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", "10")
                .body(Map.of("error", "ClickHouse could not answer; try again shortly"));
    }
}
