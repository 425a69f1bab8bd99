package io.streamlytics.ceprules;

import io.streamlytics.ceprules.read.RuleReader;
import io.streamlytics.ceprules.rule.Detection;
import io.streamlytics.ceprules.rule.RuleEvent;
import io.streamlytics.ceprules.run.LocalRun;
import java.time.Instant;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** Rules run on the shared MiniCluster over hand-written events of one day. */
final class RuleHarness {
    static final String DAY = "2026-11-02T";
    private static final RuleReader READER = new RuleReader();

    private RuleHarness() {}

    static MiniClusterExtension cluster() {
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setNumberTaskManagers(1)
                        .setNumberSlotsPerTaskManager(2)
                        .build());
    }

    static List<Detection> run(String yaml, RuleEvent... events) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        return LocalRun.detections(env, READER.read(yaml), List.of(events));
    }

    /**
     * An event of {@code person} at {@code time} ("10:00" or "10:00:30" on {@link #DAY}, or a full
     * instant), its insert id {@code event@time}; properties as name, value pairs ({@code $session}
     * sets the session).
     */
    static RuleEvent e(String person, String event, String time, String... properties) {
        RuleEvent e = new RuleEvent();
        e.projectId = 1;
        e.person = person;
        e.event = event;
        e.timestamp = at(time).toEpochMilli();
        e.insertId = event + "@" + time;
        for (int i = 0; i < properties.length; i += 2) {
            if (properties[i].equals("$session")) {
                e.session = properties[i + 1];
            } else {
                e.properties.put(properties[i], properties[i + 1]);
            }
        }
        return e;
    }

    static Instant at(String time) {
        if (time.contains("T")) {
            return Instant.parse(time);
        }
        return Instant.parse(DAY + (time.length() == 5 ? time + ":00" : time) + "Z");
    }

    /** Each detection as "key: step=ids step=ids" (sequences). */
    static List<String> paths(List<Detection> found) {
        return found.stream()
                .map(
                        d ->
                                d.key
                                        + ":"
                                        + d.steps.stream()
                                                .map(
                                                        s ->
                                                                " "
                                                                        + s.name
                                                                        + "="
                                                                        + String.join(
                                                                                "+", s.insertIds))
                                                .reduce("", String::concat))
                .toList();
    }

    /** Each detection as "firing|resolved at HH:mm key value" (aggregates). */
    static List<String> alerts(List<Detection> found) {
        return found.stream()
                .map(
                        d ->
                                (d.firing ? "firing" : "resolved")
                                        + " at "
                                        + Instant.ofEpochMilli(d.at)
                                                .toString()
                                                .replace(DAY, "")
                                                .replace(":00Z", "")
                                        + (d.key.isEmpty() ? "" : " " + d.key)
                                        + (d.steps.isEmpty() ? " " + (long) d.value : ""))
                .toList();
    }
}
