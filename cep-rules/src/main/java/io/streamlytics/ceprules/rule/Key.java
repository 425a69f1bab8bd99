package io.streamlytics.ceprules.rule;

import java.io.Serializable;

/** Whose events a rule follows together. */
public record Key(Kind kind, String property) implements Serializable {
    public enum Kind {
        PERSON,
        SESSION,
        /** All of a project's events: aggregate alerts on the whole product. */
        PROJECT,
        PROPERTY
    }

    public static final Key PERSON = new Key(Kind.PERSON, null);
    public static final Key PROJECT = new Key(Kind.PROJECT, null);

    /** What an event is grouped by: its project and {@link #value}. */
    public String of(RuleEvent event) {
        return event.projectId + ":" + value(event);
    }

    /** The value this key picks from an event ("" when it has none). */
    public String value(RuleEvent event) {
        String value =
                switch (kind) {
                    case PERSON -> event.person;
                    case SESSION -> event.session;
                    case PROJECT -> "";
                    case PROPERTY -> event.property(property);
                };
        return value == null ? "" : value;
    }

    @Override
    public String toString() {
        return kind == Kind.PROPERTY ? "property " + property : kind.name().toLowerCase();
    }
}
