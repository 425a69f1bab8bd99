package io.streamlytics.console.alerts.service;

import io.streamlytics.console.alerts.domain.Alert;
import io.streamlytics.console.alerts.domain.MaintenanceWindow;
import io.streamlytics.console.alerts.domain.Silence;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The silences and maintenance windows of the projects one dispatch looks at, read once each. */
final class Suppressions {
    private final SettingsRepository settings;
    private final Instant now;
    private final Map<Long, List<Silence>> silences = new HashMap<>();
    private final Map<Long, List<MaintenanceWindow>> windows = new HashMap<>();

    Suppressions(SettingsRepository settings, Instant now) {
        this.settings = settings;
        this.now = now;
    }

    /** Until when the alert's notifications are held back; empty when they are not. */
    Optional<Instant> quietUntil(Alert alert) {
        Instant until = null;
        for (Silence s :
                silences.computeIfAbsent(alert.projectId(), p -> settings.silences(p, now))) {
            if (s.quiets(alert, now) && (until == null || s.endsAt().isAfter(until))) {
                until = s.endsAt();
            }
        }
        for (MaintenanceWindow w : windows.computeIfAbsent(alert.projectId(), settings::windows)) {
            Optional<Instant> end = w.activeUntil(alert, now);
            if (end.isPresent() && (until == null || end.get().isAfter(until))) {
                until = end.get();
            }
        }
        return Optional.ofNullable(until);
    }
}
