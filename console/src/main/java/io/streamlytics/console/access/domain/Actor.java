package io.streamlytics.console.access.domain;

/** The signed-in person a service acts for: who they are and what their role lets them do. */
public record Actor(long userId, String email, Role role) {}
