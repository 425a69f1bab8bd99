package io.streamlytics.ceprules.read;

/**
 * What is wrong with a rule, and where: {@code 12:7 steps.1.within: must match …}. Line and column
 * count from 1; 0 when the problem is not at one place.
 */
public record RuleProblem(int line, int column, String path, String message) {
    @Override
    public String toString() {
        String where = line > 0 ? line + ":" + column + " " : "";
        return where + (path.isEmpty() ? "" : path + ": ") + message;
    }
}
