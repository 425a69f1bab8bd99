package io.streamlytics.console.reports.domain;

import java.util.List;

/** One part of a report as a table of text cells: what the CSV, the PDF and the webhook carry. */
public record ReportTable(String title, List<String> columns, List<List<String>> rows) {}
