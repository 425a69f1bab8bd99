package io.streamlytics.core.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SqlTest {
    @Test
    void quotesEscapeQuotesAndBackslashes() {
        assertThat(Sql.quote("it's a \\ test\n")).isEqualTo("'it\\'s a \\\\ test\\n'");
    }

    @Test
    void identifiersAreChecked() {
        assertThat(Sql.identifier("analytics_2")).isEqualTo("analytics_2");
        assertThatThrownBy(() -> Sql.identifier("x; DROP TABLE y"))
                .hasMessage("not a valid ClickHouse identifier: x; DROP TABLE y");
    }
}
