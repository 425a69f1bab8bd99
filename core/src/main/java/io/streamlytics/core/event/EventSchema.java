package io.streamlytics.core.event;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
        try (InputStream in = EventSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE + " on the classpath");
            }
            return new EventSchema(
                    SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                            .getSchema(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Problems with {@code event}, each naming the field; empty when it is valid. */
    public List<String> problems(JsonNode event) {
        return schema.validate(event).stream().map(EventSchema::describe).toList();
    }

    private static String describe(Error error) {
        // "$.context.screen.width" reads better without the root marker
        // "$.context.screen" or "/context/screen" reads better as "context.screen"
        String location =
                error.getInstanceLocation()
                        .toString()
                        .replaceFirst("^\\$\\.?", "")
                        .replaceFirst("^/", "")
                        .replace('/', '.');
        String message = error.getMessage();
        if (error.getProperty() != null && "required".equals(error.getKeyword())) {
            return (location.isEmpty() ? "" : location + ".") + error.getProperty() + ": required";
        }
        return location.isEmpty() ? message : location + ": " + message;
    }
}
