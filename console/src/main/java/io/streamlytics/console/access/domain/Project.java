package io.streamlytics.console.access.domain;

/** A project the analyst can look at. */
public record Project(long id, String name) {}
