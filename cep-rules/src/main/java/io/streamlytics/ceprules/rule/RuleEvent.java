package io.streamlytics.ceprules.rule;

import java.util.HashMap;
import java.util.Map;

/**
 * An event as rules see it: who, when, what, and its properties as text (strings as they are,
 * numbers and booleans as written, objects and arrays as JSON). Built-in properties ({@code
 * $browser}, {@code $country}, {@code $pathname}, …) are among them. A plain POJO, so Flink
 * serialises it without Kryo.
 */
public class RuleEvent {
    public long projectId;
    public String insertId = "";
    public String event = "";

    /** The resolved person, else the distinct_id. */
    public String person = "";

    public String session = "";

    /** Event time, epoch milliseconds. */
    public long timestamp;

    /**
     * When the collector received it, epoch milliseconds (0 when unknown): how far behind the live
     * stream a reader is.
     */
    public long receivedAt;

    public Map<String, String> properties = new HashMap<>();

    public RuleEvent() {}

    /** The property's value as text; null when the event does not have it. */
    public String property(String name) {
        if ("$event".equals(name)) {
            return event;
        }
        return properties.get(name);
    }

    @Override
    public String toString() {
        return event + "@" + timestamp + "(" + person + ")";
    }
}
