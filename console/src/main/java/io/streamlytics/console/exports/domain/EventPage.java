package io.streamlytics.console.exports.domain;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** A page of events (JSON objects of the export's columns) and where the next one starts. */
public record EventPage(List<JsonNode> events, EventCursor next) {}
