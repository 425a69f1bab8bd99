package io.streamlytics.console.segments.domain;

import java.time.Instant;

/** A segment's size at one refresh. */
public record SegmentSize(Instant refreshedAt, long size) {}
