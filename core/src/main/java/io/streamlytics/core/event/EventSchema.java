package io.streamlytics.core.event;

import com.networknt.schema.Schema;
import io.streamlytics.core.text.JsonSchemas;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The JSON schema of an incoming event ({@code schemas/event.v1.json}). Thread-safe. */
public final class EventSchema {
    public static final String RESOURCE = "/schemas/event.v1.json";

    private final Schema schema;

    private EventSchema(Schema schema) {
        this.schema = schema;
    }

    public static EventSchema load() {
        return new EventSchema(JsonSchemas.load(EventSchema.class, RESOURCE));
    }

    /** Problems with {@code event}, each naming the field; empty when it is valid. */
    public List<String> problems(JsonNode event) {
        return JsonSchemas.problems(schema, event);
    }
}
