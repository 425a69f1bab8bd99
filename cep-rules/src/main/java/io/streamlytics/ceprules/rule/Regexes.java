package io.streamlytics.ceprules.rule;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Compiled regular expressions of the rules loaded in this JVM, shared by their predicates. */
final class Regexes {
    private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();

    private Regexes() {}

    static Pattern get(String regex) {
        return COMPILED.computeIfAbsent(regex, Pattern::compile);
    }
}
