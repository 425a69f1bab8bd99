package io.streamlytics.console.dashboards.domain;

/**
 * A place on a dashboard: a saved insight (its analysis, query and chart as saved) or a live
 * counter ({@code insightId} null).
 */
public record Widget(
        long id,
        int position,
        Long insightId,
        String title,
        String analysis,
        String query,
        String chart,
        int width) {

    public boolean live() {
        return insightId == null;
    }
}
