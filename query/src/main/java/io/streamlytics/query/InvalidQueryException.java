package io.streamlytics.query;

import java.util.List;

/** A query the engine will not run, with every reason a person can act on (an HTTP 400). */
public final class InvalidQueryException extends RuntimeException {
    private final List<String> problems;

    public InvalidQueryException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public InvalidQueryException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
