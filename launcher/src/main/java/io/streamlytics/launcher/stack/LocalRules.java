package io.streamlytics.launcher.stack;

import io.streamlytics.ceprules.store.StoredRules;
import io.streamlytics.core.config.PlatformConfig;
import io.streamlytics.core.postgres.PostgresSettings;
import io.streamlytics.core.postgres.RuleDefinitions;
import io.streamlytics.flink.rules.RulesJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Rules job on a MiniCluster of its own in the launcher's JVM, apart from the pipeline so that
 * restarting it leaves the pipeline alone. Every {@link #CHECK} it compares the enabled rules
 * (project, id, version) with the ones running; on a change it stops the job with a savepoint and
 * starts the new rule set from it, so unchanged rules keep their partial matches and windows
 * (docs/rules.md). {@code down} stops it with a savepoint that the next {@code up} resumes from.
 */
final class LocalRules implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalRules.class);
    static final Duration CHECK = Duration.ofSeconds(2);

    private final PlatformConfig config;
    private final Supplier<List<RuleDefinitions.Stored>> rules;
    private final Path checkpoints;
    private final Path savepoints;
    private final Path lastSavepoint;
    private final ScheduledExecutorService watcher =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread t = new Thread(r, "rules-watcher");
                        t.setDaemon(true);
                        return t;
                    });
    private volatile JobClient job;
    private volatile String running;

    private LocalRules(
            PlatformConfig config, Supplier<List<RuleDefinitions.Stored>> rules, Path dir) {
        this.config = config;
        this.rules = rules;
        this.checkpoints = dir.resolve("checkpoints").toAbsolutePath();
        this.savepoints = dir.resolve("savepoints").toAbsolutePath();
        this.lastSavepoint = dir.resolve("last-savepoint");
    }

    /** Starts the job with the rules as they are, resuming from where the last run stopped. */
    static LocalRules start(PlatformConfig config, Path dir) throws Exception {
        RuleDefinitions definitions = new RuleDefinitions(PostgresSettings.from(config.postgres()));
        return start(config, definitions::enabled, dir);
    }

    static LocalRules start(
            PlatformConfig config, Supplier<List<RuleDefinitions.Stored>> rules, Path dir)
            throws Exception {
        LocalRules local = new LocalRules(config, rules, dir);
        Files.createDirectories(local.checkpoints);
        Files.createDirectories(local.savepoints);
        local.run(
                rules.get(), LocalFlink.newestRestorePoint(local.lastSavepoint, local.checkpoints));
        local.watcher.scheduleWithFixedDelay(
                local::check, CHECK.toMillis(), CHECK.toMillis(), TimeUnit.MILLISECONDS);
        return local;
    }

    String jobId() {
        return job.getJobID().toString();
    }

    /** The rules running: "project:id:version" each, sorted. */
    String running() {
        return running;
    }

    private void check() {
        try {
            // versions are compared first: rules are read only when one changed
            List<RuleDefinitions.Stored> now = rules.get();
            if (!fingerprint(now).equals(running)) {
                LOG.info("rules changed: {} -> {}", running, fingerprint(now));
                run(now, Optional.of(Path.of(java.net.URI.create(stop()))));
            }
        } catch (Exception e) {
            // PostgreSQL away or a restart that failed: the job runs on; the next check retries
            LOG.warn("could not apply the rules: {}", e.toString());
        }
    }

    private void run(List<RuleDefinitions.Stored> now, Optional<Path> restore) throws Exception {
        Configuration conf = LocalFlink.durable(checkpoints, savepoints);
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.PORT, 0);
        restore.ifPresent(
                path -> {
                    conf.set(StateRecoveryOptions.SAVEPOINT_PATH, path.toUri().toString());
                    // a changed or removed rule's state has no operator to go to: dropped
                    conf.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
                });
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(config.flink().parallelism());
        RulesJob.configure(env, config, null, StoredRules.read(now));
        job = env.executeAsync(RulesJob.NAME);
        running = fingerprint(now);
        LOG.info("Rules job {} runs {}", job.getJobID(), running);
    }

    /** Stops the job with a savepoint; returns its path. */
    private String stop() throws Exception {
        String path =
                job.stopWithSavepoint(
                                false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get(2, TimeUnit.MINUTES);
        Files.writeString(lastSavepoint, path);
        return path;
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
            LOG.info("Rules job stopped with savepoint {}", stop());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            job.cancel();
        } catch (Exception e) {
            LOG.warn(
                    "could not stop the Rules job with a savepoint ({}); the next start resumes"
                            + " from its last retained checkpoint",
                    e.toString());
            job.cancel();
        }
    }
}
