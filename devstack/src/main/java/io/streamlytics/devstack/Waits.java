package io.streamlytics.devstack;

import java.time.Duration;
import java.util.function.BooleanSupplier;

public final class Waits {
    private Waits() {}

    /** Polls until {@code ready} holds; false when {@code timeout} passed first. */
    public static boolean until(Duration timeout, BooleanSupplier ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (ready.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return ready.getAsBoolean();
    }
}
