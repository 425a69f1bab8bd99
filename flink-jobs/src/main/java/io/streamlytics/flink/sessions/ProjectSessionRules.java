package io.streamlytics.flink.sessions;

import java.io.Serializable;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The session rules of every project: the platform's defaults, and the projects that set their own.
 * Read when the job starts; a change applies when the job restarts.
 */
public final class ProjectSessionRules implements Serializable {
    private static final long serialVersionUID = 1L;

    private final SessionRules defaults;
    private final HashMap<Long, SessionRules> projects;

    public ProjectSessionRules(SessionRules defaults, Map<Long, SessionRules> projects) {
        this.defaults = defaults;
        this.projects = new HashMap<>(projects);
    }

    public static ProjectSessionRules everywhere(SessionRules rules) {
        return new ProjectSessionRules(rules, Map.of());
    }

    public SessionRules of(long projectId) {
        return projects.getOrDefault(projectId, defaults);
    }

    /** The longest a session's state can be needed: for state time-to-live. */
    public Duration longestSession() {
        Duration longest = defaults.maxLength().plus(defaults.gap());
        for (SessionRules rules : projects.values()) {
            Duration span = rules.maxLength().plus(rules.gap());
            if (span.compareTo(longest) > 0) {
                longest = span;
            }
        }
        return longest;
    }
}
