package io.streamlytics.ceprules.compile;

import java.time.Duration;

/** Tumbling windows aligned to the epoch, as aggregate alerts use them. */
final class Windows {
    private Windows() {}

    static long start(long timestamp, long size) {
        return timestamp - Math.floorMod(timestamp, size);
    }

    /** "5m", "1h", "90s": the rule's own spelling of a window. */
    static String describe(Duration d) {
        long s = d.toSeconds();
        if (s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}
