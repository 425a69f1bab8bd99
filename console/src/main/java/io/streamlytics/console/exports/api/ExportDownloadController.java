package io.streamlytics.console.exports.api;

import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.access.service.ProjectAccess;
import io.streamlytics.console.exports.domain.ExportJob;
import io.streamlytics.console.exports.service.ExportRunner;
import io.streamlytics.console.exports.service.ExportStore;
import java.time.Clock;
import java.util.Map;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /exports/{id}/download}: an export's file for the person signed in to the console (the
 * link of the Exports page and of the notice email), if they may export in its project.
 */
@RestController
class ExportDownloadController {
    private final ExportStore store;
    private final ExportRunner runner;
    private final ProjectAccess access;
    private final Clock clock;

    ExportDownloadController(
            ExportStore store, ExportRunner runner, ProjectAccess access, Clock clock) {
        this.store = store;
        this.runner = runner;
        this.access = access;
        this.clock = clock;
    }

    @GetMapping("/exports/{id}/download")
    ResponseEntity<Resource> download(@PathVariable long id) {
        Actor actor = access.current();
        long project =
                store.projectOf(id)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "There is no export " + id + "."));
        ExportJob job = store.downloadable(actor, project, id, clock.instant());
        return ExportsController.download(job, runner.file(job));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, Object>> missing(IllegalArgumentException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(IllegalStateException.class)
    ResponseEntity<Map<String, Object>> notReady(IllegalStateException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Map<String, Object>> refused(AccessDeniedException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", e.getMessage()));
    }
}
