package io.streamlytics.console.users.domain;

import io.streamlytics.console.access.domain.Role;
import java.time.Instant;
import java.util.List;

/** A console user as admins see them: role, the projects they may open, whether disabled. */
public record ConsoleUser(
        long id,
        String email,
        Role role,
        List<Long> projects,
        Instant createdAt,
        boolean disabled) {}
