package io.streamlytics.console.sql.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProjectSqlTest {
    private static final Set<String> DATABASES =
            Set.of("analytics", "analytics_sql", "default", "system");

    private static String rewrite(String sql) {
        return ProjectSql.rewrite(sql, 7, "analytics", DATABASES);
    }

    @Test
    void theProjectsTablesBecomeSubqueriesOfItsRowsKeepingAliases() {
        assertThat(rewrite("select event, count() from events group by event order by 2 desc;"))
                .isEqualTo(
                        "select event , count ( ) from (SELECT * FROM analytics.events WHERE"
                                + " project_id = 7) AS events group by event order by 2 desc");
        assertThat(
                        rewrite(
                                "SELECT e.event, s.duration FROM events AS e"
                                        + " JOIN sessions s ON s.session_id = e.session_id"))
                .contains("FROM (SELECT * FROM analytics.events WHERE project_id = 7) AS e JOIN")
                .contains("JOIN (SELECT * FROM analytics.sessions WHERE project_id = 7) s ON");
        assertThat(rewrite("SELECT * FROM (SELECT distinct_id FROM `events`) LIMIT 5"))
                .isEqualTo(
                        "SELECT * FROM ( SELECT distinct_id FROM (SELECT * FROM analytics.events"
                                + " WHERE project_id = 7) AS events ) LIMIT 5");
        assertThat(rewrite("SELECT count() FROM events, persons"))
                .contains("(SELECT * FROM analytics.persons WHERE project_id = 7) AS persons");
        assertThat(
                        rewrite(
                                "SELECT x FROM events ARRAY JOIN [1, 2] AS x, [3, 4] AS y WHERE"
                                        + " distinct_id IN (SELECT distinct_id FROM persons)"))
                .contains("ARRAY JOIN [ 1 , 2 ] AS x , [ 3 , 4 ] AS y")
                .contains(
                        "FROM (SELECT * FROM analytics.persons WHERE project_id = 7) AS persons )");
        assertThat(
                        rewrite(
                                "SELECT 'from system.tables -- ;' AS s, \"from\" FROM events /* system */"))
                .as("words inside strings, quoted names and comments are not read as SQL")
                .startsWith("SELECT 'from system.tables -- ;' AS s , \"from\" FROM (SELECT");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "SELECT * FROM system.tables | SYSTEM is not allowed here",
                "SELECT * FROM analytics.events | Name the project's tables without a database",
                "SELECT * FROM `analytics`.`events` | Name the project's tables without a database",
                "SELECT * FROM events e JOIN default.t USING x | Name the project's tables without a database",
                "SELECT * FROM sink_commits | There is no table sink_commits here",
                "SELECT * FROM events, people_hourly | There is no table people_hourly here",
                "SELECT * FROM events WHERE 1 IN (SELECT 1 FROM funnel_progress) | There is no table funnel_progress here",
                "SELECT * FROM url('http://x', CSV, 'a String') | Table functions such as url() are not allowed",
                "SELECT * FROM merge('analytics', '.*') | Table functions such as merge() are not allowed",
                "SELECT * FROM numbers(10) | Table functions such as numbers() are not allowed",
                "SELECT * FROM events WHERE distinct_id IN persons | After IN, write a list",
                "SELECT dictGetString('d', 'a', toUInt64(1)) FROM events | dictGetString() reads outside",
                "SELECT joinGet('j', 'v', 1) FROM events | joinGet() reads outside",
                "SELECT * FROM events SETTINGS readonly = 0 | SETTINGS is not allowed here",
                "SELECT * FROM events FORMAT TSV | FORMAT is not allowed here",
                "SELECT * FROM events INTO OUTFILE 'x' | INTO is not allowed here",
                "SELECT 1; SELECT * FROM system.users | Run one query at a time",
                "SELECT 1; SELECT 2 | Run one query at a time",
                "INSERT INTO events VALUES (1) | Only SELECT queries run here",
                "DROP TABLE events | Only SELECT queries run here",
                "SELECT * FROM | The query ends where a table should be",
                "SELECT 'open | A quote (') is not closed",
                "SELECT 1 /* open | A comment (/* …) is not closed",
                "'' | Write a SELECT query",
            })
    void everyWayOutIsRefusedWithASentence(String sql, String message) {
        assertThatThrownBy(() -> rewrite(sql))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }
}
