package io.streamlytics.devstack;

/** A local service could not start; the message says what failed and how to fix it. */
public class ServiceStartException extends RuntimeException {
    public ServiceStartException(String message) {
        super(message);
    }

    public ServiceStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
