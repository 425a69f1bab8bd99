package io.streamlytics.collector.body;

/**
 * A request the collector refuses as a whole, with the HTTP status and a reason a person can act
 * on. Thrown while reading a body; the handler turns it into the answer and a dead letter.
 */
public class Rejection extends RuntimeException {
    private final int status;

    public Rejection(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return getMessage();
    }
}
