package io.streamlytics.flink.identity;

import io.streamlytics.core.event.Event;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Passes every event on and, for an event that ties two ids together, adds a merge for the id that
 * joins the other's person. The SDKs say it in different ways:
 *
 * <ul>
 *   <li>PostHog {@code $identify} with {@code $anon_distinct_id}; Mixpanel {@code $identify} with
 *       {@code $anon_id}: the anonymous id joins the identified one;
 *   <li>{@code $create_alias} with {@code alias} (PostHog, Mixpanel) or {@code previous_id}
 *       (Segment {@code alias}): that id joins the event's distinct id;
 *   <li>any event with both a user id and a different anonymous id (Segment, RudderStack): the
 *       anonymous id joins the user id.
 * </ul>
 */
public final class IdentityLinks implements FlatMapFunction<Event, IdentityMessage> {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public void flatMap(Event event, Collector<IdentityMessage> out) {
        out.collect(IdentityMessage.of(event));
        for (String joining : joiningIds(event)) {
            if (!joining.isEmpty() && !joining.equals(event.distinctId)) {
                out.collect(IdentityMessage.merge(event.projectId, joining, event.distinctId));
            }
        }
    }

    static List<String> joiningIds(Event event) {
        List<String> ids = new ArrayList<>(2);
        if (!event.userId.isEmpty()
                && !event.anonymousId.isEmpty()
                && event.userId.equals(event.distinctId)) {
            ids.add(event.anonymousId);
        }
        switch (event.event) {
            case "$identify" -> {
                JsonNode properties = JSON.readTree(event.properties);
                ids.add(text(properties.path("$anon_distinct_id")));
                ids.add(text(properties.path("$anon_id")));
            }
            case "$create_alias" -> {
                JsonNode properties = JSON.readTree(event.properties);
                ids.add(text(properties.path("alias")));
                ids.add(text(properties.path("previous_id")));
            }
            default -> {}
        }
        return ids;
    }

    private static String text(JsonNode node) {
        return node.isString() || node.isIntegralNumber() ? node.asString() : "";
    }
}
