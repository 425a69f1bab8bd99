package io.streamlytics.ceprules.rule;

import java.io.Serializable;

/** How an alert rule's alerts read: severity and a one-line summary. */
public record AlertSpec(Severity severity, String summary) implements Serializable {
    public enum Severity {
        INFO,
        WARNING,
        CRITICAL
    }

    public static final AlertSpec DEFAULT = new AlertSpec(Severity.WARNING, "");
}
