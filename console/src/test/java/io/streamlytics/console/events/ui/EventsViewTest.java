package io.streamlytics.console.events.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import io.streamlytics.console.access.TestUsers;
import io.streamlytics.console.access.service.ProjectAccess;
import io.streamlytics.console.events.domain.RecentEvent;
import io.streamlytics.console.events.service.EventQueries;
import io.streamlytics.core.clickhouse.ClickHouse;
import io.streamlytics.core.clickhouse.ClickHouseMigrations;
import io.streamlytics.core.clickhouse.ClickHouseSettings;
import io.streamlytics.core.postgres.PostgresMigrations;
import io.streamlytics.core.postgres.PostgresSettings;
import io.streamlytics.core.postgres.Projects;
import io.streamlytics.devstack.ClickHouseServer;
import io.streamlytics.devstack.PostgresServer;
import io.streamlytics.devstack.junit.ClickHouseExtension;
import io.streamlytics.devstack.junit.PostgresExtension;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;

/** The events page with Karibu (no browser), on real ClickHouse and PostgreSQL. */
@ExtendWith({ClickHouseExtension.class, PostgresExtension.class})
class EventsViewTest {
    private static final Instant NOW = Instant.parse("2026-05-20T12:00:00Z");

    private ClickHouseServer server;
    private ProjectAccess access;
    private long projectId;

    @BeforeEach
    void setUp(ClickHouseServer server, PostgresServer postgres) {
        this.server = server;
        MockVaadin.setup(new Routes());
        PostgresSettings settings =
                new PostgresSettings(
                        postgres.createDatabase("events_view"),
                        postgres.user(),
                        postgres.password());
        PostgresMigrations.apply(settings);
        projectId = new Projects(settings).ensureDefaultProject("Shop").projectId();
        JdbcTemplate jdbc = TestUsers.jdbc(settings);
        TestUsers.create(jdbc, "ann@example.com", "admin");
        TestUsers.signIn("ann@example.com", "admin");
        access = new ProjectAccess(jdbc);
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
        TestUsers.signOut();
    }

    private ClickHouse clickhouse(String url, String database) {
        return ClickHouse.connect(
                new ClickHouseSettings(url, server.user(), server.password(), database));
    }

    @Test
    void showsTodaysCountsAndTheLatestEvents() {
        try (ClickHouse ch = clickhouse(server.httpUrl(), "events_view")) {
            ch.execute("DROP DATABASE IF EXISTS events_view");
            new ClickHouseMigrations(ch).apply();
            long today = NOW.getEpochSecond();
            String rows =
                    ("{\"project_id\":%1$d,\"event\":\"page_view\",\"distinct_id\":\"ann\",\"page_path\":\"/a\",\"timestamp\":%2$d}\n"
                                    + "{\"project_id\":%1$d,\"event\":\"purchase\",\"distinct_id\":\"bob\",\"page_path\":\"/buy\",\"timestamp\":%3$d}\n"
                                    + "{\"project_id\":%1$d,\"event\":\"page_view\",\"distinct_id\":\"ann\",\"page_path\":\"/b\",\"timestamp\":%4$d}\n"
                                    + "{\"project_id\":999,\"event\":\"other_project\",\"distinct_id\":\"x\",\"timestamp\":%2$d}\n")
                            .formatted(projectId, today - 60, today - 30, today - 86_400);
            ch.insertJsonEachRow("events", rows.getBytes(StandardCharsets.UTF_8));

            EventsView view =
                    new EventsView(
                            new EventQueries(ch, Clock.fixed(NOW, ZoneOffset.UTC), access), access);
            UI.getCurrent().add(view);
            view.open(projectId);

            assertThat(_get(Span.class, spec -> spec.withId("events-today")).getText())
                    .isEqualTo("2");
            assertThat(_get(Span.class, spec -> spec.withId("users-today")).getText())
                    .isEqualTo("2");
            assertThat(_get(Span.class, spec -> spec.withId("events-30d")).getText())
                    .isEqualTo("3");
            @SuppressWarnings("unchecked")
            Grid<RecentEvent> grid = _get(Grid.class, spec -> spec.withId("latest-events"));
            assertThat(GridKt._size(grid)).isEqualTo(3);
            assertThat(GridKt._get(grid, 0).event()).isEqualTo("purchase");
        }
    }

    @Test
    void saysSoWhenClickHouseDoesNotAnswer() {
        try (ClickHouse down = clickhouse("http://127.0.0.1:1", "events_view")) {
            EventsView view =
                    new EventsView(
                            new EventQueries(down, Clock.fixed(NOW, ZoneOffset.UTC), access),
                            access);
            UI.getCurrent().add(view);
            view.open(projectId);

            assertThat(_get(Span.class, spec -> spec.withId("status")).getText())
                    .contains("unavailable right now");
        }
    }
}
