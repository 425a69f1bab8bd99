package io.streamlytics.collector.dialect;

/** An event that cannot be read in its dialect; the message says why. */
public class MappingException extends RuntimeException {
    public MappingException(String reason) {
        super(reason, null, false, false);
    }
}
