package io.streamlytics.flink.cluster;

import io.streamlytics.devstack.ChildProcess;
import io.streamlytics.devstack.Ports;
import io.streamlytics.devstack.ServiceStartException;
import io.streamlytics.devstack.Waits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Flink standalone cluster: one JobManager and several TaskManagers, each its own JVM, on
 * this JVM's classpath (so jobs need no jar), started the way Flink's shell scripts start them
 * (memory flags from {@link JobManagerProcessUtils} and {@link TaskExecutorProcessUtils}). Failure
 * tests kill its processes with SIGKILL. No high availability: a restarted JobManager has lost its
 * jobs, which resume from a retained checkpoint.
 */
public final class FlinkProcessCluster implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path dir;
    private final int restPort;
    private final HttpClient http = HttpClient.newHttpClient();
    private ChildProcess jobManager;
    private final Map<String, ChildProcess> taskManagers = new LinkedHashMap<>();
    private int taskManagersStarted;

    private FlinkProcessCluster(Path dir, int restPort) {
        this.dir = dir;
        this.restPort = restPort;
    }

    /** Starts a JobManager and {@code taskManagers} TaskManagers with {@code slots} slots each. */
    public static FlinkProcessCluster start(Path dir, int taskManagers, int slots) {
        int[] ports = Ports.free(2);
        int restPort = ports[0];
        Map<String, String> config = new LinkedHashMap<>();
        config.put("jobmanager.rpc.address", "localhost");
        config.put("jobmanager.rpc.port", Integer.toString(ports[1]));
        config.put("jobmanager.bind-host", "localhost");
        config.put("rest.address", "localhost");
        config.put("rest.bind-address", "127.0.0.1");
        config.put("rest.port", Integer.toString(restPort));
        config.put("taskmanager.host", "localhost");
        config.put("taskmanager.bind-host", "localhost");
        config.put("taskmanager.numberOfTaskSlots", Integer.toString(slots));
        config.put("jobmanager.memory.process.size", "640m");
        config.put("taskmanager.memory.process.size", "900m");
        config.put("taskmanager.memory.managed.size", "32m");
        config.put("taskmanager.load-balance.mode", "slots");
        // a killed TaskManager is noticed in seconds, not the default 50
        config.put("heartbeat.interval", "1000");
        config.put("heartbeat.timeout", "5000");
        config.put("restart-strategy.type", "fixed-delay");
        config.put("restart-strategy.fixed-delay.attempts", "100000");
        config.put("restart-strategy.fixed-delay.delay", "2 s");
        config.put("state.backend.type", "hashmap");
        config.put("execution.checkpointing.dir", dir.resolve("checkpoints").toUri().toString());
        config.put(
                "execution.checkpointing.savepoint-dir",
                dir.resolve("savepoints").toUri().toString());
        config.put(
                "execution.checkpointing.externalized-checkpoint-retention",
                "RETAIN_ON_CANCELLATION");
        config.put("execution.checkpointing.num-retained", "3");
        config.put("io.tmp.dirs", dir.resolve("tmp").toString());
        try {
            Files.createDirectories(dir.resolve("tmp"));
            Files.createDirectories(dir.resolve("conf"));
            StringBuilder yaml = new StringBuilder();
            config.forEach((k, v) -> yaml.append(k).append(": \"").append(v).append("\"\n"));
            Files.writeString(dir.resolve("conf/config.yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FlinkProcessCluster cluster = new FlinkProcessCluster(dir, restPort);
        try {
            cluster.startJobManager();
            for (int i = 0; i < taskManagers; i++) {
                cluster.startTaskManager();
            }
            cluster.awaitTaskManagers(taskManagers);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /**
     * Submits a job over REST: {@code job} adds it to a remote environment of this cluster; with
     * {@code restore} set, the job starts from that savepoint or retained checkpoint.
     */
    public JobClient submit(Consumer<StreamExecutionEnvironment> job, Path restore, int parallelism)
            throws Exception {
        Configuration conf = new Configuration();
        if (restore != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restore.toUri().toString());
        }
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createRemoteEnvironment("localhost", restPort, conf);
        env.setParallelism(parallelism);
        job.accept(env);
        return env.executeAsync();
    }

    public int restPort() {
        return restPort;
    }

    public Path checkpoints() {
        return dir.resolve("checkpoints");
    }

    public void startJobManager() {
        Configuration conf = configuration();
        JobManagerProcessSpec spec = JobManagerProcessUtils.processSpecFromConfig(conf);
        jobManager =
                launch(
                        "flink-jobmanager",
                        JobManagerProcessUtils.generateJvmParametersStr(spec, conf),
                        "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                        JobManagerProcessUtils.generateDynamicConfigsStr(spec));
        if (!Waits.until(
                Duration.ofSeconds(60), () -> !jobManager.isAlive() || overview().isPresent())) {
            throw new ServiceStartException("the Flink JobManager did not answer within 60 s");
        }
        jobManager.checkAlive(log("flink-jobmanager"));
    }

    public void startTaskManager() {
        TaskExecutorProcessSpec spec =
                TaskExecutorProcessUtils.processSpecFromConfig(configuration());
        String name = "flink-taskmanager-" + (++taskManagersStarted);
        ChildProcess taskManager =
                launch(
                        name,
                        ProcessMemoryUtils.generateJvmParametersStr(spec),
                        "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                        TaskExecutorProcessUtils.generateDynamicConfigsStr(spec)
                                + " -D taskmanager.resource-id="
                                + name);
        taskManagers.put(name, taskManager);
    }

    /**
     * SIGKILL to a TaskManager that runs tasks: no shutdown hooks, no goodbye to the JobManager.
     */
    public void killBusyTaskManager() {
        String busy =
                get("/taskmanagers")
                        .flatMap(FlinkProcessCluster::busyTaskManager)
                        .orElseThrow(() -> new IllegalStateException("no TaskManager runs tasks"));
        ChildProcess victim = taskManagers.remove(busy);
        ProcessHandle.of(victim.pid()).ifPresent(ProcessHandle::destroyForcibly);
        Waits.until(Duration.ofSeconds(10), () -> !victim.isAlive());
    }

    private static Optional<String> busyTaskManager(JsonNode overview) {
        for (JsonNode tm : overview.path("taskmanagers")) {
            if (tm.path("freeSlots").asInt() < tm.path("slotsNumber").asInt()) {
                return Optional.of(tm.path("id").asString());
            }
        }
        return Optional.empty();
    }

    /** SIGKILL to the JobManager; without HA its jobs are gone. */
    public void killJobManager() {
        ProcessHandle.of(jobManager.pid()).ifPresent(ProcessHandle::destroyForcibly);
        Waits.until(Duration.ofSeconds(10), () -> !jobManager.isAlive());
    }

    public void awaitTaskManagers(int count) {
        if (!Waits.until(
                Duration.ofSeconds(90),
                () -> overview().map(o -> o.path("taskmanagers").asInt() >= count).orElse(false))) {
            throw new ServiceStartException(
                    count + " Flink TaskManagers did not register within 90 s; see " + dir);
        }
    }

    /** The state of a job as the JobManager reports it ("RUNNING", "RESTARTING", ...). */
    public Optional<String> jobState(String jobId) {
        return get("/jobs/" + jobId).map(job -> job.path("state").asString());
    }

    /** Whether every task of the job is running (not only the job, which runs while deploying). */
    public boolean allTasksRunning(String jobId) {
        return get("/jobs/" + jobId)
                .map(
                        job -> {
                            JsonNode vertices = job.path("vertices");
                            if (!"RUNNING".equals(job.path("state").asString())
                                    || vertices.isEmpty()) {
                                return false;
                            }
                            for (JsonNode vertex : vertices) {
                                if (!"RUNNING".equals(vertex.path("status").asString())) {
                                    return false;
                                }
                            }
                            return true;
                        })
                .orElse(false);
    }

    /** How many failures the job has had since it was submitted. */
    public int failures(String jobId) {
        return get("/jobs/" + jobId + "/exceptions")
                .map(e -> e.path("exceptionHistory").path("entries").size())
                .orElse(0);
    }

    /** Where the job's state was restored from when it started; empty if it started afresh. */
    public Optional<String> restoredFrom(String jobId) {
        return get("/jobs/" + jobId + "/checkpoints")
                .map(c -> c.path("latest").path("restored").path("external_path").asString(""))
                .filter(path -> !path.isEmpty());
    }

    /** The newest complete checkpoint left under {@link #checkpoints()}, by any job. */
    public Optional<Path> newestCheckpoint() {
        try (Stream<Path> files = Files.walk(checkpoints(), 3)) {
            return files.filter(p -> p.getFileName().toString().equals("_metadata"))
                    .filter(p -> p.getParent().getFileName().toString().startsWith("chk-"))
                    .max(
                            (a, b) -> {
                                try {
                                    return Files.getLastModifiedTime(a)
                                            .compareTo(Files.getLastModifiedTime(b));
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            })
                    .map(Path::getParent);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<JsonNode> overview() {
        return get("/overview");
    }

    private Optional<JsonNode> get(String path) {
        try {
            HttpResponse<String> response =
                    http.send(
                            HttpRequest.newBuilder(
                                            URI.create("http://localhost:" + restPort + path))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200
                    ? Optional.of(JSON.readTree(response.body()))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private Configuration configuration() {
        return GlobalConfiguration.loadConfiguration(dir.resolve("conf").toString());
    }

    private ChildProcess launch(String name, String jvmFlags, String mainClass, String dynamic) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(split(jvmFlags));
        command.add("-Dlog.file=" + log(name));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.add("--configDir");
        command.add(dir.resolve("conf").toString());
        command.addAll(split(dynamic));
        return ChildProcess.start(name, command, log(name), dir.resolve(name + ".pid"));
    }

    private Path log(String name) {
        return dir.resolve("log").resolve(name + ".log");
    }

    private static List<String> split(String flags) {
        return Arrays.stream(flags.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }

    @Override
    public void close() {
        taskManagers.values().forEach(ChildProcess::close);
        taskManagers.clear();
        if (jobManager != null) {
            jobManager.close();
        }
    }
}
