package io.streamlytics.flink.pipeline.records;

import io.streamlytics.core.event.Event;
import io.streamlytics.core.event.EventContext;
import io.streamlytics.flink.clickhouse.MonthlyPartitions;
import io.streamlytics.flink.clickhouse.PartitionFilter;
import io.streamlytics.flink.clickhouse.RowFormat;
import java.io.ByteArrayOutputStream;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

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

    /** Reused per sink subtask (each has its own copy of this format). */
    private transient ByteArrayOutputStream buffer;

    @Override
    public byte[] toJsonRow(Event e, String token) {
        if (buffer == null) {
            buffer = new ByteArrayOutputStream(2048);
        }
        buffer.reset();
        // a streaming generator: the tree-building variant was the hottest code of the job's sink
        try (JsonGenerator row = JSON.createGenerator(buffer)) {
            row.writeStartObject();
            row.writeNumberProperty("project_id", e.projectId);
            row.writeStringProperty("insert_id", e.insertId);
            row.writeStringProperty("event", e.event);
            row.writeStringProperty("distinct_id", e.distinctId);
            row.writeStringProperty("anonymous_id", e.anonymousId);
            row.writeStringProperty("user_id", e.userId);
            row.writeStringProperty("person_id", e.personId);
            row.writeStringProperty("session_id", e.sessionId);
            // DateTime as unix seconds: unambiguous whatever the server's time zone
            row.writeNumberProperty("timestamp", seconds(e.timestamp));
            row.writeNumberProperty("client_timestamp", seconds(e.clientTimestamp));
            row.writeNumberProperty("sent_at", seconds(e.sentAt));
            row.writeNumberProperty("received_at", seconds(e.receivedAt));
            row.writeStringProperty("properties", e.properties);
            row.writeStringProperty("set_properties", e.set);
            row.writeStringProperty("set_once_properties", e.setOnce);
            row.writeStringProperty("person_properties", e.personProperties);
            EventContext c = e.context;
            row.writeStringProperty("page_url", c.pageUrl);
            row.writeStringProperty("page_path", c.pagePath);
            row.writeStringProperty("page_referrer", c.pageReferrer);
            row.writeStringProperty("page_title", c.pageTitle);
            row.writeStringProperty("user_agent", c.userAgent);
            row.writeStringProperty("ip", c.ip);
            row.writeStringProperty("library_name", c.libraryName);
            row.writeStringProperty("library_version", c.libraryVersion);
            row.writeStringProperty("locale", c.locale);
            row.writeNumberProperty("screen_width", c.screenWidth);
            row.writeNumberProperty("screen_height", c.screenHeight);
            row.writeStringProperty("utm_source", c.utmSource);
            row.writeStringProperty("utm_medium", c.utmMedium);
            row.writeStringProperty("utm_campaign", c.utmCampaign);
            row.writeStringProperty("utm_term", c.utmTerm);
            row.writeStringProperty("utm_content", c.utmContent);
            row.writeStringProperty("referrer_domain", c.referrerDomain);
            row.writeStringProperty("browser", c.browser);
            row.writeStringProperty("browser_version", c.browserVersion);
            row.writeStringProperty("os", c.os);
            row.writeStringProperty("os_version", c.osVersion);
            row.writeStringProperty("device_type", c.deviceType);
            row.writeStringProperty("country", c.country);
            row.writeStringProperty("flags", e.flags);
            row.writeStringProperty("_batch", token);
            row.writeEndObject();
        }
        return buffer.toByteArray();
    }

    private static long seconds(long millis) {
        return Math.max(0, millis / 1000);
    }
}
