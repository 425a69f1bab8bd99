package io.streamlytics.console.alerts.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.access.domain.Project;
import io.streamlytics.console.access.service.ProjectAccess;
import io.streamlytics.console.alerts.domain.Alert;
import io.streamlytics.console.alerts.domain.AlertState;
import io.streamlytics.console.alerts.domain.Channel;
import io.streamlytics.console.alerts.domain.Delivery;
import io.streamlytics.console.alerts.domain.HistoryEntry;
import io.streamlytics.console.alerts.domain.Policy;
import io.streamlytics.console.alerts.domain.Silence;
import io.streamlytics.console.alerts.service.AlertBook;
import io.streamlytics.console.alerts.service.AlertDesk;
import io.streamlytics.console.alerts.service.AlertSettings;
import io.streamlytics.console.base.ui.MainLayout;
import io.streamlytics.console.base.ui.Polling;
import io.streamlytics.console.base.ui.ProjectParameter;
import io.streamlytics.core.text.Durations;
import jakarta.annotation.security.PermitAll;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.security.access.AccessDeniedException;

/**
 * The project's alerts (open, resolved, all; each with its history and deliveries, and acknowledged
 * from here), its notification channels, and its escalation policies (docs/alerts.md).
 */
@Route(value = "alerts", layout = MainLayout.class)
@PageTitle("Alerts · Streamlytics")
@PermitAll
public class AlertsView extends Main implements BeforeEnterObserver {
    static final String OPEN = "Open";
    static final String RESOLVED = "Resolved";
    static final String ALL = "All";
    static final int LIST = 100;
    private static final Map<String, List<AlertState>> STATES =
            Map.of(
                    OPEN, List.of(AlertState.PENDING, AlertState.FIRING),
                    RESOLVED, List.of(AlertState.RESOLVED),
                    ALL, List.of(AlertState.values()));
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
                    .withZone(ZoneOffset.UTC);

    private final AlertDesk desk;
    private final Actor actor;
    private final List<Project> visible;
    private final Select<String> state = new Select<>();
    private final Grid<Alert> alerts = new Grid<>();
    private final Span detail = new Span();
    private final Button acknowledge = new Button("Acknowledge", e -> acknowledge());
    private final Grid<HistoryEntry> history = new Grid<>();
    private final Grid<Delivery> deliveries = new Grid<>();
    private final Grid<Channel> channels = new Grid<>();
    final TextField channelName = new TextField("Name");
    final Select<String> channelKind = new Select<>();
    final TextField channelTarget = new TextField("URL or email addresses");
    private final Grid<Policy> policies = new Grid<>();
    final TextField policyName = new TextField("Policy");
    final TextField groupWait = new TextField("Wait to group");
    final MultiSelectComboBox<String> firstLevel = new MultiSelectComboBox<>("Tell first");
    final TextField escalateAfter = new TextField("Then after");
    final MultiSelectComboBox<String> secondLevel = new MultiSelectComboBox<>("Tell");
    private final Grid<Silence> silences = new Grid<>();
    final TextField silenceRule = new TextField("Rule");
    final TextField silenceKey = new TextField("Key");
    final Select<String> silenceFor = new Select<>();
    final TextField silenceComment = new TextField("Why");
    private final Span status = new Span();
    private final MaintenanceWindows windows;
    private Long project;
    private Alert selected;

