package io.streamlytics.ceprules.read;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A YAML document as a JSON tree, with the line and column where each value starts, by path ({@code
 * steps.1.within}), so that problems found in the tree point into the text.
 */
record LocatedYaml(JsonNode tree, Map<String, int[]> locations) {
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static LocatedYaml parse(String text) {
        Map<String, int[]> locations = new HashMap<>();
        try (JsonParser parser = YAML.createParser(text)) {
            if (parser.nextToken() == null) {
                throw problem(1, 1, "", "the document is empty");
            }
            JsonNode tree = read(parser, "", locations);
            return new LocatedYaml(tree, locations);
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            String message = e.getOriginalMessage().lines().findFirst().orElse("not YAML");
            throw problem(
                    at == null ? 0 : at.getLineNr(),
                    at == null ? 0 : at.getColumnNr(),
                    "",
                    "not valid YAML: " + message);
        }
    }

    /** Where the value at {@code path} starts; its closest located parent when it is missing. */
    int[] locate(String path) {
        String p = path;
        while (true) {
            int[] at = locations.get(p);
            if (at != null || p.isEmpty()) {
                return at == null ? new int[] {0, 0} : at;
            }
            int dot = p.lastIndexOf('.');
            p = dot < 0 ? "" : p.substring(0, dot);
        }
    }

    private static JsonNode read(JsonParser parser, String path, Map<String, int[]> locations) {
        TokenStreamLocation at = parser.currentTokenLocation();
        locations.put(path, new int[] {at.getLineNr(), at.getColumnNr()});
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.set(name, read(parser, join(path, name), locations));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(read(parser, join(path, String.valueOf(array.size())), locations));
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.textNode(parser.getString());
            }
            case VALUE_NUMBER_INT -> {
                return NODES.numberNode(parser.getBigIntegerValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(parser.getDecimalValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(token == JsonToken.VALUE_TRUE);
            }
            default -> {
                return NODES.nullNode();
            }
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static InvalidRuleException problem(int line, int column, String path, String text) {
        return new InvalidRuleException(List.of(new RuleProblem(line, column, path, text)));
    }
}
