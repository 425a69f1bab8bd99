package io.streamlytics.console.events.domain;

/** A project the analyst can look at. */
public record Project(long id, String name) {}
