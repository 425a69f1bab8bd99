package io.streamlytics.collector.dialect;

import static io.streamlytics.collector.dialect.NativeEvents.child;
import static io.streamlytics.collector.dialect.NativeEvents.context;
import static io.streamlytics.collector.dialect.NativeEvents.epoch;
import static io.streamlytics.collector.dialect.NativeEvents.id;
import static io.streamlytics.collector.dialect.NativeEvents.text;

import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Mixpanel's ingestion API: {@code /track} and {@code /import} (events with {@code
 * properties.token}, {@code distinct_id}, {@code time} in seconds or milliseconds, {@code
 * $insert_id}) and {@code /engage} (profile updates, stored as {@code $identify} events carrying
 * {@code $set}/{@code $set_once}). Answers {@code 1} on success, as Mixpanel's SDKs expect from
 * /track and /engage.
 */
public final class MixpanelDialect implements Dialect {
    private final String endpoint;
    private final int maxBodyBytes;

    /**
     * @param endpoint {@code track}, {@code import} or {@code engage}
     */
    public MixpanelDialect(String endpoint, int maxBodyBytes) {
        this.endpoint = endpoint;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public String name() {
        return "mixpanel-" + endpoint;
    }

    @Override
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    @Override
    public Envelope envelope(JsonNode body, Request request) {
        List<JsonNode> events = body.isArray() ? NativeEvents.elements(body) : List.of(body);
        Optional<String> key =
                events.isEmpty()
                        ? Optional.empty()
                        : NativeEvents.firstText(events.get(0).path("properties"), "token")
                                .or(() -> NativeEvents.firstText(events.get(0), "$token"));
        return new Envelope(key, events, null);
    }

    @Override
    public ObjectNode toNative(JsonNode event, Request request) {
        NativeEvents.requireObject(event);
        return endpoint.equals("engage") ? profileUpdate(event) : trackEvent(event);
    }

    private static ObjectNode trackEvent(JsonNode event) {
        ObjectNode out = NativeEvents.object();
        JsonNode props = event.path("properties");
        text(event, "event", out, "event");
        id(props, "distinct_id", out, "distinct_id");
        id(props, "$user_id", out, "user_id");
        id(props, "$device_id", out, "anonymous_id");
        text(props, "$insert_id", out, "insert_id");
        epoch(props, "time", out, "timestamp");
        ObjectNode properties =
                props.isObject() ? ((ObjectNode) props).deepCopy() : NativeEvents.object();
        for (String internal : List.of("token", "distinct_id", "time", "$insert_id")) {
            properties.remove(internal);
        }
        out.set("properties", properties);
        ObjectNode context = context(out);
        ObjectNode page = child(context, "page");
        text(props, "$current_url", page, "url");
        text(props, "$referrer", page, "referrer");
        text(props, "ip", context, "ip");
        ObjectNode library = child(context, "library");
        text(props, "mp_lib", library, "name");
        text(props, "$lib_version", library, "version");
        NativeEvents.screenAndCampaign(props, context);
        return out;
    }

    private static ObjectNode profileUpdate(JsonNode update) {
        ObjectNode out = NativeEvents.object();
        out.put("event", "$identify");
        id(update, "$distinct_id", out, "distinct_id");
        epoch(update, "$time", out, "timestamp");
        NativeEvents.object(update, "$set", out, "$set");
        NativeEvents.object(update, "$set_once", out, "$set_once");
        text(update, "$ip", context(out), "ip");
        return out;
    }

    @Override
    public String successBody(int accepted) {
        return endpoint.equals("import")
                ? "{\"code\":200,\"status\":\"OK\",\"num_records_imported\":" + accepted + "}"
                : "1";
    }
}
