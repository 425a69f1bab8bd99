package io.streamlytics.console.segments.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.access.domain.Project;
import io.streamlytics.console.access.service.ProjectAccess;
import io.streamlytics.console.base.ui.ChartOptions;
import io.streamlytics.console.base.ui.EChart;
import io.streamlytics.console.base.ui.MainLayout;
import io.streamlytics.console.base.ui.ProjectParameter;
import io.streamlytics.console.insights.service.EventCatalog;
import io.streamlytics.console.segments.domain.Segment;
import io.streamlytics.console.segments.domain.SegmentSize;
import io.streamlytics.console.segments.service.SegmentDesk;
import io.streamlytics.query.InvalidQueryException;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.security.access.AccessDeniedException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Segments: the project's segments with their sizes; a builder of nested AND/OR conditions that
 * makes a dynamic segment; a chosen segment's size over time and its first members.
 */
@Route(value = "segments", layout = MainLayout.class)
@PageTitle("Segments · Streamlytics")
@PermitAll
public class SegmentsView extends Main implements BeforeEnterObserver {
    static final int MEMBERS = 100;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final SegmentDesk segments;
    private final EventCatalog catalog;
    private final Actor actor;
    private final List<Project> visible;
    private final Grid<Segment> list = new Grid<>();
    final TextField name = new TextField("Name");
    final Select<Integer> refresh = new Select<>();
    private final VerticalLayout builderArea = new VerticalLayout();
    private ConditionGroup builder;
    private final Button save = new Button("Save segment", e -> save());
    private final Button update = new Button("Save changes", e -> update());
    private final Button startNew = new Button("New segment", e -> startNew());
    private final H3 formTitle = new H3("New segment");

    /** The saved dynamic segment in the builder, changed in place by Save changes; or null. */
    private Segment editing;

    private final Span status = new Span();
    private final H3 chosen = new H3();
    private final EChart sizes = new EChart("220px");
    private final Grid<String> members = new Grid<>();
    private Long project;
    private List<String> events = List.of();

    public SegmentsView(SegmentDesk segments, EventCatalog catalog, ProjectAccess access) {
        this.segments = segments;
        this.catalog = catalog;
        this.actor = access.current();
        this.visible = access.projects(actor);
        setId("segments");
        getStyle().set("padding", "var(--lumo-space-l)").set("box-sizing", "border-box");
        list.setId("segment-list");
        list.setAllRowsVisible(true);
        list.addThemeVariants(GridVariant.LUMO_COMPACT);
        list.addColumn(Segment::name).setHeader("Segment").setFlexGrow(1);
        list.addColumn(Segment::kind).setHeader("Kind").setAutoWidth(true);
        list.addColumn(s -> s.size() == null ? "" : String.format(Locale.ROOT, "%,d", s.size()))
                .setHeader("People")
                .setAutoWidth(true);
        list.addColumn(s -> s.refreshedAt() == null ? "" : WHEN.format(s.refreshedAt()))
                .setHeader("Worked out (UTC)")
                .setAutoWidth(true);
        list.addSelectionListener(e -> e.getFirstSelectedItem().ifPresent(this::show));
        name.setId("segment-name");
        refresh.setId("segment-refresh");
        refresh.setLabel("Work it out again every");
        refresh.setItems(15, 60, 360, 1440);
        refresh.setItemLabelGenerator(
                m -> m < 60 ? m + " minutes" : m == 60 ? "hour" : m / 60 + " hours");
        refresh.setValue(60);
        save.setId("save-segment");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        update.setId("update-segment");
        update.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        update.setVisible(false);
        startNew.setId("new-segment");
        startNew.setVisible(false);
        formTitle.setId("segment-form-title");
        status.setId("status");
        builderArea.setPadding(false);
        builderArea.setId("segment-builder");
        sizes.setId("segment-sizes");
        members.setId("segment-members");
        members.addColumn(m -> m).setHeader("Person");
        members.setHeight("16em");
        HorizontalLayout head = new HorizontalLayout(name, refresh);
        head.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(
                new H2("Segments"),
                list,
                formTitle,
                head,
                builderArea,
                new HorizontalLayout(update, save, startNew),
                status,
                chosen,
                sizes,
                members);
        sizes.setVisible(false);
        members.setVisible(false);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        open(ProjectParameter.of(event.getLocation(), visible).orElse(null));
    }

