package io.streamlytics.ceprules.rule;

import java.io.Serializable;

/** How often a step happens: from {@code min} to {@code max} times; max -1 is unbounded. */
public record Times(int min, int max) implements Serializable {
    public static final Times ONCE = new Times(1, 1);
    public static final Times ONE_OR_MORE = new Times(1, -1);

    public boolean once() {
        return min == 1 && max == 1;
    }
}
