package io.streamlytics.launcher.stack;

import io.streamlytics.core.config.PlatformConfig;
import io.streamlytics.flink.metrics.MetricsJob;
import io.streamlytics.flink.metrics.MetricsSettings;
import io.streamlytics.flink.pipeline.EventPipelineJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Flink jobs on a local MiniCluster inside the launcher's JVM, as one Flink job: the event
 * pipeline and the metrics job side by side (a local environment starts one MiniCluster per job,
 * with its own REST port; on a cluster each runs as its own job from its {@code main}). State
 * survives restarts of the stack: {@code down} stops the job with a savepoint, a crash leaves
 * retained checkpoints, and the next {@code up} resumes from the newest of them, so nothing is
 * counted twice or lost.
 */
final class LocalFlink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalFlink.class);
    static final String JOB_NAME = "streamlytics";

    private final JobClient job;
    private final Path savepoints;
    private final Path lastSavepoint;

    private LocalFlink(JobClient job, Path savepoints, Path lastSavepoint) {
        this.job = job;
        this.savepoints = savepoints;
        this.lastSavepoint = lastSavepoint;
    }

    static LocalFlink start(PlatformConfig config, Path flinkDir) throws Exception {
        Path checkpoints = flinkDir.resolve("checkpoints").toAbsolutePath();
        Path savepoints = flinkDir.resolve("savepoints").toAbsolutePath();
        Path lastSavepoint = flinkDir.resolve("last-savepoint");
        Files.createDirectories(checkpoints);
        Files.createDirectories(savepoints);

        Configuration conf = durable(checkpoints, savepoints);
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.PORT, config.flink().restPort());
        if (config.flink().metricsPort() > 0) {
            // the jobs' metrics (data quality among them) for Prometheus to scrape
            conf.setString(
                    "metrics.reporter.prom.factory.class",
                    "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
            conf.setString(
                    "metrics.reporter.prom.port", Integer.toString(config.flink().metricsPort()));
        }
        Optional<Path> resume = newestRestorePoint(lastSavepoint, checkpoints);
        resume.ifPresent(
                path -> {
                    LOG.info("resuming the Flink jobs from {}", path);
                    conf.set(StateRecoveryOptions.SAVEPOINT_PATH, path.toUri().toString());
                });

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(config.flink().parallelism());
        if (config.flink().runs("pipeline")) {
            EventPipelineJob.configure(env, config);
        }
        if (config.flink().runs("metrics")) {
            MetricsJob.configure(
                    env, config, null, MetricsJob.definitions(config), MetricsSettings.defaults());
        }
        JobClient job = env.executeAsync(JOB_NAME);
        return new LocalFlink(job, savepoints, lastSavepoint);
    }

    /**
     * A MiniCluster whose job's state outlives it: heap state, checkpoints retained on cancellation
     * (the newest 3), savepoints in their own directory.
     */
    static Configuration durable(Path checkpoints, Path savepoints) {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        conf.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, savepoints.toUri().toString());
        conf.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 3);
        return conf;
    }

    /** The savepoint {@code down} left, or else the newest retained checkpoint of a crashed run. */
    static Optional<Path> newestRestorePoint(Path lastSavepoint, Path checkpoints)
            throws IOException {
        if (Files.exists(lastSavepoint)) {
            Path savepoint = Path.of(java.net.URI.create(Files.readString(lastSavepoint).strip()));
            if (Files.exists(savepoint.resolve("_metadata"))) {
                Optional<Path> newerCheckpoint = newestCheckpoint(checkpoints);
                if (newerCheckpoint.isEmpty()
                        || Files.getLastModifiedTime(newerCheckpoint.get())
                                        .compareTo(
                                                Files.getLastModifiedTime(
                                                        savepoint.resolve("_metadata")))
                                < 0) {
                    return Optional.of(savepoint);
                }
                return newerCheckpoint.map(Path::getParent);
            }
        }
        return newestCheckpoint(checkpoints).map(Path::getParent);
    }

    /** The {@code _metadata} file of the newest complete checkpoint. */
    private static Optional<Path> newestCheckpoint(Path checkpoints) throws IOException {
        if (!Files.isDirectory(checkpoints)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(checkpoints, 3)) {
            return files.filter(p -> p.getFileName().toString().equals("_metadata"))
                    .filter(p -> p.getParent().getFileName().toString().startsWith("chk-"))
                    .max(Comparator.comparing(LocalFlink::modified));
        }
    }

    private static java.nio.file.attribute.FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String jobId() {
        return job.getJobID().toString();
    }

    String status() {
        try {
            return job.getJobStatus().get(5, TimeUnit.SECONDS).name();
        } catch (Exception e) {
            return "UNKNOWN";
        }
    }

    /** Stops the job with a savepoint (committing what is pending) and remembers where it is. */
    @Override
    public void close() {
        try {
            String path =
                    job.stopWithSavepoint(
                                    false,
                                    savepoints.toUri().toString(),
                                    SavepointFormatType.CANONICAL)
                            .get(Duration.ofMinutes(2).toMillis(), TimeUnit.MILLISECONDS);
            Files.writeString(lastSavepoint, path);
            LOG.info("Flink jobs stopped with savepoint {}", path);
        } catch (Exception e) {
            LOG.warn(
                    "could not stop the Flink jobs with a savepoint ({}); the next start"
                            + " resumes from the last retained checkpoint",
                    e.toString());
            job.cancel();
        }
    }
}
