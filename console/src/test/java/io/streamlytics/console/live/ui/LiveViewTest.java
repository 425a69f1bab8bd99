package io.streamlytics.console.live.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Span;
import io.streamlytics.console.access.TestUsers;
import io.streamlytics.console.access.service.ProjectAccess;
import io.streamlytics.console.live.service.LiveHub;
import io.streamlytics.console.live.service.LiveMetricsReader;
import io.streamlytics.core.metrics.LiveMetricsLayout;
import io.streamlytics.core.postgres.PostgresMigrations;
import io.streamlytics.core.postgres.PostgresSettings;
import io.streamlytics.core.postgres.Projects;
import io.streamlytics.devstack.PostgresServer;
import io.streamlytics.devstack.RedisServer;
import io.streamlytics.devstack.junit.PostgresExtension;
import io.streamlytics.devstack.junit.RedisExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;
import redis.clients.jedis.JedisPooled;

/** The live page with Karibu (no browser), pushed from a real Redis, projects in PostgreSQL. */
@ExtendWith({RedisExtension.class, PostgresExtension.class})
class LiveViewTest {
    private JedisPooled redis;
    private LiveHub hub;
    private ProjectAccess access;
    private long projectId;

    @BeforeEach
    void setUp(RedisServer server, PostgresServer postgres) {
        MockVaadin.setup(new Routes());
        PostgresSettings settings =
                new PostgresSettings(
                        postgres.createDatabase("live_view"), postgres.user(), postgres.password());
        PostgresMigrations.apply(settings);
        projectId = new Projects(settings).ensureDefaultProject("Shop").projectId();
        JdbcTemplate jdbc = TestUsers.jdbc(settings);
        TestUsers.create(jdbc, "ann@example.com", "admin");
        TestUsers.signIn("ann@example.com", "admin");
        access = new ProjectAccess(jdbc);
        redis = new JedisPooled("127.0.0.1", server.port());
        Clock clock = Clock.systemUTC();
        hub = new LiveHub(redis, new LiveMetricsReader(redis, clock, new ObjectMapper()), clock);
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
        TestUsers.signOut();
        hub.destroy();
        redis.close();
    }

    private static String text(String id) {
        return _get(Span.class, spec -> spec.withId(id)).getText();
    }

    /** Runs pushed UI updates until {@code done}, for at most 10 s. */
    private static boolean pushedUntil(Supplier<Boolean> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            MockVaadin.runUIQueue();
            if (done.get()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    @Test
    void showsTheNumbersRedisHoldsAndSaysWhenTheyAreStale() throws Exception {
        long minute = System.currentTimeMillis() / 60_000 * 60_000;
        redis.hset(
                LiveMetricsLayout.values(projectId, minute),
                LiveMetricsLayout.count(LiveMetricsLayout.allEvents()),
                "7");
        redis.pfadd(
                LiveMetricsLayout.uniques(projectId, minute, LiveMetricsLayout.allEvents()),
                "ann",
                "bob");
        redis.set(LiveMetricsLayout.HEARTBEAT, Long.toString(System.currentTimeMillis() - 60_000));

        LiveView view = new LiveView(hub, access);
        UI.getCurrent().add(view);
        view.open(projectId);

        assertThat(pushedUntil(() -> "7".equals(text("events-this-minute")))).isTrue();
        assertThat(text("active-users")).isEqualTo("2");
        assertThat(text("stale")).contains("stale").contains("s ago");

        // the job writes again: the warning goes away by itself
        redis.set(LiveMetricsLayout.HEARTBEAT, Long.toString(System.currentTimeMillis()));
        assertThat(pushedUntil(() -> text("stale").isEmpty())).isTrue();
    }
}
