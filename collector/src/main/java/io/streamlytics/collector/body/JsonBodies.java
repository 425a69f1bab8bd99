package io.streamlytics.collector.body;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Parses request bodies as JSON with limits that keep hostile input cheap to refuse. */
public final class JsonBodies {
    /** Deeper documents are refused: no real event nests anywhere near this. */
    public static final int MAX_NESTING = 64;

    public static final JsonMapper MAPPER =
            JsonMapper.builder(
                            JsonFactory.builder()
                                    .streamReadConstraints(
                                            StreamReadConstraints.builder()
                                                    .maxNestingDepth(MAX_NESTING)
                                                    .maxStringLength(20_000_000)
                                                    .build())
                                    .build())
                    .build();

    private JsonBodies() {}

    public static JsonNode parse(String text) {
        if (text.isBlank()) {
            throw new Rejection(400, "body is empty; send events as JSON");
        }
        try {
            return MAPPER.readTree(text);
        } catch (JacksonException e) {
            String reason = e.getOriginalMessage();
            if (reason != null && reason.contains("nesting depth")) {
                throw new Rejection(
                        400,
                        "body is not valid JSON: nested deeper than " + MAX_NESTING + " levels");
            }
            TokenStreamLocation at = e.getLocation();
            throw new Rejection(
                    400,
                    "body is not valid JSON"
                            + (at == null
                                    ? ""
                                    : " (line "
                                            + at.getLineNr()
                                            + ", column "
                                            + at.getColumnNr()
                                            + ")"));
        }
    }
}
