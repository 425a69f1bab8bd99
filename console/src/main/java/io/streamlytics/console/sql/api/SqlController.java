package io.streamlytics.console.sql.api;

import io.streamlytics.console.sql.domain.SqlResult;
import io.streamlytics.console.sql.service.SqlConsole;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/projects/{id}/sql} with a SELECT as the body ({@code text/plain}): the
 * project's rows only, as the SQL editor runs it; {@code {"columns", "rows", "truncated",
 * "took_ms"}}.
 */
@RestController
@RequestMapping("/api/v1/projects/{project}")
class SqlController {
    private final SqlConsole sql;

    SqlController(SqlConsole sql) {
        this.sql = sql;
    }

    @PostMapping(path = "/sql", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> run(@PathVariable long project, @RequestBody String query) {
        SqlResult result = sql.runForProject(project, query);
        return Map.of(
                "columns", result.columns(),
                "rows", result.rows(),
                "truncated", result.truncated(),
                "took_ms", result.tookMillis());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, Object>> refused(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(IllegalStateException.class)
    ResponseEntity<Map<String, Object>> unavailable(IllegalStateException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(Map.of("error", e.getMessage()));
    }
}
