package io.streamlytics.console.base.ui;

import com.vaadin.flow.component.textfield.TextArea;

/** Text areas for code (SQL, YAML): monospace, the page's width, at least a few lines high. */
public final class CodeEditors {
    private CodeEditors() {}

    public static TextArea of(String label, String id, String minHeight) {
        TextArea editor = new TextArea(label);
        editor.setId(id);
        editor.setWidthFull();
        editor.setMinHeight(minHeight);
        editor.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)");
        return editor;
    }
}
