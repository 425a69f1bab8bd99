package io.streamlytics.console.admin.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
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
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.access.service.ProjectAccess;
import io.streamlytics.console.admin.domain.ProjectRow;
import io.streamlytics.console.admin.domain.WriteKey;
import io.streamlytics.console.admin.service.ProjectAdmin;
import io.streamlytics.console.base.ui.MainLayout;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import org.springframework.security.access.AccessDeniedException;

/**
 * Admins' projects: create one, set its timezone and IP policy, and manage its write keys (add,
 * rotate, revoke).
 */
@Route(value = "admin/projects", layout = MainLayout.class)
@PageTitle("Projects · Streamlytics")
@RolesAllowed("ADMIN")
public class ProjectsView extends Main {
    private final ProjectAdmin admin;
    private final Actor actor;
    private final Grid<ProjectRow> projects = new Grid<>();
    final TextField name = new TextField("New project");
    final ComboBox<String> timezone = new ComboBox<>("Timezone");
    private final H3 chosen = new H3();
    final Select<String> ipMode = new Select<>();
    final ComboBox<String> projectZone = new ComboBox<>("Its timezone");
    private final Grid<WriteKey> keys = new Grid<>();
    final TextField keyLabel = new TextField("Label of a new key");
    private final Span status = new Span();
    private final HorizontalLayout settings = new HorizontalLayout();
    private final HorizontalLayout keyForm = new HorizontalLayout();
    private ProjectRow project;

    public ProjectsView(ProjectAdmin admin, ProjectAccess access) {
        this.admin = admin;
        this.actor = access.current();
        setId("admin-projects");
        getStyle().set("padding", "var(--lumo-space-l)").set("box-sizing", "border-box");
        status.setId("status");
        projects.setId("project-list");
        projects.setAllRowsVisible(true);
        projects.addColumn(ProjectRow::id).setHeader("#").setAutoWidth(true);
        projects.addColumn(ProjectRow::name).setHeader("Project").setFlexGrow(1);
        projects.addColumn(ProjectRow::timezone).setHeader("Timezone").setAutoWidth(true);
        projects.addColumn(ProjectRow::ipMode).setHeader("IP addresses").setAutoWidth(true);
        projects.addColumn(ProjectRow::liveKeys).setHeader("Live keys").setAutoWidth(true);
        projects.addSelectionListener(e -> choose(e.getFirstSelectedItem().orElse(null)));
        name.setId("project-name");
        timezone.setId("project-timezone");
        timezone.setItems(ZoneId.getAvailableZoneIds().stream().sorted().toList());
        timezone.setValue("UTC");
        Button create = new Button("Create", e -> create());
        create.setId("create-project");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(name, timezone, create);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);

        ipMode.setId("project-ip-mode");
        ipMode.setLabel("IP addresses");
        ipMode.setItems("truncate", "keep", "drop");
        projectZone.setId("project-zone");
        projectZone.setItems(ZoneId.getAvailableZoneIds().stream().sorted().toList());
        Button saveSettings = new Button("Save settings", e -> saveSettings());
        saveSettings.setId("save-project-settings");
        settings.add(projectZone, ipMode, saveSettings);
        settings.setAlignItems(FlexComponent.Alignment.BASELINE);
        keys.setId("key-list");
        keys.setAllRowsVisible(true);
        keys.addThemeVariants(GridVariant.LUMO_COMPACT);
        keys.addColumn(WriteKey::key).setHeader("Write key").setFlexGrow(1);
        keys.addColumn(WriteKey::label).setHeader("Label").setAutoWidth(true);
        keys.addColumn(k -> k.live() ? "live" : "revoked " + k.revokedAt())
                .setHeader("State")
                .setAutoWidth(true);
        keys.addComponentColumn(this::keyActions).setHeader("").setAutoWidth(true);
        keyLabel.setId("key-label");
        Button addKey = new Button("Add key", e -> addKey());
        addKey.setId("add-key");
        keyForm.add(keyLabel, addKey);
        keyForm.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(new H2("Projects"), form, status, projects, chosen, settings, keys, keyForm);
        refresh();
        choose(null);
    }

    private void refresh() {
        try {
            projects.setItems(admin.projects(actor));
        } catch (AccessDeniedException e) {
            status.setText(e.getMessage());
        }
    }

    public void choose(ProjectRow row) {
        project = row;
        boolean any = row != null;
        chosen.setText(any ? row.name() + " (#" + row.id() + ")" : "Choose a project above");
        settings.setVisible(any);
        keys.setVisible(any);
        keyForm.setVisible(any);
        if (any) {
            projectZone.setValue(row.timezone());
            ipMode.setValue(row.ipMode());
            keys.setItems(admin.keys(actor, row.id()));
        }
    }

    public void create() {
        try {
            ProjectRow created = admin.create(actor, name.getValue(), timezone.getValue());
            name.clear();
            refresh();
            choose(created);
            status.setText(
                    "Created "
                            + created.name()
                            + " with a write key: give someone the analyst role on it in Admin ·"
                            + " Users.");
        } catch (IllegalArgumentException | AccessDeniedException e) {
            status.setText(e.getMessage());
        }
    }

    void saveSettings() {
        if (project == null) {
            return;
        }
        try {
            admin.settings(actor, project.id(), projectZone.getValue(), ipMode.getValue());
            status.setText(
                    "Saved: analyses use the new timezone within a minute; the collector applies"
                            + " the IP policy to events it receives from now on.");
            refresh();
        } catch (IllegalArgumentException | AccessDeniedException e) {
            status.setText(e.getMessage());
        }
    }

    public void addKey() {
        if (project == null) {
            return;
        }
        try {
            String key = admin.addKey(actor, project.id(), keyLabel.getValue());
            keyLabel.clear();
            status.setText("Added " + key + ".");
            keys.setItems(admin.keys(actor, project.id()));
            refresh();
        } catch (IllegalArgumentException | AccessDeniedException e) {
            status.setText(e.getMessage());
        }
    }

    private HorizontalLayout keyActions(WriteKey key) {
        if (!key.live()) {
            return new HorizontalLayout();
        }
        Button rotate = new Button("Rotate", e -> rotate(key));
        rotate.addClassName("rotate-key");
        Button revoke = new Button("Revoke", e -> revoke(key));
        revoke.addClassName("revoke-key");
        revoke.addThemeVariants(ButtonVariant.LUMO_ERROR);
        return new HorizontalLayout(rotate, revoke);
    }

    public void rotate(WriteKey key) {
        try {
            String fresh = admin.rotate(actor, project.id(), key.key());
            status.setText(
                    "New key "
                            + fresh
                            + ": revoke "
                            + key.key()
                            + " once your apps send with the new one.");
            keys.setItems(admin.keys(actor, project.id()));
            refresh();
        } catch (IllegalArgumentException | AccessDeniedException e) {
            status.setText(e.getMessage());
        }
    }

    public void revoke(WriteKey key) {
        try {
            admin.revoke(actor, project.id(), key.key());
            status.setText("Revoked " + key.key() + ": the collector refuses it from now on.");
            keys.setItems(admin.keys(actor, project.id()));
            refresh();
        } catch (IllegalArgumentException | AccessDeniedException e) {
            status.setText(e.getMessage());
        }
    }
}
