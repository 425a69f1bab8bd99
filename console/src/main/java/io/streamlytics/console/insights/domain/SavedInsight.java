package io.streamlytics.console.insights.domain;

import java.time.Instant;

/** An insight saved from a builder: its query (JSON model) and chart. */
public record SavedInsight(
        long id,
        long projectId,
        String name,
        String kind,
        String query,
        String chart,
        String createdBy,
        Instant updatedAt) {}
