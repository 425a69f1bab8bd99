package io.streamlytics.console.insights.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.QueryParameters;
import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.access.domain.Project;
import io.streamlytics.console.access.service.ProjectAccess;
import io.streamlytics.console.base.ui.ProjectParameter;
import io.streamlytics.console.insights.service.EventCatalog;
import io.streamlytics.console.insights.service.InsightQueries;
import io.streamlytics.console.insights.service.InsightStore;
import io.streamlytics.query.InvalidQueryException;
import io.streamlytics.query.QueryLimitException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the insight builders share: the project and its event names, running the query with errors
 * told as sentences, keeping the query in the URL ({@code ?project=…&q=…}) and saving it by name.
 */
public abstract class BuilderView extends Main implements BeforeEnterObserver {
    /** The URL parameter holding a builder's query (LinkedQuery). */
    public static final String QUERY = "q";

    private static final Logger LOG = LoggerFactory.getLogger(BuilderView.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String route;
    private final String analysis;
    private final InsightQueries queries;
    private final InsightStore store;
    private final EventCatalog catalog;
    private final List<Project> visible;
    protected final Actor actor;
    protected final Span status = new Span();
    protected final TextField name = new TextField("Name");
    protected Long project;
    protected List<String> eventNames = List.of("*");

    /**
     * @param route the page's path ({@code insights/trends})
     * @param analysis the analysis it runs, as InsightQueries names it ({@code trends})
     */
    protected BuilderView(
            String route,
            String analysis,
            InsightQueries queries,
            InsightStore store,
            EventCatalog catalog,
            ProjectAccess access) {
        this.route = route;
        this.analysis = analysis;
        this.queries = queries;
        this.store = store;
        this.catalog = catalog;
        this.actor = access.current();
        this.visible = access.projects(actor);
        setId(analysis);
        getStyle().set("padding", "var(--lumo-space-l)").set("box-sizing", "border-box");
        status.setId("status");
        name.setId("insight-name");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> parameters =
                event.getLocation().getQueryParameters().getParameters();
        List<String> query = parameters.get(QUERY);
        enter(
                ProjectParameter.of(event.getLocation(), visible).orElse(null),
                query == null || query.isEmpty() ? null : query.get(0),
                parameters);
    }

    /** Opens the builder for {@code projectId} with the link's query (null: a new one). */
    protected abstract void enter(
            Long projectId, String query, Map<String, List<String>> parameters);

    /**
     * Chooses the project and reads its event names for the pickers; false, having said why, when
     * there is nothing to show.
     */
    protected boolean useProject(Long projectId) {
        project = projectId;
        if (project == null) {
            status.setText(ProjectParameter.NONE_YET);
            return false;
        }
        List<String> names = new ArrayList<>(List.of("*"));
        try {
            names.addAll(catalog.eventNames(actor, project));
        } catch (AccessDeniedException e) {
            status.setText(e.getMessage());
            return false;
        } catch (RuntimeException e) {
            // the pickers still take typed names
            LOG.warn("event names of project {}: {}", project, e.toString());
        }
        eventNames = names;
        return true;
    }

    /** Run, the insight's name and Save, in a row. */
    protected HorizontalLayout actions(Runnable run, Runnable save) {
        Button runs = new Button("Run", e -> run.run());
        runs.setId("run");
        runs.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button saves = new Button("Save insight", e -> save.run());
        saves.setId("save");
        HorizontalLayout actions = new HorizontalLayout(runs, name, saves);
        actions.setAlignItems(FlexComponent.Alignment.BASELINE);
        return actions;
    }

    /**
     * Keeps {@code parameter} (and {@code more}) in the browser's URL without a reload, then runs
     * the query; its result, or empty after saying why not.
     */
    protected Optional<JsonNode> ask(String query, String parameter, Map<String, String> more) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(ProjectParameter.NAME, Long.toString(project));
        parameters.put(QUERY, parameter);
        parameters.putAll(more);
        getUI().ifPresent(
                        ui ->
                                ui.getPage()
                                        .getHistory()
                                        .replaceState(
                                                null,
                                                new Location(
                                                        route,
                                                        QueryParameters.simple(parameters))));
        try {
            return Optional.of(
                    JSON.readTree(queries.run(actor, project, analysis, query)).path("result"));
        } catch (InvalidQueryException e) {
            status.setText("This query cannot run: " + String.join("; ", e.problems()));
        } catch (QueryLimitException | AccessDeniedException e) {
            status.setText(e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("{} of project {} failed: {}", analysis, project, e.toString());
            status.setText("ClickHouse could not answer just now; run it again in a moment.");
        }
        return Optional.empty();
    }

    /** Saves the query under the name field's value; says so, or why not. */
    protected void saveAs(String query, String chart) {
        if (project == null) {
            return;
        }
        try {
            store.save(actor, project, name.getValue(), analysis, query, chart);
            status.setText("");
            Notification.show("Saved " + name.getValue().strip() + ".");
        } catch (InvalidQueryException e) {
            status.setText("Not saved, this query cannot run: " + String.join("; ", e.problems()));
        } catch (IllegalArgumentException | AccessDeniedException e) {
            status.setText("Not saved: " + e.getMessage());
        }
    }

    /** A picker of the project's event names that also takes a typed one. */
    protected ComboBox<String> eventPicker(String label, String value) {
        ComboBox<String> picker = new ComboBox<>(label);
        picker.setItems(eventNames);
        picker.setAllowCustomValue(true);
        picker.addCustomValueSetListener(e -> picker.setValue(e.getDetail()));
        picker.setItemLabelGenerator(n -> n.equals("*") ? "* (any event)" : n);
        picker.setValue(value == null || value.isEmpty() ? null : value);
        return picker;
    }

    public static Select<String> select(String label, List<String> items, String id) {
        Select<String> select = new Select<>();
        select.setLabel(label);
        select.setItems(items);
        select.setValue(items.get(0));
        if (id != null) {
            select.setId(id);
        }
        return select;
    }
}
