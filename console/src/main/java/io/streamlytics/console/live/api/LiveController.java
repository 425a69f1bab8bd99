package io.streamlytics.console.live.api;

import io.streamlytics.console.live.domain.LiveFeedEvent;
import io.streamlytics.console.live.domain.LiveSnapshot;
import io.streamlytics.console.live.domain.MinuteValue;
import io.streamlytics.console.live.domain.WindowValue;
import io.streamlytics.console.live.service.LiveHub;
import io.streamlytics.console.live.service.LiveListener;
import io.streamlytics.console.live.service.LiveMetricsReader;
import io.streamlytics.console.live.service.LiveSubscription;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live metrics over REST and Server-Sent Events. Authentication and the token's project are checked
 * before any of this runs ({@code ApiSecurityConfiguration}).
 */
@RestController
@RequestMapping("/api/v1/projects/{project}/live")
class LiveController {
    private final LiveMetricsReader reader;
    private final LiveHub hub;

    LiveController(LiveMetricsReader reader, LiveHub hub) {
        this.reader = reader;
        this.hub = hub;
    }

    /** The current numbers: this minute, the last hour per minute, active users, top lists. */
    @GetMapping
    LiveSnapshot current(@PathVariable long project) {
        return reader.snapshot(project);
    }

    /** One metric over the last {@code last} minutes. */
    @GetMapping("/minutes")
    List<MinuteValue> minutes(
            @PathVariable long project,
            @RequestParam(defaultValue = "*") String event,
            @RequestParam(defaultValue = "") String dimension,
            @RequestParam(defaultValue = "") String value,
            @RequestParam(defaultValue = "60") int last) {
        return reader.minutes(project, event, dimension, value, last);
    }

    /**
     * One metric over a sliding window of the last {@code minutes} minutes (5 and 60 are the
     * usual): events, distinct users, and the sum, average, p50 and p95 of {@code measure}.
     */
    @GetMapping("/window")
    WindowValue window(
            @PathVariable long project,
            @RequestParam(defaultValue = "*") String event,
            @RequestParam(defaultValue = "") String dimension,
            @RequestParam(defaultValue = "") String value,
            @RequestParam(defaultValue = "5") int minutes,
            @RequestParam(defaultValue = "revenue") String measure) {
        return reader.window(project, event, dimension, value, minutes, measure);
    }

    /** The newest sampled events, or those after {@code after}. */
    @GetMapping("/feed")
    List<LiveFeedEvent> feed(
            @PathVariable long project,
            @RequestParam(defaultValue = "") String after,
            @RequestParam(defaultValue = "50") int max) {
        return reader.feed(project, after, Math.max(1, Math.min(max, 500)));
    }

    /**
     * Server-Sent Events: {@code feed} events (with ids, so a reconnecting browser resumes after
     * the last one it saw through {@code Last-Event-ID}) and {@code snapshot} events.
     */
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(
            @PathVariable long project,
            @RequestHeader(name = "Last-Event-ID", defaultValue = "") String lastEventId) {
        SseEmitter emitter = new SseEmitter(0L);
        LiveSubscription subscription =
                hub.subscribe(
                        project,
                        lastEventId,
                        new LiveListener() {
                            @Override
                            public void snapshot(LiveSnapshot snapshot) throws Exception {
                                emitter.send(
                                        SseEmitter.event()
                                                .name("snapshot")
                                                .data(snapshot, MediaType.APPLICATION_JSON));
                            }

                            @Override
                            public void feed(List<LiveFeedEvent> events, long dropped)
                                    throws Exception {
                                emitter.send(
                                        SseEmitter.event()
                                                .name("feed")
                                                .id(events.get(events.size() - 1).id())
                                                .data(
                                                        Map.of(
                                                                "events", events, "dropped",
                                                                dropped),
                                                        MediaType.APPLICATION_JSON));
                            }

                            @Override
                            public void closed() {
                                emitter.complete();
                            }
                        });
        emitter.onCompletion(subscription::close);
        emitter.onTimeout(subscription::close);
        emitter.onError(e -> subscription.close());
        return emitter;
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }
}
