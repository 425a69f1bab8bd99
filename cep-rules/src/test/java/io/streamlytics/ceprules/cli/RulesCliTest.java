package io.streamlytics.ceprules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlytics.ceprules.RuleHarnessAccess;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The CLI over the example rules: every one is valid, and one is run over its sample events. */
class RulesCliTest {
    @RegisterExtension static final MiniClusterExtension CLUSTER = RuleHarnessAccess.cluster();

    private static final Path EXAMPLES = Path.of("examples");
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final RulesCli cli =
            new RulesCli(
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    void everyExampleIsValid() throws Exception {
        String[] files;
        try (Stream<Path> list = Files.list(EXAMPLES)) {
            files =
                    Stream.concat(
                                    Stream.of("validate"),
                                    list.filter(p -> p.toString().endsWith(".yaml"))
                                            .map(Path::toString)
                                            .sorted())
                            .toArray(String[]::new);
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(8);

        assertThat(cli.run(files)).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines())
                .hasSize(files.length - 1)
                .allSatisfy(line -> assertThat(line).contains(": ok, "))
                .contains(
                        "examples/checkout-funnel.yaml: ok, funnel of 4 steps by person",
                        "examples/revenue-change.yaml: ok, alert on sum of revenue per property plan");
    }

    @Test
    void validateReportsFileLineAndColumn(@TempDir Path dir) throws Exception {
        Path rule = dir.resolve("bad.yaml");
        Files.writeString(
                rule, "version: 1\nid: r\ntype: alert\naggregate: {event: e, window: 5x}\n");

        assertThat(cli.run(new String[] {"validate", rule.toString()})).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains(rule + ":4:12: aggregate.when: required")
                .contains(rule + ":4:31: aggregate.window: does not match");
    }

    /** Ann's cart of 80 is left; Bob pays; Cyd's cart is under 50. */
    @Test
    void testRunsARuleOverEvents() throws Exception {
        int status =
                cli.run(
                        new String[] {
                            "test",
                            EXAMPLES.resolve("cart-abandoned.yaml").toString(),
                            EXAMPLES.resolve("cart-abandoned.events.ndjson").toString()
                        });

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines())
                .containsExactly(
                        "2026-11-02T10:30:00Z  ann  firing  cart at 2026-11-02T10:00:00Z  [cart=a1]",
                        "1 detection in 5 events (alert of 2 steps by person)");
    }

    @Test
    void testNamesTheBadLinesOfTheEvents(@TempDir Path dir) throws Exception {
        Path events = dir.resolve("e.ndjson");
        Files.writeString(
                events,
                "{\"event\": \"a\", \"distinct_id\": \"x\", \"timestamp\": 1}\n"
                        + "{\"event\": \"a\", \"timestamp\": 1}\n"
                        + "{\"event\": \"a\", \"distinct_id\": \"x\", \"timestamp\": \"yesterday\"}\n");

        int status =
                cli.run(
                        new String[] {
                            "test",
                            EXAMPLES.resolve("cart-abandoned.yaml").toString(),
                            events.toString()
                        });

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8).lines())
                .containsExactly(
                        events + ":2: \"distinct_id\" is missing",
                        events
                                + ":3: \"timestamp\" is neither epoch milliseconds nor an ISO"
                                + " instant: \"yesterday\"");
    }

    @Test
    void wrongUsageShowsHowToUseIt() throws Exception {
        assertThat(cli.run(new String[] {"check"})).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("usage: rules validate");
    }
}
