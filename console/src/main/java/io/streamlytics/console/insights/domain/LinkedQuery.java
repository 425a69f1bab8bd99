package io.streamlytics.console.insights.domain;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A query in a URL parameter: its JSON as base64url, so a link reproduces an insight. */
public final class LinkedQuery {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LinkedQuery() {}

    public static String encode(JsonNode query) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(JSON.writeValueAsBytes(query));
    }

    /** The query a parameter holds; empty when it is mangled. */
    public static Optional<JsonNode> decode(String parameter) {
        try {
            byte[] json = Base64.getUrlDecoder().decode(parameter);
            return Optional.of(JSON.readTree(new String(json, StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException | JacksonException e) {
            return Optional.empty();
        }
    }
}
