package io.streamlytics.console.sql.service;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import io.streamlytics.console.ConsoleViewTest;
import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.sql.domain.SqlResult;
import io.streamlytics.console.sql.ui.SqlView;
import io.streamlytics.core.clickhouse.ClickHouse;
import io.streamlytics.core.clickhouse.ClickHouseException;
import io.streamlytics.core.clickhouse.ClickHouseSettings;
import io.streamlytics.core.config.PlatformConfig;
import io.streamlytics.devstack.ClickHouseServer;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/**
 * The SQL editor on the running console and a real ClickHouse: a query reads its project's rows
 * only; the read-only user stops writes and table functions and finds no tables of its own; the row
 * cap; ClickHouse's refusals as sentences; the page and the API.
 */
class SqlConsoleTest extends ConsoleViewTest {
    @Autowired private SqlConsole sql;
    @Autowired private PlatformConfig config;

    private static void events(TestProject project, String prefix, String... names) {
        long t = System.currentTimeMillis() / 1000 - 600;
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            rows.append(
                    String.format(
                            "{\"project_id\":%d,\"insert_id\":\"%s-%d\",\"event\":\"%s\",\"distinct_id\":\"p%d\",\"timestamp\":%d,\"received_at\":%d}%n",
                            project.id(), prefix, i, names[i], i, t + i, t + i));
        }
        insert(rows.toString());
    }

    @Test
    void aQueryReadsItsProjectsRowsOnlyAndTheCapAndRefusalsAreSentences() {
        TestProject mine = newProject("SQL mine");
        TestProject theirs = newProject("SQL theirs");
        events(mine, "sq", "signed_up", "signed_up", "viewed");
        events(theirs, "sq-other", "signed_up", "secret_event", "secret_event", "secret_event");
        long analyst = signIn("sql-analyst@example.com", "analyst");
        access.addMember(mine.id(), analyst);
        Actor actor = access.current();

        SqlResult counts =
                sql.run(
                        actor,
                        mine.id(),
                        "SELECT event, count() AS n FROM events GROUP BY event ORDER BY event");
        assertThat(counts.columns()).containsExactly("event", "n");
        assertThat(counts.rows())
                .containsExactly(List.of("signed_up", "2"), List.of("viewed", "1"));
        assertThat(
                        sql.run(
                                        actor,
                                        mine.id(),
                                        "SELECT count() AS n FROM events e JOIN sessions s USING"
                                                + " session_id")
                                .rows())
                .as("joined tables are the project's too")
                .containsExactly(List.of("0"));

        SqlResult capped =
                sql.run(actor, mine.id(), "SELECT arrayJoin(range(20000)) AS n FROM events");
        assertThat(capped.truncated()).isTrue();
        assertThat(capped.rows()).hasSize(SqlResult.MAX_ROWS);

        assertThatThrownBy(() -> sql.run(actor, mine.id(), "SELECT * FROM system.tables"))
                .hasMessageStartingWith("SYSTEM is not allowed here");
        assertThatThrownBy(() -> sql.run(actor, mine.id(), "SELECT nope FROM events"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ClickHouse refused the query: ")
                .hasMessageContaining("nope");
        assertThatThrownBy(() -> sql.run(actor, theirs.id(), "SELECT 1"))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(
                        jdbc.queryForObject(
                                "SELECT count(*) FROM audit_log WHERE actor = ? AND action = 'run sql'",
                                Integer.class,
                                "sql-analyst@example.com"))
                .isGreaterThanOrEqualTo(4);
    }

    @Test
    void theReadOnlyUserCannotWriteNorUseTableFunctionsAndHasNoTablesOfItsOwn() {
        sql.run(access.actor("ana@example.com"), newProject("SQL walls").id(), "SELECT 1");
        PlatformConfig.ClickHouse ch = config.clickhouse();
        assertThat(ch.sqlUser()).isEqualTo(ClickHouseServer.READER);
        try (ClickHouse reader =
                ClickHouse.connect(
                        new ClickHouseSettings(
                                ch.effectiveUrl(), ch.sqlUser(), ch.sqlPassword(), ch.database()),
                        ch.database() + "_sql")) {
            assertThatThrownBy(() -> reader.execute("CREATE TABLE t (x UInt8) ENGINE = Memory"))
                    .isInstanceOf(ClickHouseException.class)
                    .hasStackTraceContaining("readonly");
            assertThatThrownBy(() -> reader.query("SELECT * FROM numbers(3)"))
                    .isInstanceOf(ClickHouseException.class)
                    .hasStackTraceContaining("readonly");
            assertThatThrownBy(() -> reader.query("SELECT count() FROM events"))
                    .as("unqualified names resolve in the empty session database")
                    .isInstanceOf(ClickHouseException.class)
                    .hasStackTraceContaining("doesn't exist");
        }
    }

    @Test
    void thePageShowsTheResultAndTheApiAnswersJson() throws Exception {
        TestProject shop = newProject("SQL page");
        events(shop, "sqp", "a", "b");
        long analyst = signIn("sql-page@example.com", "analyst");
        access.addMember(shop.id(), analyst);
        SqlView view = new SqlView(sql, access);
        UI.getCurrent().add(view);
        view.open(shop.id());
        _get(TextArea.class, spec -> spec.withId("sql-editor"))
                .setValue("SELECT event FROM events ORDER BY event");
        _get(Button.class, spec -> spec.withId("run-sql")).click();
        assertThat(_get(Span.class, spec -> spec.withId("status")).getText())
                .matches("2 rows in [\\d,]+ ms");
        @SuppressWarnings("unchecked")
        Grid<List<String>> grid = _get(Grid.class, spec -> spec.withId("sql-result"));
        assertThat(grid.getColumns()).hasSize(1);
        assertThat(grid.getGenericDataView().getItems())
                .containsExactly(List.of("a"), List.of("b"));

        HttpResponse<String> answer =
                send(
                        shop,
                        "POST",
                        "/sql",
                        "text/plain",
                        "SELECT count() AS n FROM events",
                        shop.token());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).path("rows").path(0).path(0).asText())
                .isEqualTo("2");
        HttpResponse<String> refused =
                send(
                        shop,
                        "POST",
                        "/sql",
                        "text/plain",
                        "SELECT * FROM " + config.clickhouse().database() + ".events",
                        shop.token());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(refused.body()).path("error").asText())
                .startsWith("Name the project's tables without a database");

        signIn("sql-viewer@example.com", "viewer");
        SqlView viewers = new SqlView(sql, access);
        UI.getCurrent().add(viewers);
        viewers.open(shop.id());
        assertThat(_get(viewers, Button.class, spec -> spec.withId("run-sql")).isEnabled())
                .isFalse();
    }
}
