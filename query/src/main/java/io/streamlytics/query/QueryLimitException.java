package io.streamlytics.query;

/**
 * A valid query that went past a cost limit (range, run time, rows); the message says which limit
 * and how to stay inside it (an HTTP 422).
 */
public final class QueryLimitException extends RuntimeException {
    public QueryLimitException(String message, Throwable cause) {
        super(message, cause);
    }

    public QueryLimitException(String message) {
        super(message);
    }
}
