package io.streamlytics.ceprules.cli;

import io.streamlytics.ceprules.read.InvalidRuleException;
import io.streamlytics.ceprules.read.RuleProblem;
import io.streamlytics.ceprules.read.RuleReader;
import io.streamlytics.ceprules.rule.Detection;
import io.streamlytics.ceprules.rule.Rule;
import io.streamlytics.ceprules.rule.RuleEvent;
import io.streamlytics.ceprules.rule.RuleEvents;
import io.streamlytics.ceprules.run.LocalRun;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code bin/analytics rules validate FILE…} and {@code bin/analytics rules test RULE EVENTS}:
 * check rule files (problems as {@code file:line:column: message}), and run a rule over an NDJSON
 * file of events in a local Flink job, printing what it detects.
 */
public final class RulesCli {
    static final String USAGE =
            "usage: rules validate RULE.yaml… | rules test RULE.yaml EVENTS.ndjson";

    private final PrintStream out;
    private final PrintStream err;
    private final RuleReader reader = new RuleReader();

    RulesCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) throws Exception {
        System.exit(execute(args));
    }

    /** Runs the command on the process's output streams; returns the exit status. */
    public static int execute(String[] args) throws Exception {
        return new RulesCli(System.out, System.err).run(args);
    }

    /** The exit status: 0 done, 1 invalid input, 2 wrong usage. */
    int run(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("validate")) {
            return validate(Arrays.asList(args).subList(1, args.length));
        }
        if (args.length == 3 && args[0].equals("test")) {
            return test(Path.of(args[1]), Path.of(args[2]));
        }
        err.println(USAGE);
        return 2;
    }

    private int validate(List<String> files) throws IOException {
        int status = 0;
        for (String file : files) {
            try {
                Rule rule = reader.read(Files.readString(Path.of(file), StandardCharsets.UTF_8));
                out.println(file + ": ok, " + describe(rule));
            } catch (InvalidRuleException e) {
                report(file, e);
                status = 1;
            }
        }
        return status;
    }

    private int test(Path ruleFile, Path eventsFile) throws Exception {
        Rule rule;
        try {
            rule = reader.read(Files.readString(ruleFile, StandardCharsets.UTF_8));
        } catch (InvalidRuleException e) {
            report(ruleFile.toString(), e);
            return 1;
        }
        List<RuleEvent> events = new ArrayList<>();
        List<String> lines = Files.readAllLines(eventsFile, StandardCharsets.UTF_8);
        boolean bad = false;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                events.add(RuleEvents.ofJson(lines.get(i)));
            } catch (RuntimeException e) {
                err.println(eventsFile + ":" + (i + 1) + ": " + e.getMessage());
                bad = true;
            }
        }
        if (bad) {
            return 1;
        }
        // a local MiniCluster of its own, or the cluster the caller runs in
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        List<Detection> found = LocalRun.detections(env, rule, events);
        for (Detection d : found) {
            out.println(line(d));
        }
        out.println(
                found.size()
                        + " detection"
                        + (found.size() == 1 ? "" : "s")
                        + " in "
                        + events.size()
                        + " events ("
                        + describe(rule)
                        + ")");
        return 0;
    }

    static String line(Detection d) {
        String steps =
                d.steps.stream()
                        .map(s -> s.name + "=" + String.join("+", s.insertIds))
                        .collect(Collectors.joining(" "));
        return Instant.ofEpochMilli(d.at)
                + "  "
                + (d.key.isEmpty() ? "(project)" : d.key)
                + "  "
                + (d.firing ? "firing" : "resolved")
                + "  "
                + d.summary
                + (steps.isEmpty() ? "" : "  [" + steps + "]");
    }

    private void report(String file, InvalidRuleException e) {
        for (RuleProblem p : e.problems()) {
            err.println(
                    file
                            + ":"
                            + p.line()
                            + ":"
                            + p.column()
                            + ": "
                            + (p.path().isEmpty() ? "" : p.path() + ": ")
                            + p.message());
        }
    }

    private static String describe(Rule rule) {
        String kind = rule.type().name().toLowerCase();
        return rule.sequence()
                ? kind + " of " + rule.steps().size() + " steps by " + rule.key()
                : kind + " on " + rule.aggregate().measure() + " per " + rule.key();
    }
}
