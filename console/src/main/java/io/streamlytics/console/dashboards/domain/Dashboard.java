package io.streamlytics.console.dashboards.domain;

/** A dashboard's settings: who owns it, how it is shared, how often its widgets refresh. */
public record Dashboard(
        long id, long projectId, String name, long ownerId, Sharing sharing, int refreshSeconds) {

    /** Who sees a dashboard besides its owner and the people added to it. */
    public enum Sharing {
        /** Nobody else. */
        PRIVATE,
        /** Everyone who may open the project. */
        PROJECT,
        /** Also anyone with its public link, read-only. */
        PUBLIC
    }
}
