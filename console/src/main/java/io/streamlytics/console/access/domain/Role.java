package io.streamlytics.console.access.domain;

import java.util.Locale;

/** What a console user may do in the projects they can open. */
public enum Role {
    /** Every project; users, projects and keys too. */
    ADMIN,
    /** Their projects: read, save insights and dashboards, export. */
    ANALYST,
    /** Their projects: read only. */
    VIEWER;

    /** From {@code console_users.role}. */
    public static Role of(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    public boolean canEdit() {
        return this != VIEWER;
    }
}
