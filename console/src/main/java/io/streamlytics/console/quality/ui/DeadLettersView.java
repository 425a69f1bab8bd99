package io.streamlytics.console.quality.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.access.domain.Project;
import io.streamlytics.console.access.service.ProjectAccess;
import io.streamlytics.console.base.ui.MainLayout;
import io.streamlytics.console.quality.domain.DeadLetter;
import io.streamlytics.console.quality.domain.DeadLetterPage;
import io.streamlytics.console.quality.service.DeadLetterReplay;
import io.streamlytics.console.quality.service.DeadLetters;
import io.streamlytics.console.quality.service.ReplayFailedException;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import org.springframework.security.access.AccessDeniedException;

/**
 * Admins' dead-letter browser: the newest events and requests the collector refused (or the
 * pipeline could not read), why, and their payloads; and how many letters the next replay would
 * read.
 */
@Route(value = "admin/dead-letters", layout = MainLayout.class)
@PageTitle("Dead letters · Streamlytics")
@RolesAllowed("ADMIN")
public class DeadLettersView extends Main {
    static final int LIST = 200;
    static final Project EVERY = new Project(-1, "every project");
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
                    .withZone(ZoneOffset.UTC);

    private final DeadLetters letters;
    private final DeadLetterReplay replay;
    private final Actor actor;
    private final Button replayNow = new Button("Replay now");
    private final ProgressBar replaying = new ProgressBar();
    final Select<Project> project = new Select<>();
    private final Span status = new Span();
    private final Span replayResult = new Span();
    private final Grid<DeadLetter> grid = new Grid<>();
    private final Pre payload = new Pre();

    public DeadLettersView(DeadLetters letters, DeadLetterReplay replay, ProjectAccess access) {
        this.letters = letters;
        this.replay = replay;
        this.actor = access.current();
        setId("dead-letters");
        getStyle().set("padding", "var(--lumo-space-l)").set("box-sizing", "border-box");
        List<Project> choices = new ArrayList<>(List.of(EVERY));
        choices.addAll(access.projects(actor));
        project.setId("letters-project");
        project.setLabel("Project");
        project.setItems(choices);
        project.setItemLabelGenerator(Project::name);
        project.setValue(EVERY);
        project.addValueChangeListener(e -> refresh());
        Button reload = new Button("Read again", e -> refresh());
        reload.setId("reload-letters");
        replayNow.setId("replay-letters");
        replayNow.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        replayNow.addClickListener(e -> replay());
        replaying.setId("replaying");
        replaying.setIndeterminate(true);
        replaying.setVisible(false);
        replaying.setWidth("12em");
        replayResult.setId("replay-result");
        replayResult.getStyle().set("display", "block");
        status.setId("status");
        grid.setId("letter-list");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setHeight("24em");
        grid.addColumn(l -> WHEN.format(l.receivedAt())).setHeader("Received").setAutoWidth(true);
        grid.addColumn(l -> l.projectId() == 0 ? "(no project)" : Long.toString(l.projectId()))
                .setHeader("Project")
                .setAutoWidth(true);
        grid.addColumn(DeadLetter::kind).setHeader("Kind").setAutoWidth(true);
        grid.addColumn(DeadLetter::endpoint).setHeader("Endpoint").setAutoWidth(true);
        grid.addColumn(l -> String.join("; ", l.reasons())).setHeader("Why").setFlexGrow(1);
        grid.addColumn(DeadLetter::replays).setHeader("Replays").setAutoWidth(true);
        grid.addSelectionListener(
                e ->
                        payload.setText(
                                e.getFirstSelectedItem()
                                        .map(
                                                l ->
                                                        l.payload()
                                                                + (l.truncated()
                                                                        ? "\n… (cut at 512 KB)"
                                                                        : ""))
                                        .orElse("")));
        payload.setId("letter-payload");
        payload.getStyle().set("white-space", "pre-wrap").set("max-height", "20em");
        HorizontalLayout bar = new HorizontalLayout(project, reload, replayNow, replaying);
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(
                new H2("Dead letters"),
                new Paragraph(
                        "Events and requests the collector refused, and records the pipeline could"
                                + " not read, with why. Fix the cause (a key, a schema, a client),"
                                + " then replay (here, or bin/analytics replay-dlq): the collector"
                                + " judges each letter since the last replay again, sends what"
                                + " passes into the pipeline and puts what still fails back here"
                                + " with its new reasons. Replaying twice is harmless: an event"
                                + " already stored is not stored again."),
                bar,
                replayResult,
                status,
                grid,
                payload);
        refresh();
    }

    /**
     * Runs a replay off the request thread (it reads every letter since the last one), with the bar
     * moving meanwhile; its outcome comes back by push, and the list is read again.
     */
    private void replay() {
        UI ui = UI.getCurrent();
        replayNow.setEnabled(false);
        replaying.setVisible(true);
        replayResult.setText("Replaying…");
        replay.replayInBackground(actor)
                .whenComplete(
                        (summary, failure) ->
                                ui.access(
                                        () -> {
                                            replayNow.setEnabled(true);
                                            replaying.setVisible(false);
                                            replayResult.setText(
                                                    failure == null
                                                            ? summary.sentence()
                                                            : why(failure));
                                            refresh();
                                        }));
    }

    private static String why(Throwable failure) {
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        return cause instanceof ReplayFailedException || cause instanceof AccessDeniedException
                ? cause.getMessage()
                : "The replay failed unexpectedly (" + cause + "); try again.";
    }

    public void refresh() {
        try {
            Project chosen = project.getValue();
            DeadLetterPage page =
                    letters.latest(
                            actor,
                            chosen == null || chosen.equals(EVERY) ? null : chosen.id(),
                            LIST);
            grid.setItems(page.letters());
            status.setText(
                    (page.letters().isEmpty()
                                    ? "No dead letter among the newest."
                                    : "The newest " + page.letters().size() + ".")
                            + " "
                            + (page.waitingForReplay() == 0
                                    ? "Nothing waits for a replay."
                                    : page.waitingForReplay()
                                            + " letter(s) written since the last replay."));
        } catch (AccessDeniedException e) {
            status.setText(e.getMessage());
        }
    }
}
