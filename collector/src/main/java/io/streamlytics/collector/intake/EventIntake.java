package io.streamlytics.collector.intake;

import io.streamlytics.collector.dialect.Dialect;
import io.streamlytics.collector.dialect.MappingException;
import io.streamlytics.collector.enrich.Enricher;
import io.streamlytics.core.event.DeadLetter;
import io.streamlytics.core.event.Event;
import io.streamlytics.core.event.EventReader;
import io.streamlytics.core.postgres.Projects;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The events of one request (or one replayed dead letter), each mapped from its dialect, validated
 * and enriched: what is accepted, and a dead letter with reasons for each of the rest. Shared by
 * the HTTP endpoints and the DLQ replay, so a replay judges events exactly as ingestion does.
 */
public final class EventIntake {
    /** Per-event limit, as Segment's. */
    public static final int MAX_EVENT_BYTES = 32 * 1024;

    private final EventReader reader;
    private final Enricher enricher;

    public EventIntake(EventReader reader, Enricher enricher) {
        this.reader = reader;
        this.enricher = enricher;
    }

    /** A rejected event: its position in the request and why. */
    public record Failure(int index, List<String> problems) {}

    public record Outcome(
            List<Event> accepted, List<DeadLetter> rejected, List<Failure> failures) {}

    /**
     * @param bodyBytes size of the decoded body the events came in
     */
    public Outcome take(
            Dialect dialect,
            Dialect.Envelope envelope,
            Projects.Project project,
            Dialect.Request meta,
            Enricher.Client client,
            int bodyBytes) {
        // no event can be over the limit when the whole body is not: skip re-serializing each
        boolean checkSizes = bodyBytes > MAX_EVENT_BYTES;
        List<Event> accepted = new ArrayList<>();
        List<DeadLetter> rejected = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        List<JsonNode> events = envelope.events();
        for (int i = 0; i < events.size(); i++) {
            JsonNode original = events.get(i);
            // the event as text: needed for the size check of large bodies and for a dead letter
            String text = checkSizes ? original.toString() : null;
            List<String> problems;
            Event event = null;
            if (text != null && text.getBytes(StandardCharsets.UTF_8).length > MAX_EVENT_BYTES) {
                problems = List.of("event is larger than " + MAX_EVENT_BYTES + " bytes");
            } else {
                try {
                    EventReader.Result result =
                            reader.read(
                                    dialect.toNative(original, meta),
                                    project.id(),
                                    meta.receivedAt(),
                                    envelope.sentAt());
                    problems = result.problems();
                    event = result.event();
                } catch (MappingException e) {
                    problems = List.of(e.getMessage());
                }
            }
            if (problems.isEmpty()) {
                accepted.add(enricher.enrich(event, project, client));
            } else {
                rejected.add(
                        DeadLetter.ofEvent(
                                project.id(),
                                meta.path(),
                                meta.receivedAt().toEpochMilli(),
                                problems,
                                text != null ? text : original.toString()));
                failures.add(new Failure(i, problems));
            }
        }
        return new Outcome(accepted, rejected, failures);
    }
}
