package io.streamlytics.console.reports.ui;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.TextField;
import io.streamlytics.console.insights.domain.SavedInsight;
import io.streamlytics.console.reports.domain.Preset;
import io.streamlytics.console.reports.domain.Report;
import io.streamlytics.console.reports.domain.ReportDraft;
import io.streamlytics.console.reports.domain.ReportFormat;
import io.streamlytics.console.reports.domain.ReportItem;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A report's fields: what it holds, when it goes out, where, and as what. */
class ReportForm extends FormLayout {
    static final String DEFAULT_CRON = "0 9 * * MON";

    final TextField name = new TextField("Name");
    final CheckboxGroup<Preset> presets = new CheckboxGroup<>("Presets");
    final MultiSelectComboBox<SavedInsight> insights = new MultiSelectComboBox<>("Saved insights");
    final TextField cron = new TextField("Schedule (cron)");
    final ComboBox<String> timezone = new ComboBox<>("Timezone");
    final TextField emails = new TextField("Email to");
    final TextField webhook = new TextField("Webhook URL");
    final CheckboxGroup<ReportFormat> formats = new CheckboxGroup<>("Attachments");
    final Checkbox enabled = new Checkbox("Send on schedule");

    ReportForm() {
        setId("report-form");
        name.setId("report-name");
        name.setRequired(true);
        presets.setId("report-presets");
        presets.setItems(Preset.values());
        presets.setItemLabelGenerator(Preset::title);
        insights.setId("report-insights");
        insights.setItemLabelGenerator(SavedInsight::name);
        cron.setId("report-cron");
        cron.setHelperText(
                "minute hour day month weekday, in the timezone: 0 9 * * MON is Mondays at 9:00");
        timezone.setId("report-timezone");
        timezone.setItems(ZoneId.getAvailableZoneIds().stream().sorted().toList());
        emails.setId("report-emails");
        emails.setHelperText("addresses separated by commas");
        webhook.setId("report-webhook");
        webhook.setHelperText("receives the tables and files as signed JSON");
        formats.setId("report-formats");
        formats.setItems(ReportFormat.values());
        formats.setItemLabelGenerator(
                f -> f.name() + (f == ReportFormat.CSV ? " (one per part)" : ""));
        enabled.setId("report-enabled");
        add(name, presets, insights, cron, timezone, emails, webhook, formats, enabled);
        setColspan(presets, 2);
        setColspan(insights, 2);
    }

    /** A new report's fields: weekly on Mondays at 9 in the project's timezone, CSV and PDF. */
    void clear(List<SavedInsight> saved, ZoneId zone) {
        insights.setItems(saved);
        name.clear();
        presets.clear();
        insights.clear();
        cron.setValue(DEFAULT_CRON);
        timezone.setValue(zone.getId());
        emails.clear();
        webhook.clear();
        formats.setValue(EnumSet.allOf(ReportFormat.class));
        enabled.setValue(true);
    }

    void fill(Report report, List<SavedInsight> saved) {
        insights.setItems(saved);
        Map<Long, SavedInsight> byId =
                saved.stream().collect(Collectors.toMap(SavedInsight::id, Function.identity()));
        name.setValue(report.name());
        presets.setValue(
                report.items().stream()
                        .map(ReportItem::preset)
                        .filter(p -> p != null)
                        .map(p -> Preset.of(p).orElse(null))
                        .filter(p -> p != null)
                        .collect(Collectors.toCollection(LinkedHashSet::new)));
        insights.setValue(
                report.items().stream()
                        .filter(i -> i.preset() == null)
                        .map(i -> byId.get(i.insightId()))
                        .filter(i -> i != null)
                        .collect(Collectors.toCollection(LinkedHashSet::new)));
        cron.setValue(report.schedule().cron());
        timezone.setValue(report.schedule().zone().getId());
        emails.setValue(String.join(", ", report.emails()));
        webhook.setValue(report.webhookUrl());
        formats.setValue(report.formats());
        enabled.setValue(report.enabled());
    }

    /** The fields as a draft: the presets in their usual order, then the saved insights. */
    ReportDraft draft() {
        List<ReportItem> items = new ArrayList<>();
        Set<Preset> chosen = presets.getValue();
        Arrays.stream(Preset.values())
                .filter(chosen::contains)
                .forEach(p -> items.add(ReportItem.preset(p)));
        insights.getValue().stream()
                .sorted(java.util.Comparator.comparing(SavedInsight::name))
                .forEach(i -> items.add(ReportItem.insight(i.id())));
        return new ReportDraft(
                name.getValue(),
                items,
                cron.getValue(),
                timezone.getValue(),
                emails.getValue(),
                webhook.getValue(),
                formats.getValue(),
                enabled.getValue());
    }
}
