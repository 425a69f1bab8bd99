package io.streamlytics.console.insights.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** Each project's timezone (days, weeks and months of an analysis are its local ones). */
@Service
public class ProjectTimezones {
    private final JdbcTemplate jdbc;
    private final Cache<Long, ZoneId> zones =
            Caffeine.newBuilder()
                    .maximumSize(10_000)
                    .expireAfterWrite(Duration.ofMinutes(1))
                    .build();

    public ProjectTimezones(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public ZoneId of(long projectId) {
        return zones.get(projectId, this::load);
    }

    private ZoneId load(long projectId) {
        List<String> names =
                jdbc.queryForList(
                        "SELECT timezone FROM projects WHERE id = ?", String.class, projectId);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("there is no project " + projectId);
        }
        return ZoneId.of(names.get(0));
    }
}
