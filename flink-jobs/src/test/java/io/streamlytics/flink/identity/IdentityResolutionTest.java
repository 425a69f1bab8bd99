package io.streamlytics.flink.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlytics.core.event.Event;
import io.streamlytics.core.event.EventCodec;
import io.streamlytics.flink.TestCluster;
import io.streamlytics.flink.TestEvents;
import io.streamlytics.flink.pipeline.EventPipeline;
import io.streamlytics.flink.pipeline.records.RawRecord;
import io.streamlytics.flink.sessions.ProjectSessionRules;
import io.streamlytics.flink.sessions.SessionRow;
import io.streamlytics.flink.sessions.SessionRules;
import io.streamlytics.flink.sessions.Sessions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Identity resolution through the whole pipeline logic: who an event belongs to, the persons and
 * aliases written, and the session an identify in its middle leaves intact.
 */
class IdentityResolutionTest {
    @RegisterExtension static final MiniClusterExtension FLINK = TestCluster.withTwoSlots();

    private static final Instant T0 = TestEvents.BEGINNING;

    /** Everything one run of the pipeline wrote, by table. */
    record Run(
            List<Event> events,
            List<SessionRow> sessions,
            List<PersonRow> persons,
            List<AliasRow> aliases) {
        Event event(String insertId) {
            return events.stream().filter(e -> e.insertId.equals(insertId)).findFirst().get();
        }

        PersonRow latest(String person) {
            return persons.stream()
                    .filter(p -> p.personId.equals(person))
                    .max(Comparator.comparingLong(p -> p.version))
                    .get();
        }
    }

