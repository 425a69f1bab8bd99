package io.streamlytics.core.text;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** JSON schemas (draft 2020-12) from the classpath, and their findings as sentences. */
public final class JsonSchemas {
    private JsonSchemas() {}

    /** The schema at {@code resource} on the classpath of {@code owner}. */
    public static Schema load(Class<?> owner, String resource) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource + " on the classpath");
            }
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Problems with {@code document}, each naming where: {@code series.0.event: required}. */
    public static List<String> problems(Schema schema, JsonNode document) {
        return findings(schema, document).stream().map(Finding::toString).toList();
    }

    /** The same problems, each with its path apart from its message. */
    public static List<Finding> findings(Schema schema, JsonNode document) {
        return schema.validate(document).stream().map(JsonSchemas::describe).distinct().toList();
    }

    /** A problem at {@code path} (dotted, "" for the document itself). */
    public record Finding(String path, String message) {
        @Override
        public String toString() {
            return path.isEmpty() ? message : path + ": " + message;
        }
    }

    private static Finding describe(Error error) {
        // "$.context.screen" or "/context/screen" reads better as "context.screen"
        String location =
                error.getInstanceLocation()
                        .toString()
                        .replaceFirst("^\\$\\.?", "")
                        .replaceFirst("^/", "")
                        .replace('/', '.');
        if (error.getProperty() != null && "required".equals(error.getKeyword())) {
            return new Finding(
                    (location.isEmpty() ? "" : location + ".") + error.getProperty(), "required");
        }
        return new Finding(location, error.getMessage());
    }
}
