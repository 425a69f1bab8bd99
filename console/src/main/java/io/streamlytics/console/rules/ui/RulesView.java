package io.streamlytics.console.rules.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.streamlytics.ceprules.read.RuleProblem;
import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.access.domain.Project;
import io.streamlytics.console.access.service.ProjectAccess;
import io.streamlytics.console.base.ui.CodeEditors;
import io.streamlytics.console.base.ui.MainLayout;
import io.streamlytics.console.base.ui.ProjectParameter;
import io.streamlytics.console.rules.service.RuleDesk;
import io.streamlytics.core.postgres.RuleDefinitions;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;

/**
 * The project's CEP rules (docs/rules.md): the list, and a YAML editor that checks the rule as it
 * is typed, saves it as a new version, or disables it.
 */
@Route(value = "rules", layout = MainLayout.class)
@PageTitle("Rules · Streamlytics")
@PermitAll
public class RulesView extends Main implements BeforeEnterObserver {
    static final String TEMPLATE =
            """
            version: 1
            id: signup-then-error
            type: alert
            within: 10m
            steps:
              - {name: signup, event: signed_up}
              - {name: error, event: error}
            alert: {severity: warning}
            """;

    private final RuleDesk rules;
    private final Actor actor;
    private final List<Project> visible;
    private final Grid<RuleDefinitions.Stored> list = new Grid<>();
    final TextArea editor = CodeEditors.of("Rule (YAML)", "rule-editor", "18em");
    private final UnorderedList problems = new UnorderedList();
    private final Button save = new Button("Save", e -> save());
    private final Button disable = new Button("Disable", e -> disable());
    private final Span status = new Span();
    private Long project;
    private String ruleId;

    public RulesView(RuleDesk rules, ProjectAccess access) {
        this.rules = rules;
        this.actor = access.current();
        this.visible = access.projects(actor);
        setId("rules");
        getStyle().set("padding", "var(--lumo-space-l)").set("box-sizing", "border-box");
        list.setId("rule-list");
        list.setAllRowsVisible(true);
        list.addColumn(RuleDefinitions.Stored::ruleId).setHeader("Rule").setFlexGrow(1);
        list.addColumn(r -> "v" + r.version()).setHeader("Version").setAutoWidth(true);
        list.addColumn(r -> r.enabled() ? "enabled" : "disabled")
                .setHeader("State")
                .setAutoWidth(true);
        list.addSelectionListener(e -> e.getFirstSelectedItem().ifPresent(this::edit));
        Button create = new Button("New rule", e -> newRule());
        create.setId("new-rule");
        editor.setValueChangeMode(ValueChangeMode.LAZY);
        editor.setValueChangeTimeout(400);
        editor.addValueChangeListener(e -> check());
        problems.setId("rule-problems");
        save.setId("save-rule");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        disable.setId("disable-rule");
        disable.addThemeVariants(ButtonVariant.LUMO_ERROR);
        status.setId("status");
        VerticalLayout left = new VerticalLayout(create, list);
        left.setPadding(false);
        left.getStyle().set("flex", "1 1 0").set("min-width", "0");
        VerticalLayout right =
                new VerticalLayout(editor, problems, new HorizontalLayout(save, disable), status);
        right.setPadding(false);
        right.getStyle().set("flex", "2 1 0").set("min-width", "0");
        HorizontalLayout columns = new HorizontalLayout(left, right);
        columns.setWidthFull();
        add(new H2("Rules"), columns);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        open(ProjectParameter.of(event.getLocation(), visible).orElse(null));
    }

    public void open(Long projectId) {
        project = projectId;
        if (project == null) {
            status.setText(ProjectParameter.NONE_YET);
            setEditable(false);
            return;
        }
        try {
            List<RuleDefinitions.Stored> all = rules.rules(actor, project);
            list.setItems(all);
            newRule();
            setEditable(actor.role().canEdit());
            if (all.isEmpty()) {
                status.setText(
                        "No rule yet: edit the example and save it; the rule jobs start with it"
                                + " within seconds.");
            }
        } catch (AccessDeniedException e) {
            status.setText(e.getMessage());
            setEditable(false);
        }
    }

    private void setEditable(boolean canEdit) {
        editor.setReadOnly(!canEdit);
        save.setEnabled(canEdit);
        disable.setEnabled(canEdit && ruleId != null);
    }

    private void newRule() {
        ruleId = null;
        editor.setValue(TEMPLATE);
        disable.setEnabled(false);
        check();
    }

    private void edit(RuleDefinitions.Stored rule) {
        ruleId = rule.ruleId();
        editor.setValue(rule.definition());
        disable.setEnabled(actor.role().canEdit() && rule.enabled());
        status.setText(
                rule.ruleId() + " v" + rule.version() + (rule.enabled() ? "" : " (disabled)"));
        check();
    }

    /** Shows what is wrong with the YAML as it stands; nothing when it is a rule. */
    void check() {
        problems.removeAll();
        for (RuleProblem problem : rules.problems(editor.getValue())) {
            problems.add(new ListItem(problem.toString()));
        }
        save.setEnabled(
                actor.role().canEdit() && project != null && problems.getChildren().count() == 0);
    }

    public void save() {
        try {
            RuleDefinitions.Stored saved = rules.save(actor, project, editor.getValue());
            ruleId = saved.ruleId();
            list.setItems(rules.rules(actor, project));
            disable.setEnabled(true);
            status.setText(
                    "Saved "
                            + saved.ruleId()
                            + " v"
                            + saved.version()
                            + ": the rule jobs apply it within seconds.");
        } catch (IllegalArgumentException | AccessDeniedException e) {
            status.setText(e.getMessage());
        } catch (RuntimeException e) {
            status.setText("Not saved: " + e.getMessage());
        }
    }

    void disable() {
        if (ruleId == null) {
            return;
        }
        try {
            rules.disable(actor, project, ruleId);
            list.setItems(rules.rules(actor, project));
            disable.setEnabled(false);
            status.setText("Disabled " + ruleId + ": it no longer detects anything.");
        } catch (AccessDeniedException e) {
            status.setText(e.getMessage());
        }
    }
}