    private static Run run(List<Event> events) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1); // arrival order is the order of the list
        List<RawRecord> records = new ArrayList<>();
        for (Event e : events) {
            records.add(new RawRecord("raw", 0, records.size(), EventCodec.toJson(e)));
        }
        EventPipeline.Outputs out =
                EventPipeline.build(
                        env.fromData(records),
                        Duration.ofDays(1),
                        ProjectSessionRules.everywhere(
                                SessionRules.of(
                                        Sessions.DEFAULT_GAP, Sessions.DEFAULT_MAX_LENGTH, null)));
        var stored = collect(out.events());
        var sessions = collect(out.sessions());
        var persons = collect(out.persons());
        var aliases = collect(out.aliases());
        env.execute("identity-test");
        return new Run(
                drain(stored.getOutput()),
                drain(sessions.getOutput()),
                drain(persons.getOutput()),
                drain(aliases.getOutput()));
    }

    private static <T> DataStream.Collector<T> collect(DataStream<T> stream) {
        DataStream.Collector<T> collector = new DataStream.Collector<>();
        stream.collectAsync(collector);
        return collector;
    }

    private static <T> List<T> drain(CloseableIterator<T> output) throws Exception {
        List<T> all = new ArrayList<>();
        try (output) {
            output.forEachRemaining(all::add);
        }
        return all;
    }

    private static Event segment(String id, String name, String userId, int minute) {
        Event e = TestEvents.event(1, id, name, userId.isEmpty() ? "anon-a" : userId, at(minute));
        e.anonymousId = "anon-a";
        e.userId = userId;
        return e;
    }

    private static Instant at(int minute) {
        return T0.plus(Duration.ofMinutes(minute));
    }

    @Test
    void aLoginInTheMiddleOfASessionKeepsTheSessionAndMergesTheAnonymousId() throws Exception {
        Event identify = segment("e3", "$identify", "user-u", 2);
        identify.set = "{\"email\":\"u@example.com\",\"plan\":\"free\"}";
        Event purchase = segment("e4", "purchase", "user-u", 3);
        purchase.setOnce = "{\"first_purchase\":\"2026-05-01\",\"plan\":\"ignored\"}";
        Event laterAnonymous = segment("e5", "page_view", "", 4);

        Run run =
                run(
                        List.of(
                                segment("e1", "page_view", "", 0),
                                segment("e2", "click", "", 1),
                                identify,
                                purchase,
                                laterAnonymous));

        // as processed: before the login the anonymous id was its own person, after it the user
        assertThat(List.of("e1", "e2", "e3", "e4", "e5"))
                .extracting(id -> run.event(id).personId)
                .containsExactly("anon-a", "anon-a", "user-u", "user-u", "user-u");
        assertThat(run.aliases())
                .extracting(a -> a.distinctId + "->" + a.personId + "@" + a.version)
                .containsExactlyInAnyOrder(
                        "anon-a->anon-a@1", "user-u->user-u@1", "anon-a->user-u@2");

        // one visit: the device's session runs through the login
        assertThat(run.sessions()).hasSize(1);
        SessionRow session = run.sessions().get(0);
        assertThat(session.events).isEqualTo(5);
        assertThat(session.personId).isEqualTo("user-u");
        assertThat(session.distinctId).isEqualTo("anon-a");
        assertThat(run.events()).extracting(e -> e.sessionId).containsOnly(session.sessionId);

        // $set overwrites, $set_once only fills what is absent; the event carries them as of then
        PersonRow user = run.latest("user-u");
        assertThat(user.properties)
                .isEqualTo(
                        "{\"email\":\"u@example.com\",\"plan\":\"free\","
                                + "\"first_purchase\":\"2026-05-01\"}");
        assertThat(user.version).isEqualTo(2);
        assertThat(run.event("e3").personProperties)
                .isEqualTo("{\"email\":\"u@example.com\",\"plan\":\"free\"}");
        assertThat(run.event("e4").personProperties).isEqualTo(user.properties);
    }

    @Test
    void posthogIdentifyMergesTheAnonymousIdAndTheClientSessionIdIsKept() throws Exception {
        Event anonymous = TestEvents.event(1, "p1", "$pageview", "anon-p", at(0));
        anonymous.properties = "{\"$session_id\":\"sess-1\"}";
        anonymous.clientSessionId = "sess-1";
        Event identify = TestEvents.event(1, "p2", "$identify", "user-p", at(1));
        identify.properties = "{\"$anon_distinct_id\":\"anon-p\",\"$session_id\":\"sess-1\"}";
        identify.clientSessionId = "sess-1";
        Event afterwards = TestEvents.event(1, "p3", "$pageview", "anon-p", at(2));
        afterwards.clientSessionId = "sess-1";

        Run run = run(List.of(anonymous, identify, afterwards));

        assertThat(run.event("p3").personId).isEqualTo("user-p");
        assertThat(run.sessions()).extracting(s -> s.sessionId).containsExactly("sess-1");
        assertThat(run.sessions().get(0).events).isEqualTo(3);
        assertThat(run.events()).extracting(e -> e.sessionId).containsOnly("sess-1");
    }

    @Test
    void anIdThatJoinedAPersonIsNotMovedToAnother() throws Exception {
        Event alias = TestEvents.event(1, "m1", "$create_alias", "user-1", at(0));
        alias.properties = "{\"alias\":\"device-1\"}";
        Event secondAlias = TestEvents.event(1, "m2", "$create_alias", "user-2", at(1));
        secondAlias.properties = "{\"alias\":\"device-1\"}";
        Event fromDevice = TestEvents.event(1, "m3", "click", "device-1", at(2));

        Run run = run(List.of(alias, secondAlias, fromDevice));

        assertThat(run.event("m3").personId).isEqualTo("user-1");
        assertThat(run.aliases())
                .filteredOn(a -> a.distinctId.equals("device-1"))
                .extracting(a -> a.personId)
                .containsExactly("user-1");
    }

    @Test
    void aRetriedEventIsStoredOnce() throws Exception {
        Event first = TestEvents.event(1, "dup", "click", "ann", at(0));
        Event retry = TestEvents.event(1, "dup", "click", "ann", at(0));

        Run run = run(List.of(first, retry));

        assertThat(run.events()).hasSize(1);
        assertThat(run.sessions().get(0).events).isEqualTo(1);
    }
}
