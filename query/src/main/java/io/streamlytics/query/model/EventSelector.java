package io.streamlytics.query.model;

import java.util.List;

/** Events of one name ({@code *} for every event), narrowed by filters. */
public record EventSelector(String event, List<Filter> filters) {
    public static final String ANY_EVENT = "*";

    public static EventSelector of(String event) {
        return new EventSelector(event, List.of());
    }

    public boolean anyEvent() {
        return ANY_EVENT.equals(event);
    }
}
