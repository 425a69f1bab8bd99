package io.streamlytics.flink.metrics;

import io.streamlytics.core.metrics.LiveMetricsLayout;
import io.streamlytics.flink.redis.RedisBacklog;
import io.streamlytics.flink.redis.RedisWrites;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A sampled event as an entry of its project's live feed stream. */
final class LiveEventWrites implements RedisWrites<LiveEvent> {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public void add(LiveEvent e, RedisBacklog backlog) {
        ObjectNode json = JSON.createObjectNode();
        json.put("event", e.event);
        json.put("distinct_id", e.distinctId);
        json.put("timestamp", e.timestamp);
        json.put("page", e.page);
        json.put("country", e.country);
        json.put("device", e.device);
        backlog.xadd(LiveMetricsLayout.events(e.projectId), Map.of("event", json.toString()));
    }
}
