package io.streamlytics.query.model;

/** A property of the event (its {@code properties}) or of the person as of the event. */
public record PropertyRef(String name, Source source) {
    public enum Source {
        EVENT,
        PERSON
    }

    public static PropertyRef event(String name) {
        return new PropertyRef(name, Source.EVENT);
    }

    public static PropertyRef person(String name) {
        return new PropertyRef(name, Source.PERSON);
    }
}
