package io.streamlytics.flink.pipeline.records;

import io.streamlytics.core.event.Event;
import io.streamlytics.core.event.EventContext;
import io.streamlytics.flink.clickhouse.MonthlyPartitions;
import io.streamlytics.flink.clickhouse.PartitionFilter;
import io.streamlytics.flink.clickhouse.RowFormat;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An {@link Event} as a row of ClickHouse {@code events}; partitions are {@code
 * toYYYYMM(timestamp)}.
 */
public final class EventRowFormat implements RowFormat<Event> {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Limits a token lookup to one month of {@code events}. */
    public static final PartitionFilter PARTITION_FILTER = MonthlyPartitions.filter("timestamp");

    @Override
    public String partition(Event event) {
        return MonthlyPartitions.of(event.timestamp);
    }

    @Override
    public byte[] toJsonRow(Event e, String token) {
        ObjectNode row = JSON.createObjectNode();
        row.put("project_id", e.projectId);
        row.put("insert_id", e.insertId);
        row.put("event", e.event);
        row.put("distinct_id", e.distinctId);
        row.put("anonymous_id", e.anonymousId);
        row.put("user_id", e.userId);
        row.put("person_id", e.personId);
        row.put("session_id", e.sessionId);
        // DateTime as unix seconds: unambiguous whatever the server's time zone
        row.put("timestamp", seconds(e.timestamp));
        row.put("client_timestamp", seconds(e.clientTimestamp));
        row.put("sent_at", seconds(e.sentAt));
        row.put("received_at", seconds(e.receivedAt));
        row.put("properties", e.properties);
        row.put("set_properties", e.set);
        row.put("set_once_properties", e.setOnce);
        row.put("person_properties", e.personProperties);
        EventContext c = e.context;
        row.put("page_url", c.pageUrl);
        row.put("page_path", c.pagePath);
        row.put("page_referrer", c.pageReferrer);
        row.put("page_title", c.pageTitle);
        row.put("user_agent", c.userAgent);
        row.put("ip", c.ip);
        row.put("library_name", c.libraryName);
        row.put("library_version", c.libraryVersion);
        row.put("locale", c.locale);
        row.put("screen_width", c.screenWidth);
        row.put("screen_height", c.screenHeight);
        row.put("utm_source", c.utmSource);
        row.put("utm_medium", c.utmMedium);
        row.put("utm_campaign", c.utmCampaign);
        row.put("utm_term", c.utmTerm);
        row.put("utm_content", c.utmContent);
        row.put("referrer_domain", c.referrerDomain);
        row.put("browser", c.browser);
        row.put("browser_version", c.browserVersion);
        row.put("os", c.os);
        row.put("os_version", c.osVersion);
        row.put("device_type", c.deviceType);
        row.put("flags", e.flags);
        row.put("_batch", token);
        return JSON.writeValueAsBytes(row);
    }

    private static long seconds(long millis) {
        return Math.max(0, millis / 1000);
    }
}
