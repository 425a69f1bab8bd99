package io.streamlytics.console.flinksql.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LiveTableTest {

    @Test
    void aChangelogLeavesOneCurrentRowPerGroup() {
        LiveTable table = new LiveTable();
        table.columns(List.of("event", "events"));
        table.apply("INSERT", List.of("page_view", "1"));
        table.apply("INSERT", List.of("purchase", "1"));
        table.apply("UPDATE_BEFORE", List.of("page_view", "1"));
        table.apply("UPDATE_AFTER", List.of("page_view", "2"));
        table.apply("DELETE", List.of("purchase", "1"));

        assertThat(table.rows()).containsExactly(List.of("page_view", "2"));
        assertThat(table.changes()).isEqualTo(5);
        assertThat(table.columns()).containsExactly("event", "events");
    }

    @Test
    void anAppendOnlyStreamKeepsItsNewestRows() {
        LiveTable table = new LiveTable();
        for (int i = 0; i < LiveTable.MAX_ROWS + 5; i++) {
            table.apply("INSERT", List.of(Integer.toString(i)));
        }
        assertThat(table.rows()).hasSize(LiveTable.MAX_ROWS);
        assertThat(table.rows().get(0)).containsExactly("5");
    }
}
