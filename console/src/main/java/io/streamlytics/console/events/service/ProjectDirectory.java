package io.streamlytics.console.events.service;

import io.streamlytics.console.events.domain.Project;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** The projects in the metadata database. */
@Service
public class ProjectDirectory {
    private final JdbcTemplate jdbc;

    public ProjectDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Project> all() {
        return jdbc.query(
                "SELECT id, name FROM projects ORDER BY id",
                (row, i) -> new Project(row.getLong("id"), row.getString("name")));
    }
}
