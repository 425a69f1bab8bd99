package io.streamlytics.launcher.stack;

import io.streamlytics.ceprules.rule.ProjectRule;
import io.streamlytics.core.config.PlatformConfig;
import io.streamlytics.flink.rules.RulesJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
 * One of the rule jobs on a MiniCluster of its own, with its checkpoints, savepoints and the path
 * of its last savepoint in a directory of its own. Restarted from a savepoint when its rules
 * change.
 */
final class LocalRuleJob implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalRuleJob.class);

    private final PlatformConfig config;
    private final RulesJob.Part part;
    private final Path checkpoints;
    private final Path savepoints;
    private final Path lastSavepoint;
    private LocalRuleJob other;
    private volatile JobClient job;
    private volatile String running = "";

    LocalRuleJob(PlatformConfig config, RulesJob.Part part, Path dir) throws IOException {
        this.config = config;
        this.part = part;
        this.checkpoints = dir.resolve("checkpoints").toAbsolutePath();
        this.savepoints = dir.resolve("savepoints").toAbsolutePath();
        this.lastSavepoint = dir.resolve("last-savepoint");
        Files.createDirectories(checkpoints);
        Files.createDirectories(savepoints);
    }

    /** The other rule job, whose state gives the starting point when this one has none. */
    void pairWith(LocalRuleJob otherJob) {
        this.other = otherJob;
    }

    /** Where the job stopped last: its last savepoint, or a newer retained checkpoint. */
    Optional<Path> restorePoint() {
        try {
            return LocalFlink.newestRestorePoint(lastSavepoint, checkpoints);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The running job's id; "none" while it has no rule. */
    String jobId() {
        JobClient current = job;
        return current == null ? "none" : current.getJobID().toString();
    }

    String running() {
        return running;
    }

    /**
     * Runs {@code part}'s share of {@code rules}, from where this job stopped last, else from the
     * other job's state; nothing while the share is empty.
     */
    void start(List<ProjectRule> rules) throws Exception {
        Optional<Path> own = restorePoint();
        start(rules, own.isPresent() || other == null ? own : other.pointToStartFrom());
    }

    /**
     * Where the other job may start: a savepoint taken now while this job runs (its retained
     * checkpoints are deleted as new ones complete, so one could vanish before the other job reads
     * it), else where this job stopped.
     */
    private Optional<Path> pointToStartFrom() throws Exception {
        JobClient running = job;
        if (running == null) {
            return restorePoint();
        }
        String path =
                running.triggerSavepoint(
                                savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get(2, TimeUnit.MINUTES);
        return Optional.of(Path.of(java.net.URI.create(path)));
    }

    private void start(List<ProjectRule> rules, Optional<Path> restore) throws Exception {
        List<ProjectRule> mine = part.of(rules);
        if (mine.isEmpty()) {
            job = null;
            running = "";
            LOG.info("{} job: no rule, not running", part.jobName());
            return;
        }
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
        RulesJob.configure(env, config, null, rules, part);
        job = env.executeAsync(part.jobName());
        running = fingerprint(mine);
        LOG.info("{} job {} runs {}", part.jobName(), job.getJobID(), running);
    }

    /** Restarts the job from a savepoint when its share of {@code rules} changed. */
    void apply(List<ProjectRule> rules) throws Exception {
        String now = fingerprint(part.of(rules));
        if (!now.equals(running)) {
            LOG.info("{} rules changed: {} -> {}", part.jobName(), running, now);
            if (job == null) {
                start(rules);
            } else {
                start(rules, Optional.of(Path.of(java.net.URI.create(stop()))));
            }
        }
    }

    private static String fingerprint(List<ProjectRule> rules) {
        return rules.stream()
                .map(r -> r.projectId() + ":" + r.rule().id() + ":" + r.version())
                .sorted()
                .collect(Collectors.joining(","));
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

    @Override
    public void close() {
        if (job == null) {
            return;
        }
        try {
            LOG.info("{} job stopped with savepoint {}", part.jobName(), stop());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            job.cancel();
        } catch (Exception e) {
            LOG.warn(
                    "could not stop the {} job with a savepoint ({}); the next start resumes"
                            + " from its last retained checkpoint",
                    part.jobName(),
                    e.toString());
            job.cancel();
        }
    }
}
