package io.streamlytics.collector.dialect;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /batch} is PostHog's batch endpoint ({@code /batch/}) and Amplitude's Batch API alike; the
 * body tells them apart: Amplitude sends {@code "events"} of {@code event_type}s.
 */
public final class PostHogOrAmplitude implements Dialect {
    private final PostHogDialect posthog;
    private final AmplitudeDialect amplitude;

    public PostHogOrAmplitude(int maxBodyBytes) {
        this.posthog = new PostHogDialect(maxBodyBytes);
        this.amplitude = new AmplitudeDialect(maxBodyBytes);
    }

    @Override
    public String name() {
        return "posthog-or-amplitude";
    }

    @Override
    public int maxBodyBytes() {
        return posthog.maxBodyBytes();
    }

    @Override
    public Envelope envelope(JsonNode body, Request request) {
        return body.path("events").isArray()
                ? amplitude.envelope(body, request)
                : posthog.envelope(body, request);
    }

    @Override
    public ObjectNode toNative(JsonNode event, Request request) {
        return event.has("event_type")
                ? amplitude.toNative(event, request)
                : posthog.toNative(event, request);
    }
}
