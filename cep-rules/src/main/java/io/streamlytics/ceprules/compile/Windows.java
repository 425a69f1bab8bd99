package io.streamlytics.ceprules.compile;

/** Tumbling windows aligned to the epoch, as aggregate alerts use them. */
final class Windows {
    private Windows() {}

    static long start(long timestamp, long size) {
        return timestamp - Math.floorMod(timestamp, size);
    }
}
