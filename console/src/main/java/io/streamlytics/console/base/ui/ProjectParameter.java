package io.streamlytics.console.base.ui;

import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.QueryParameters;
import io.streamlytics.console.access.domain.Project;
import java.util.List;
import java.util.Optional;

/**
 * The project a workspace page shows lives in its URL ({@code ?project=7}), so a link reproduces
 * the page. Without one, the first project the person may open.
 */
public final class ProjectParameter {
    public static final String NAME = "project";

    /** What a workspace page says to someone who may open no project. */
    public static final String NONE_YET =
            "You have no project to look at yet: ask an admin to add you to one.";

    private ProjectParameter() {}

    /**
     * The project the URL names, among {@code visible}; the first visible one when the URL names
     * none. A project the URL names but the person may not open is returned as named, so the
     * service refuses it with a sentence instead of the page quietly showing another project.
     */
    public static Optional<Long> of(Location location, List<Project> visible) {
        List<String> named = location.getQueryParameters().getParameters().get(NAME);
        if (named != null && !named.isEmpty()) {
            try {
                return Optional.of(Long.parseLong(named.get(0)));
            } catch (NumberFormatException e) {
                // a mangled link: fall back to the default project
            }
        }
        return visible.stream().findFirst().map(Project::id);
    }

    public static QueryParameters query(long projectId) {
        return QueryParameters.of(NAME, Long.toString(projectId));
    }
}
