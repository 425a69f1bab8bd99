package io.streamlytics.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlytics.core.clickhouse.ClickHouse;
import io.streamlytics.devstack.ClickHouseServer;
import io.streamlytics.devstack.junit.ClickHouseExtension;
import io.streamlytics.query.trends.TrendsResult;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fuzzes the compiler with property names and values made of quotes, backslashes, SQL, control
 * characters and non-Latin text: each query must run, and find exactly the one event that has that
 * name and value.
 */
@ExtendWith(ClickHouseExtension.class)
class HostileInputTest {
    static final String ALPHABET = "'\"\\`;-–()*%_?:,./\n\t\r é漢字😀$#{}[]aZ09 ";
    static final String[] FRAGMENTS = {
        "' OR 1=1 --",
        "\"); DROP TABLE events; --",
        "\\'",
        "\\\\",
        "FORMAT TSV",
        "SETTINGS",
        "*/",
        "/*"
    };
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void hostileNamesAndValuesAreOnlyData(ClickHouseServer server) {
        Random random = new Random(20261128);
        List<String[]> pairs = new ArrayList<>();
        KnownEvents events = new KnownEvents(1);
        for (int i = 0; i < 60; i++) {
            String name = "k" + i + hostile(random);
            String value = hostile(random) + i;
            pairs.add(new String[] {name, value});
            events.add("p" + i, "e", "2026-01-01T10:00:00Z", Map.of(name, value), Map.of());
        }
        try (ClickHouse clickhouse = AnalysisDatabase.create(server, "query_hostile")) {
            events.writeTo(clickhouse);
            QueryEngine engine = AnalysisDatabase.engine(clickhouse, "2026-01-02T00:00:00Z");
            for (String[] pair : pairs) {
                for (String op : List.of("equals", "contains")) {
                    ObjectNode query = JSON.createObjectNode();
                    query.put("version", 1).put("kind", "trends");
                    query.putObject("range").put("from", "2026-01-01").put("to", "2026-01-01");
                    ObjectNode series = query.putArray("series").addObject().put("event", "e");
                    series.putArray("filters")
                            .addObject()
                            .put("property", pair[0])
                            .put("op", op)
                            .put("value", pair[1]);
                    query.putObject("breakdown").put("property", pair[0]);

                    TrendsResult result =
                            (TrendsResult) engine.run(1, ZoneOffset.UTC, query.toString());

                    assertThat(result.series()).as("%s %s", op, query).hasSize(1);
                    assertThat(result.series().get(0).breakdownValue()).isEqualTo(pair[1]);
                    assertThat(result.series().get(0).values()).containsExactly(1.0);
                }
            }
            assertThat(clickhouse.queryLong("SELECT count() AS n FROM query_hostile.events", "n"))
                    .isEqualTo(60);
        }
    }

    private static String hostile(Random random) {
        StringBuilder text = new StringBuilder();
        if (random.nextBoolean()) {
            text.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
        }
        int length = 1 + random.nextInt(12);
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(
                    ALPHABET.codePoints()
                            .toArray()[random.nextInt((int) ALPHABET.codePoints().count())]);
        }
        return text.toString();
    }
}