    public AlertsView(AlertDesk desk, ProjectAccess access) {
        this.desk = desk;
        this.actor = access.current();
        this.visible = access.projects(actor);
        setId("alerts");
        getStyle().set("padding", "var(--lumo-space-l)").set("box-sizing", "border-box");
        status.setId("status");
        windows = new MaintenanceWindows(desk, actor, status::setText);
        windows.setId("maintenance-windows");
        state.setId("alert-state");
        state.setLabel("Alerts");
        state.setItems(OPEN, RESOLVED, ALL);
        state.setValue(OPEN);
        state.addValueChangeListener(e -> refresh());
        alerts.setId("alert-list");
        alerts.setAllRowsVisible(true);
        alerts.addThemeVariants(GridVariant.LUMO_COMPACT);
        alerts.addColumn(Alert::id).setHeader("#").setAutoWidth(true);
        alerts.addColumn(Alert::ruleId).setHeader("Rule").setFlexGrow(1);
        alerts.addColumn(Alert::key).setHeader("Key").setAutoWidth(true);
        alerts.addColumn(Alert::severity).setHeader("Severity").setAutoWidth(true);
        alerts.addColumn(a -> a.state().name().toLowerCase(Locale.ROOT))
                .setHeader("State")
                .setAutoWidth(true);
        alerts.addColumn(a -> when(a.startedAt())).setHeader("Started").setAutoWidth(true);
        alerts.addColumn(a -> a.acknowledged() ? a.acknowledgedBy() : "")
                .setHeader("Acknowledged by")
                .setAutoWidth(true);
        alerts.addSelectionListener(e -> show(e.getFirstSelectedItem().orElse(null)));
        acknowledge.setId("acknowledge");
        acknowledge.setEnabled(false);
        detail.setId("alert-detail");
        history.setId("alert-history");
        history.setAllRowsVisible(true);
        history.addThemeVariants(GridVariant.LUMO_COMPACT);
        history.addColumn(h -> when(h.at())).setHeader("When").setAutoWidth(true);
        history.addColumn(HistoryEntry::what).setHeader("What").setAutoWidth(true);
        history.addColumn(HistoryEntry::detail).setHeader("Detail").setFlexGrow(1);
        deliveries.setId("alert-deliveries");
        deliveries.setAllRowsVisible(true);
        deliveries.addThemeVariants(GridVariant.LUMO_COMPACT);
        deliveries.addColumn(Delivery::channel).setHeader("Channel").setAutoWidth(true);
        deliveries.addColumn(Delivery::status).setHeader("Status").setAutoWidth(true);
        deliveries.addColumn(Delivery::attempts).setHeader("Attempts").setAutoWidth(true);
        deliveries.addColumn(Delivery::lastError).setHeader("Last error").setFlexGrow(1);

        channels.setId("channel-list");
        channels.setAllRowsVisible(true);
        channels.addColumn(Channel::name).setHeader("Channel").setAutoWidth(true);
        channels.addColumn(c -> c.kind().name().toLowerCase(Locale.ROOT))
                .setHeader("Kind")
                .setAutoWidth(true);
        channels.addColumn(Channel::target).setHeader("To").setFlexGrow(1);
        channelName.setId("channel-name");
        channelKind.setId("channel-kind");
        channelKind.setLabel("Kind");
        channelKind.setItems("webhook", "slack", "email");
        channelKind.setValue("webhook");
        channelTarget.setId("channel-target");
        Button addChannel = new Button("Add channel", e -> addChannel());
        addChannel.setId("add-channel");
        Button deleteChannel = new Button("Delete chosen", e -> deleteChannel());
        deleteChannel.setId("delete-channel");
        HorizontalLayout channelForm =
                new HorizontalLayout(
                        channelName, channelKind, channelTarget, addChannel, deleteChannel);
        channelForm.setAlignItems(FlexComponent.Alignment.BASELINE);
        channelForm.setWrap(true);

        policies.setId("policy-list");
        policies.setAllRowsVisible(true);
        policies.addColumn(Policy::name).setHeader("Policy").setAutoWidth(true);
        policies.addColumn(p -> Durations.format(p.groupWait()))
                .setHeader("Wait")
                .setAutoWidth(true);
        policies.addColumn(AlertsView::levels).setHeader("Levels").setFlexGrow(1);
        policyName.setId("policy-name");
        policyName.setValue(Policy.DEFAULT);
        policyName.setHelperText("rules name their policy; \"default\" serves the others");
        groupWait.setId("policy-wait");
        groupWait.setValue("30s");
        firstLevel.setId("policy-first");
        escalateAfter.setId("policy-after");
        escalateAfter.setValue("15m");
        secondLevel.setId("policy-second");
        secondLevel.setHelperText("unless someone acknowledged; may stay empty");
        Button savePolicy = new Button("Save policy", e -> savePolicy());
        savePolicy.setId("save-policy");
        HorizontalLayout policyForm =
                new HorizontalLayout(
                        policyName, groupWait, firstLevel, escalateAfter, secondLevel, savePolicy);
        policyForm.setAlignItems(FlexComponent.Alignment.BASELINE);
        policyForm.setWrap(true);

        silences.setId("silence-list");
        silences.setAllRowsVisible(true);
        silences.addThemeVariants(GridVariant.LUMO_COMPACT);
        silences.addColumn(x -> x.ruleId() == null ? "every rule" : x.ruleId())
                .setHeader("Rule")
                .setAutoWidth(true);
        silences.addColumn(x -> x.key() == null ? "every key" : x.key())
                .setHeader("Key")
                .setAutoWidth(true);
        silences.addColumn(x -> when(x.endsAt())).setHeader("Until").setAutoWidth(true);
        silences.addColumn(Silence::comment).setHeader("Why").setFlexGrow(1);
        silences.addComponentColumn(
                        x -> {
                            Button end = new Button("End", e -> endSilence(x));
                            end.addThemeVariants(
                                    ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
                            return end;
                        })
                .setAutoWidth(true);
        silenceRule.setId("silence-rule");
        silenceRule.setHelperText("empty: every rule");
        silenceKey.setId("silence-key");
        silenceKey.setHelperText("empty: every key");
        silenceFor.setId("silence-for");
        silenceFor.setLabel("For");
        silenceFor.setItems("30m", "1h", "2h", "8h", "1d", "7d");
        silenceFor.setValue("2h");
        silenceComment.setId("silence-comment");
        Button silence = new Button("Silence", e -> silence());
        silence.setId("add-silence");
        HorizontalLayout silenceForm =
                new HorizontalLayout(silenceRule, silenceKey, silenceFor, silenceComment, silence);
        silenceForm.setAlignItems(FlexComponent.Alignment.BASELINE);
        silenceForm.setWrap(true);

        add(
                new H2("Alerts"),
                status,
                state,
                alerts,
                new HorizontalLayout(detail, acknowledge),
                history,
                deliveries,
                new H3("Silences"),
                silences,
                silenceForm,
                new H3("Maintenance windows"),
                windows,
                new H3("Channels"),
                channels,
                channelForm,
                new H3("Escalation policies"),
                policies,
                policyForm);
        Polling.every(this, 5000, this::refresh);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        open(ProjectParameter.of(event.getLocation(), visible).orElse(null));
    }

    public void open(Long projectId) {
        project = projectId;
        if (project == null) {
            status.setText(ProjectParameter.NONE_YET);
            return;
        }
        refresh();
        if (!actor.role().canEdit()) {
            status.setText(
                    "Viewers see alerts, channels and policies; analysts and admins change them.");
        }
    }

    /** The lists, again: every 5 seconds while the page is open. */
    public void refresh() {
        if (project == null) {
            return;
        }
        try {
            List<Alert> list = desk.alerts(actor, project, STATES.get(state.getValue()), LIST);
            alerts.setItems(list);
            List<Channel> known = desk.channels(actor, project);
            channels.setItems(known);
            List<String> names = known.stream().map(Channel::name).toList();
            choices(firstLevel, names);
            choices(secondLevel, names);
            policies.setItems(desk.policies(actor, project));
            silences.setItems(desk.silences(actor, project));
            windows.show(project);
            if (selected != null) {
                show(
                        list.stream()
                                .filter(a -> a.id() == selected.id())
                                .findFirst()
                                .orElse(selected));
            }
        } catch (AccessDeniedException e) {
            status.setText(e.getMessage());
        }
    }

    private void show(Alert alert) {
        selected = alert;
        if (alert == null) {
            detail.setText("");
            history.setItems(List.of());
            deliveries.setItems(List.of());
            acknowledge.setEnabled(false);
            return;
        }
        desk.details(actor, project, alert.id())
                .ifPresent(
                        (AlertBook.Details d) -> {
                            detail.setText("#" + d.alert().id() + " " + d.alert().summary());
                            history.setItems(d.history());
                            deliveries.setItems(d.deliveries());
                            acknowledge.setEnabled(
                                    actor.role().canEdit()
                                            && d.alert().state() != AlertState.RESOLVED
                                            && !d.alert().acknowledged());
                        });
    }

    void acknowledge() {
        if (selected == null) {
            return;
        }
        try {
            AlertBook.Acknowledged result = desk.acknowledge(actor, project, selected.id());
            status.setText(
                    switch (result) {
                        case NOW -> "Acknowledged: its escalation stops.";
                        case ALREADY -> "Someone acknowledged it already.";
                        case NOT_OPEN -> "It is resolved: nothing to acknowledge.";
                        case NO_SUCH_ALERT -> "There is no such alert any more.";
                    });
            refresh();
        } catch (AccessDeniedException e) {
            status.setText(e.getMessage());
        }
    }

    public void silence() {
        try {
            Silence made =
                    desk.silence(
                            actor,
                            project,
                            silenceRule.getValue(),
                            silenceKey.getValue(),
                            silenceFor.getValue(),
                            silenceComment.getValue());
            status.setText(
                    "Silenced until " + when(made.endsAt()) + ": no notices for matching alerts.");
            refresh();
        } catch (IllegalArgumentException | AccessDeniedException e) {
            status.setText(e.getMessage());
        }
    }

    void endSilence(Silence silence) {
        try {
            desk.endSilence(actor, project, silence.id());
            status.setText("Silence ended.");
            refresh();
        } catch (AccessDeniedException e) {
            status.setText(e.getMessage());
        }
    }

    public void addChannel() {
        try {
            Channel channel =
                    desk.createChannel(
                            actor,
                            project,
                            channelName.getValue(),
                            channelKind.getValue(),
                            channelTarget.getValue());
            status.setText(
                    channel.secret().isEmpty()
                            ? "Added " + channel.name() + "."
                            : "Added "
                                    + channel.name()
                                    + ". Its signing secret, shown this once: "
                                    + channel.secret());
            channelName.clear();
            channelTarget.clear();
            refresh();
        } catch (IllegalArgumentException | AccessDeniedException e) {
            status.setText(e.getMessage());
        }
    }

    void deleteChannel() {
        channels.getSelectedItems().stream()
                .findFirst()
                .ifPresent(
                        c -> {
                            try {
                                desk.deleteChannel(actor, project, c.name());
                                status.setText("Deleted " + c.name() + ".");
                                refresh();
                            } catch (AccessDeniedException e) {
                                status.setText(e.getMessage());
                            }
                        });
    }

    public void savePolicy() {
        try {
            List<Policy.Level> levels = new ArrayList<>();
            levels.add(AlertSettings.level("0s", List.copyOf(firstLevel.getValue()), 0));
            if (!secondLevel.getValue().isEmpty()) {
                levels.add(
                        AlertSettings.level(
                                escalateAfter.getValue(), List.copyOf(secondLevel.getValue()), 1));
            }
            Policy policy =
                    desk.savePolicy(
                            actor, project, policyName.getValue(), groupWait.getValue(), levels);
            status.setText("Saved the policy " + policy.name() + ": " + levels(policy) + ".");
            refresh();
        } catch (IllegalArgumentException | AccessDeniedException e) {
            status.setText(e.getMessage());
        }
    }

    /** New choices for a picker, keeping what was chosen (the page refreshes every 5 s). */
    private static void choices(MultiSelectComboBox<String> picker, List<String> names) {
        java.util.Set<String> chosen = new java.util.HashSet<>(picker.getValue());
        chosen.retainAll(names);
        picker.setItems(names);
        picker.setValue(chosen);
    }

    /** "at once: ops-hook, ops-mail; after 15m: oncall". */
    static String levels(Policy policy) {
        return policy.levels().stream()
                .map(
                        l ->
                                (l.after().isZero()
                                                ? "at once"
                                                : "after " + Durations.format(l.after()))
                                        + ": "
                                        + String.join(", ", l.channels()))
                .collect(Collectors.joining("; "));
    }

    private static String when(Instant at) {
        return at == null ? "" : WHEN.format(at);
    }
}
