package io.streamlytics.console.alerts.service;

import io.streamlytics.console.alerts.domain.Channel;
import io.streamlytics.console.alerts.domain.ChannelKind;
import io.streamlytics.console.alerts.domain.MaintenanceWindow;
import io.streamlytics.console.alerts.domain.Policy;
import io.streamlytics.console.alerts.domain.Silence;
import io.streamlytics.console.base.delivery.Addresses;
import io.streamlytics.core.config.PlatformConfig;
import io.streamlytics.core.text.Durations;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * The project's alert settings, checked before they are stored: each refusal is an {@link
 * IllegalArgumentException} whose message names the field and what it takes.
 */
@Service
public class AlertSettings {
    private static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,62}$");
    private static final Duration LONGEST_GROUP_WAIT = Duration.ofMinutes(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SettingsRepository settings;
    private final PlatformConfig.Smtp smtp;
    private final Clock clock;

    AlertSettings(SettingsRepository settings, PlatformConfig config, Clock clock) {
        this.settings = settings;
        this.smtp = config.alerts().smtp();
        this.clock = clock;
    }

    /**
     * A new channel; a webhook without a secret gets a generated one (returned here, once, for the
     * receiver to check signatures with).
     */
    public Channel createChannel(
            long project, String name, String kind, String target, String secret) {
        name(name, "name");
        ChannelKind channelKind;
        try {
            channelKind = ChannelKind.of(text(kind, "kind"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("kind: webhook, slack or email, not " + kind);
        }
        String checked = text(target, channelKind == ChannelKind.EMAIL ? "emails" : "url");
        if (channelKind == ChannelKind.EMAIL) {
            if (!smtp.configured()) {
                throw new IllegalArgumentException(
                        "email: the platform has no SMTP server; set ANALYTICS_SMTP_HOST (and"
                                + " ANALYTICS_SMTP_PORT, _USER, _PASSWORD, _FROM) for the console");
            }
            checked = emails(checked);
        } else {
            url(checked);
        }
        String key = "";
        if (channelKind == ChannelKind.WEBHOOK) {
            key = secret == null || secret.isBlank() ? generatedSecret() : secret;
            if (key.length() < 16) {
                throw new IllegalArgumentException("secret: at least 16 characters");
            }
        }
        Channel channel = new Channel(0, project, name, channelKind, checked, key);
        long id = settings.insertChannel(channel);
        return new Channel(id, project, name, channelKind, checked, key);
    }

    public List<Channel> channels(long project) {
        return settings.channels(project);
    }

    public boolean deleteChannel(long project, String name) {
        return settings.deleteChannel(project, name);
    }

    /**
     * Creates or replaces a policy. {@code levels} are (after, channel names) in order: the first
     * is told when an alert fires, each next one {@code after} that unless someone acknowledged.
     */
    public Policy savePolicy(
            long project,
            String name,
            String groupBy,
            String groupWait,
            List<Policy.Level> levels) {
        name(name, "name");
        Policy.GroupBy grouping;
        try {
            grouping =
                    Policy.GroupBy.valueOf(
                            (groupBy == null ? "rule" : groupBy).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "group_by: rule (one message for a rule's alerts) or key (one per rule and"
                            + " key), not "
                            + groupBy);
        }
        Duration wait =
                groupWait == null ? Duration.ofSeconds(1) : duration(groupWait, "group_wait");
        if (wait.compareTo(LONGEST_GROUP_WAIT) > 0) {
            throw new IllegalArgumentException("group_wait: at most 10m");
        }
        if (levels == null || levels.isEmpty() || levels.size() > 10) {
            throw new IllegalArgumentException("levels: one to ten levels of channels");
        }
        Set<String> known =
                settings.channels(project).stream().map(Channel::name).collect(Collectors.toSet());
        Duration previous = Duration.ZERO;
        for (int i = 0; i < levels.size(); i++) {
            Policy.Level level = levels.get(i);
            if (i == 0 && !level.after().isZero()) {
                throw new IllegalArgumentException(
                        "levels.0.after: the first level is told when the alert fires: 0s");
            }
            if (i > 0 && level.after().compareTo(previous) <= 0) {
                throw new IllegalArgumentException(
                        "levels."
                                + i
                                + ".after: later than the level before ("
                                + Durations.format(previous)
                                + ")");
            }
            if (level.channels().isEmpty()) {
                throw new IllegalArgumentException("levels." + i + ".channels: at least one");
            }
            for (String channel : level.channels()) {
                if (!known.contains(channel)) {
                    throw new IllegalArgumentException(
                            "levels."
                                    + i
                                    + ".channels: no channel named "
                                    + channel
                                    + " in this project");
                }
            }
            previous = level.after();
        }
        Policy policy = new Policy(project, name, grouping, wait, List.copyOf(levels));
        settings.savePolicy(policy);
        return policy;
    }

    public List<Policy> policies(long project) {
        return settings.policies(project);
    }

    public boolean deletePolicy(long project, String name) {
        return settings.deletePolicy(project, name);
    }

    /** A silence from {@code startsAt} (null: now) until {@code endsAt} or for {@code duration}. */
    public Silence createSilence(
            long project,
            String ruleId,
            String key,
            String startsAt,
            String endsAt,
            String duration,
            String comment) {
        Instant start = startsAt == null ? clock.instant() : instant(startsAt, "starts_at");
        Instant end;
        if (endsAt != null) {
            end = instant(endsAt, "ends_at");
        } else if (duration != null) {
            end = start.plus(duration(duration, "duration"));
        } else {
            throw new IllegalArgumentException("ends_at or duration: how long the silence lasts");
        }
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("ends_at: after starts_at");
        }
        if (ruleId != null) {
            name(ruleId, "rule_id");
        }
        Silence silence =
                new Silence(0, project, ruleId, key, start, end, comment == null ? "" : comment);
        long id = settings.insertSilence(silence);
        return new Silence(id, project, ruleId, key, start, end, silence.comment());
    }

    public List<Silence> silences(long project) {
        return settings.silences(project, clock.instant());
    }

    public boolean endSilence(long project, long id) {
        return settings.endSilence(project, id, clock.instant());
    }

    /** A weekly maintenance window: {@code days} like mon, sat; {@code start} HH:MM local time. */
    public MaintenanceWindow createWindow(
            long project,
            String name,
            String ruleId,
            List<String> days,
            String start,
            String duration,
            String timezone) {
        String label = text(name, "name");
        if (ruleId != null) {
            name(ruleId, "rule_id");
        }
        if (days == null || days.isEmpty()) {
            throw new IllegalArgumentException(
                    "days: at least one of mon, tue, wed, thu, fri, sat, sun");
        }
        Set<DayOfWeek> weekDays = EnumSet.noneOf(DayOfWeek.class);
        for (String day : days) {
            weekDays.add(day(day));
        }
        LocalTime starts;
        try {
            starts = LocalTime.parse(text(start, "start"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("start: a local time like 02:00, not " + start);
        }
        Duration length = duration(duration, "duration");
        if (length.toMinutes() < 1 || length.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("duration: between 1m and 7d");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(text(timezone, "timezone"));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    "timezone: an IANA zone like Europe/Paris, not " + timezone);
        }
        MaintenanceWindow window =
                new MaintenanceWindow(0, project, label, ruleId, weekDays, starts, length, zone);
        long id = settings.insertWindow(window);
        return new MaintenanceWindow(id, project, label, ruleId, weekDays, starts, length, zone);
    }

    public List<MaintenanceWindow> windows(long project) {
        return settings.windows(project);
    }

    public boolean deleteWindow(long project, long id) {
        return settings.deleteWindow(project, id);
    }

    /** A level as the API writes it: {@code after} a duration ("0s", "10m"), channel names. */
    public static Policy.Level level(String after, List<String> channels, int index) {
        return new Policy.Level(
                after == null ? Duration.ZERO : duration(after, "levels." + index + ".after"),
                channels == null ? List.of() : List.copyOf(channels));
    }

    private static DayOfWeek day(String day) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().substring(0, 3).equalsIgnoreCase(day == null ? "" : day.strip())) {
                return d;
            }
        }
        throw new IllegalArgumentException("days: mon, tue, wed, thu, fri, sat or sun, not " + day);
    }

    private static Duration duration(String text, String field) {
        try {
            return Durations.parseOrZero(text == null ? null : text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    field + ": a duration like 30s, 10m, 2h or 1d, not " + text);
        }
    }

    private static Instant instant(String text, String field) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    field + ": an ISO-8601 instant like 2026-11-29T02:00:00Z, not " + text);
        }
    }

    private static void name(String name, String field) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    field + ": lowercase letters, digits, - and _ (at most 63), not " + name);
        }
    }

    private static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": required");
        }
        return value.strip();
    }

    private static void url(String url) {
        Addresses.httpUrl(url, "url: ");
    }

    private static String emails(String list) {
        List<String> addresses = Addresses.emails(list, "emails: ");
        if (addresses.isEmpty() || addresses.size() > 50) {
            throw new IllegalArgumentException("emails: one to fifty addresses");
        }
        return String.join(",", addresses);
    }

    private static String generatedSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return "whsec_" + HexFormat.of().formatHex(bytes);
    }
}
