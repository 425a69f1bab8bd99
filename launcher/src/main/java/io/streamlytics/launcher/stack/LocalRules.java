package io.streamlytics.launcher.stack;

import io.streamlytics.ceprules.rule.ProjectRule;
import io.streamlytics.ceprules.store.StoredRules;
import io.streamlytics.core.config.PlatformConfig;
import io.streamlytics.core.postgres.PostgresSettings;
import io.streamlytics.core.postgres.RuleDefinitions;
import io.streamlytics.flink.rules.RulesJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two rule jobs ({@link RulesJob.Part}: alerts and funnels), each on a MiniCluster of its own
 * in the launcher's JVM, apart from the pipeline so that restarting one leaves the others alone.
 * Every {@link #CHECK} it compares the enabled rules (project, id, version) with the ones running;
 * on a change it restarts the job the changed rules belong to from a savepoint, so unchanged rules
 * keep their partial matches and windows (docs/rules.md). {@code down} stops both with savepoints
 * that the next {@code up} resumes from.
 */
final class LocalRules implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalRules.class);
    static final Duration CHECK = Duration.ofSeconds(2);

    private final Supplier<List<RuleDefinitions.Stored>> rules;
    private final Map<RulesJob.Part, LocalRuleJob> jobs = new EnumMap<>(RulesJob.Part.class);
    private final ScheduledExecutorService watcher =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread t = new Thread(r, "rules-watcher");
                        t.setDaemon(true);
                        return t;
                    });

    /**
     * The stored rules last read, "project:id:version" each: a rule that no longer reads counts.
     */
    private volatile String read;

    private LocalRules(Supplier<List<RuleDefinitions.Stored>> rules) {
        this.rules = rules;
    }

    /** Starts both jobs with the rules as they are, resuming from where the last run stopped. */
    static LocalRules start(PlatformConfig config, Path home) throws Exception {
        RuleDefinitions definitions = new RuleDefinitions(PostgresSettings.from(config.postgres()));
        return start(config, definitions::enabled, home);
    }

    /**
     * The jobs keep their state in {@code home}'s {@code flink-rules} and {@code flink-funnels}.
     */
    static LocalRules start(
            PlatformConfig config, Supplier<List<RuleDefinitions.Stored>> rules, Path home)
            throws Exception {
        LocalRules local = new LocalRules(rules);
        List<RuleDefinitions.Stored> stored = rules.get();
        List<ProjectRule> parsed = StoredRules.read(stored);
        LocalRuleJob alerts =
                new LocalRuleJob(config, RulesJob.Part.ALERTS, home.resolve("flink-rules"));
        LocalRuleJob funnels =
                new LocalRuleJob(config, RulesJob.Part.FUNNELS, home.resolve("flink-funnels"));
        local.jobs.put(RulesJob.Part.ALERTS, alerts);
        local.jobs.put(RulesJob.Part.FUNNELS, funnels);
        // a job's first start: from where the other stood (the alerts job's savepoints include
        // the one job's before the split, which also hold the funnels' partial matches)
        alerts.pairWith(funnels);
        funnels.pairWith(alerts);
        try {
            // funnels first: while the alerts job has not started yet, where it stopped last is a
            // point that stays for the funnels job's first start
            funnels.start(parsed);
            alerts.start(parsed);
        } catch (Exception e) {
            local.stopJobs();
            throw e;
        }
        local.read = fingerprint(stored);
        local.watcher.scheduleWithFixedDelay(
                local::check, CHECK.toMillis(), CHECK.toMillis(), TimeUnit.MILLISECONDS);
        return local;
    }

    /** The job's id; "none" while it has no rule. */
    String jobId(RulesJob.Part part) {
        return jobs.get(part).jobId();
    }

    /** The rules {@code part}'s job runs: "project:id:version" each, sorted. */
    String running(RulesJob.Part part) {
        return jobs.get(part).running();
    }

    private void check() {
        try {
            // versions are compared first: rules are parsed only when one changed
            List<RuleDefinitions.Stored> now = rules.get();
            String fingerprint = fingerprint(now);
            if (fingerprint.equals(read)) {
                return;
            }
            List<ProjectRule> parsed = StoredRules.read(now);
            for (LocalRuleJob job : jobs.values()) {
                job.apply(parsed);
            }
            read = fingerprint;
        } catch (Exception e) {
            // PostgreSQL away or a restart that failed: the jobs run on; the next check retries
            LOG.warn("could not apply the rules: {}", e.toString());
        }
    }

    static String fingerprint(List<RuleDefinitions.Stored> rules) {
        return rules.stream()
                .map(r -> r.projectId() + ":" + r.ruleId() + ":" + r.version())
                .sorted()
                .collect(Collectors.joining(","));
    }

    @Override
    public void close() {
        watcher.shutdown();
        try {
            // a restart in progress finishes first
            watcher.awaitTermination(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopJobs();
    }

    private void stopJobs() {
        jobs.values().forEach(LocalRuleJob::close);
    }
}