    public void open(Long projectId) {
        project = projectId;
        if (project == null) {
            status.setText(ProjectParameter.NONE_YET);
            save.setEnabled(false);
            return;
        }
        try {
            List<Segment> all = segments.list(actor, project);
            list.setItems(all);
            events = new ArrayList<>(catalog.eventNames(actor, project));
            newBuilder(null);
            save.setEnabled(actor.role().canEdit());
            if (all.isEmpty()) {
                status.setText(
                        "No segment yet: say who belongs (for example, did purchase at least 3"
                                + " times in the last 30 days), name it and save.");
            }
        } catch (AccessDeniedException e) {
            status.setText(e.getMessage());
            save.setEnabled(false);
        }
    }

    /** A new builder, empty (one condition) or holding {@code match}. */
    ConditionGroup newBuilder(JsonNode match) {
        builderArea.removeAll();
        builder = new ConditionGroup(events, 0, null);
        if (match == null) {
            builder.addCondition();
        } else {
            builder.fill(match);
        }
        builderArea.add(builder);
        return builder;
    }

    ConditionGroup builder() {
        return builder;
    }

    /** The builder's definition: {@code {"version": 1, "match": {...}}}. */
    String definition() {
        ObjectNode definition = JSON.createObjectNode().put("version", 1);
        definition.set("match", builder.toJson());
        return definition.toString();
    }

    public void save() {
        write(
                "Saved",
                () ->
                        segments.create(
                                actor, project, name.getValue(), definition(), refresh.getValue()));
    }

    /** Changes the segment in the builder in place; it is worked out again at once. */
    public void update() {
        write(
                "Changed",
                () ->
                        segments.update(
                                actor,
                                project,
                                editing.id(),
                                name.getValue(),
                                definition(),
                                refresh.getValue()));
    }

    /** Saves the builder's segment by {@code write}; the list, the segment and its size after. */
    private void write(String done, Supplier<Segment> write) {
        try {
            Segment segment = write.get();
            list.setItems(segments.list(actor, project));
            show(segment);
            status.setText(
                    done
                            + " "
                            + segment.name()
                            + ": "
                            + String.format(
                                    Locale.ROOT, "%,d", segment.size() == null ? 0 : segment.size())
                            + " people now.");
        } catch (InvalidQueryException e) {
            status.setText("The segment is not valid: " + String.join("; ", e.problems()));
        } catch (IllegalArgumentException | AccessDeniedException e) {
            status.setText(e.getMessage());
        }
    }

    /** An empty builder for a new segment; the list's choice is let go. */
    void startNew() {
        editing = null;
        list.deselectAll();
        newBuilder(null);
        name.clear();
        refresh.setValue(60);
        formTitle.setText("New segment");
        save.setText("Save segment");
        update.setVisible(false);
        startNew.setVisible(false);
    }

    /**
     * The segment's size over time and its first members; a dynamic one's definition in the
     * builder, to change in place or save as a new segment.
     */
    void show(Segment segment) {
        chosen.setText(segment.name());
        List<SegmentSize> history = segments.sizes(actor, project, segment.id());
        List<String> when = new ArrayList<>();
        List<Long> people = new ArrayList<>();
        for (SegmentSize size : history) {
            when.add(WHEN.format(size.refreshedAt()));
            people.add(size.size());
        }
        sizes.setOption(ChartOptions.lines(when, Map.of("people", people)));
        sizes.setVisible(true);
        members.setItems(segments.members(actor, project, segment.id(), 0, MEMBERS));
        members.setVisible(true);
        if (segment.kind().equals(Segment.DYNAMIC) && segment.definition() != null) {
            editing = segment;
            newBuilder(JSON.readTree(segment.definition()).path("match"));
            name.setValue(segment.name());
            if (!refresh.getListDataView().contains(segment.refreshMinutes())) {
                refresh.getListDataView().addItem(segment.refreshMinutes());
            }
            refresh.setValue(segment.refreshMinutes());
            formTitle.setText("Edit " + segment.name());
            save.setText("Save as new segment");
            update.setVisible(true);
            update.setEnabled(actor.role().canEdit());
            startNew.setVisible(true);
        }
    }
}
