package io.streamlytics.core.clickhouse;

/** A ClickHouse request failed; the message carries the server's reason and the statement. */
public class ClickHouseException extends RuntimeException {
    public ClickHouseException(String message, Throwable cause) {
        super(message, cause);
    }
}
