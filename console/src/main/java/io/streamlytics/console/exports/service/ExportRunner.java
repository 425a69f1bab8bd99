package io.streamlytics.console.exports.service;

import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.base.concurrent.DaemonThreads;
import io.streamlytics.console.base.delivery.JsonPost;
import io.streamlytics.console.base.delivery.Mailers;
import io.streamlytics.console.exports.domain.Column;
import io.streamlytics.console.exports.domain.EventCursor;
import io.streamlytics.console.exports.domain.EventPage;
import io.streamlytics.console.exports.domain.ExportJob;
import io.streamlytics.console.exports.domain.ExportRequest;
import io.streamlytics.console.insights.domain.ResultTable;
import io.streamlytics.console.insights.domain.SavedInsight;
import io.streamlytics.console.insights.service.InsightQueries;
import io.streamlytics.console.insights.service.InsightStore;
import io.streamlytics.console.insights.service.ProjectTimezones;
import io.streamlytics.core.config.PlatformConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs exports in the background, one at a time: raw events are read page by page and written to
 * the file as they come (never the whole export in memory), the progress saved after each page; a
 * saved insight's result is written as its table. The file is written under a temporary name and
 * renamed when complete, so a download never sees half a file. An export interrupted by a restart
 * goes on after its last complete page when its file is CSV or NDJSON (the file is cut back to that
 * page's end first); a Parquet one, or one without a checkpoint, starts again.
 */
@Service
public class ExportRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ExportRunner.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ExportStore store;
    private final EventPages pages;
    private final InsightStore insights;
    private final InsightQueries queries;
    private final ProjectTimezones timezones;
    private final PlatformConfig.Smtp smtp;
    private final JavaMailSenderImpl mail;
    private final String linkBase;
    private final Path directory;
    private final int pageRows;
    private final Clock clock;

    /** This console among others sharing the exports volume. */
    private static final String RUNNER = "console-" + java.util.UUID.randomUUID();

    private final ExecutorService worker = DaemonThreads.single("exports");

    public ExportRunner(
            ExportStore store,
            EventPages pages,
            InsightStore insights,
            InsightQueries queries,
            ProjectTimezones timezones,
            PlatformConfig config,
            @Value("${ANALYTICS_EXPORT_PAGE_ROWS:5000}") int pageRows,
            Clock clock) {
        this.store = store;
        this.pages = pages;
        this.insights = insights;
        this.queries = queries;
        this.timezones = timezones;
        this.smtp = config.alerts().smtp();
        this.mail = Mailers.of(smtp);
        this.linkBase = config.alerts().linkBase(config.console().port());
        this.directory = config.home().resolve("exports");
        this.pageRows = Math.max(1, Math.min(EventPages.MAX_PAGE, pageRows));
        this.clock = clock;
    }

    /** Queues the export and starts it as soon as the one before it is done. */
    public ExportJob start(Actor actor, long projectId, ExportRequest request) {
        ExportJob job = store.create(actor, projectId, request);
        worker.execute(() -> run(job));
        return job;
    }

    /** The finished export's file. */
    public Path file(ExportJob job) {
        return directory.resolve(job.fileName());
    }

    /**
     * Exports left queued, or running on a console that stopped (this one before a restart, or
     * another), are taken up: when this console is ready, then every minute.
     */
    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
    void resume() {
        for (ExportJob job : store.unfinished(clock.instant())) {
            worker.execute(() -> run(job));
        }
    }

    /** Deletes the files of exports older than {@link ExportStore#KEEP}. */
    @Scheduled(fixedDelay = 3_600_000, initialDelay = 60_000)
    void deleteExpired() {
        for (ExportJob job : store.expired(clock.instant())) {
            try {
                Files.deleteIfExists(file(job));
                store.deleted(job.id());
            } catch (IOException e) {
                LOG.warn("could not delete the file of export {}", job.id(), e);
            }
        }
    }

    void run(ExportJob job) {
        Path file = file(job);
        Path part = file.resolveSibling(file.getFileName() + ".part");
        Optional<ExportStore.Checkpoint> checkpoint = checkpoint(job, part);
        boolean taken =
                checkpoint.isPresent()
                        ? store.resume(job, RUNNER, clock.instant())
                        : store.start(job, RUNNER, clock.instant());
        if (!taken) {
            return;
        }
        try {
            Files.createDirectories(directory);
            long rows =
                    job.source().equals("events")
                            ? writeEvents(job, part, checkpoint)
                            : writeInsight(job, part);
            Files.move(
                    part,
                    file,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            store.done(job.id(), rows, Files.size(file), clock.instant());
        } catch (Exception e) {
            LOG.warn("export {} failed", job.id(), e);
            deleteQuietly(part);
            store.failed(job.id(), reason(e), clock.instant());
        }
        store.find(job.projectId(), job.id()).ifPresent(this::notifyRequester);
    }

    /**
     * Where an interrupted events export can go on: its checkpoint, when its format allows and its
     * file still holds every byte the checkpoint counted.
     */
    private Optional<ExportStore.Checkpoint> checkpoint(ExportJob job, Path part) {
        if (!job.status().equals("running")
                || !job.source().equals("events")
                || !job.format().appendable()) {
            return Optional.empty();
        }
        return store.checkpoint(job.id())
                .filter(
                        c -> {
                            try {
                                return Files.size(part) >= c.bytes();
                            } catch (IOException e) {
                                return false; // no file: start again
                            }
                        });
    }

    private long writeEvents(ExportJob job, Path part, Optional<ExportStore.Checkpoint> checkpoint)
            throws IOException {
        JsonNode spec = JSON.readTree(job.spec());
        ZoneId zone = timezones.of(job.projectId());
        Instant from = LocalDate.parse(spec.path("from").asString()).atStartOfDay(zone).toInstant();
        Instant to =
                LocalDate.parse(spec.path("to").asString())
                        .plusDays(1)
                        .atStartOfDay(zone)
                        .toInstant();
        List<String> events = new ArrayList<>();
        spec.path("events").forEach(e -> events.add(e.asString()));
        store.expect(job.id(), pages.count(job.projectId(), from, to, events));
        long rows = checkpoint.map(ExportStore.Checkpoint::rows).orElse(0L);
        EventCursor cursor = checkpoint.map(ExportStore.Checkpoint::next).orElse(null);
        if (checkpoint.isPresent()) {
            // what was written after the last complete page goes: that page comes again
            try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
                channel.truncate(checkpoint.get().bytes());
            }
            LOG.info("export {} goes on after row {}", job.id(), rows);
        }
        try (ExportWriter writer =
                checkpoint.isPresent()
                        ? ExportWriter.append(job.format(), EventPages.COLUMNS, part)
                        : ExportWriter.open(job.format(), EventPages.COLUMNS, part)) {
            do {
                EventPage page = pages.page(job.projectId(), from, to, events, cursor, pageRows);
                for (JsonNode event : page.events()) {
                    writer.write(event);
                }
                rows += page.events().size();
                writer.flush();
                cursor = page.next();
                store.progress(
                        job.id(),
                        rows,
                        Files.size(part),
                        job.format().appendable() ? cursor : null,
                        clock.instant());
            } while (cursor != null);
        }
        return rows;
    }

    private long writeInsight(ExportJob job, Path part) throws IOException {
        JsonNode spec = JSON.readTree(job.spec());
        long insightId = spec.path("insight").asLong();
        SavedInsight insight =
                insights.findInProject(job.projectId(), insightId)
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "The saved insight "
                                                        + insightId
                                                        + " was deleted."));
        String query = insight.query();
        if (spec.has("from")) {
            // the days asked for, both included, in place of the insight's own range
            ObjectNode ranged = (ObjectNode) JSON.readTree(query);
            ranged.putObject("range")
                    .put("from", spec.path("from").asString())
                    .put("to", spec.path("to").asString());
            query = ranged.toString();
        }
        JsonNode answer = JSON.readTree(queries.run(job.projectId(), insight.kind(), query));
        ResultTable table = ResultTable.of(answer.path("kind").asString(), answer.path("result"));
        store.expect(job.id(), table.rows().size());
        List<Column> columns = table.columns().stream().map(Column::string).toList();
        try (ExportWriter writer = ExportWriter.open(job.format(), columns, part)) {
            for (List<String> cells : table.rows()) {
                ObjectNode row = JSON.createObjectNode();
                for (int i = 0; i < columns.size(); i++) {
                    row.put(columns.get(i).name(), i < cells.size() ? cells.get(i) : "");
                }
                writer.write(row);
            }
        }
        return table.rows().size();
    }

    private void notifyRequester(ExportJob job) {
        String link = linkBase + "/exports/" + job.id() + "/download";
        String summary =
                job.status().equals("done")
                        ? "Export "
                                + job.id()
                                + " is ready: "
                                + job.rowsWritten()
                                + " rows, "
                                + job.bytes()
                                + " bytes of "
                                + job.format().key().toUpperCase(java.util.Locale.ROOT)
                                + ". Download it (signed in) within 7 days: "
                                + link
                        : "Export " + job.id() + " failed: " + job.error();
        if (!job.notifyEmail().isEmpty()) {
            try {
                Mailers.requireConfigured(smtp);
                SimpleMailMessage message = new SimpleMailMessage();
                message.setFrom(smtp.from());
                message.setTo(job.notifyEmail());
                message.setSubject(
                        job.status().equals("done")
                                ? "Your export is ready"
                                : "Your export failed");
                message.setText(summary + "\n");
                mail.send(message);
            } catch (RuntimeException e) {
                LOG.warn("could not email the notice of export {}", job.id(), e);
                store.noticeFailed(job.id(), "the email could not be sent: " + e.getMessage());
            }
        }
        if (!job.notifyUrl().isEmpty()) {
            ObjectNode body = JSON.createObjectNode();
            body.put("export", job.id())
                    .put("project", job.projectId())
                    .put("status", job.status())
                    .put("rows", job.rowsWritten())
                    .put("bytes", job.bytes())
                    .put("format", job.format().key())
                    .put("error", job.error())
                    .put(
                            "download",
                            job.status().equals("done")
                                    ? linkBase
                                            + "/api/v1/projects/"
                                            + job.projectId()
                                            + "/exports/"
                                            + job.id()
                                            + "/file"
                                    : null);
            try {
                JsonPost.send(
                        "The notification URL",
                        HttpRequest.newBuilder(URI.create(job.notifyUrl())),
                        body.toString(),
                        "streamlytics-exports");
            } catch (IOException | RuntimeException e) {
                store.noticeFailed(job.id(), "the notification URL failed: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String reason(Exception e) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("could not delete {}", file, e);
        }
    }
}
