package io.streamlytics.console.rules.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import io.streamlytics.console.ConsoleViewTest;
import io.streamlytics.console.rules.service.RuleDesk;
import io.streamlytics.core.postgres.RuleDefinitions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The rules page with Karibu on the console's services: checked as typed, saved, versioned. */
class RulesViewTest extends ConsoleViewTest {
    @Autowired private RuleDesk rules;

    @Test
    void aRuleIsCheckedAsItIsTypedThenSavedAsVersionsAndDisabled() {
        TestProject shop = newProject("Rules page");
        long analyst = signIn("rules-page@example.com", "analyst");
        access.addMember(shop.id(), analyst);
        RulesView view = new RulesView(rules, access);
        UI.getCurrent().add(view);
        view.open(shop.id());
        assertThat(status()).startsWith("No rule yet: edit the example and save it");
        assertThat(_find(ListItem.class)).as("the example is a valid rule").isEmpty();

        TextArea editor = _get(TextArea.class, spec -> spec.withId("rule-editor"));
        editor.setValue(RulesView.TEMPLATE.replace("within: 10m", "within: ten minutes"));
        assertThat(_find(ListItem.class))
                .extracting(ListItem::getText)
                .singleElement()
                .asString()
                .startsWith("4:")
                .contains("within");
        assertThat(_get(Button.class, spec -> spec.withId("save-rule")).isEnabled()).isFalse();

        editor.setValue(RulesView.TEMPLATE);
        assertThat(_get(Button.class, spec -> spec.withId("save-rule")).isEnabled()).isTrue();
        view.save();
        assertThat(status())
                .isEqualTo("Saved signup-then-error v1: the rule jobs apply it within seconds.");
        editor.setValue(RulesView.TEMPLATE.replace("within: 10m", "within: 20m"));
        view.save();
        assertThat(status()).startsWith("Saved signup-then-error v2");
        @SuppressWarnings("unchecked")
        Grid<RuleDefinitions.Stored> list = _get(Grid.class, spec -> spec.withId("rule-list"));
        assertThat(list.getGenericDataView().getItems().map(r -> r.ruleId() + " v" + r.version()))
                .containsExactly("signup-then-error v2");

        _get(Button.class, spec -> spec.withId("disable-rule")).click();
        assertThat(status()).startsWith("Disabled signup-then-error");
        assertThat(list.getGenericDataView().getItems().map(RuleDefinitions.Stored::enabled))
                .containsExactly(false);

        signIn("rules-viewer@example.com", "viewer");
        access.addMember(shop.id(), access.current().userId());
        RulesView viewers = new RulesView(rules, access);
        UI.getCurrent().add(viewers);
        viewers.open(shop.id());
        assertThat(_get(viewers, TextArea.class, spec -> spec.withId("rule-editor")).isReadOnly())
                .isTrue();
        assertThat(_get(viewers, Button.class, spec -> spec.withId("save-rule")).isEnabled())
                .isFalse();
    }

    private static String status() {
        return _find(Span.class, spec -> spec.withId("status")).get(0).getText();
    }
}
