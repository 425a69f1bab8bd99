package io.streamlytics.console.dashboards.domain;

import java.util.List;

/** A dashboard as one person may see it: its widgets in order, and whether they may change it. */
public record DashboardPage(Dashboard dashboard, List<Widget> widgets, boolean canEdit) {}
