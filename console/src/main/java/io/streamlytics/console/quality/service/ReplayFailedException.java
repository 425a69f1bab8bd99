package io.streamlytics.console.quality.service;

/** A replay that did not run or did not finish; the message says why and what to do. */
public class ReplayFailedException extends RuntimeException {
    public ReplayFailedException(String message) {
        super(message);
    }
}
