package dev.furlong.config;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The schedule file ({@code conf/schedule.conf}): each scheduled run's name, cron expression and furlong command, in one time
 * zone. A run is due when one of its times has passed since it last succeeded, or it never did.
 */
public record Schedule(ZoneId zone, List<Entry> entries) {

    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    public Schedule {
        entries = List.copyOf(entries);
    }

    /**
     * One scheduled run.
     *
     * @param name    its name in the schedule file
     * @param cron    five fields: minute hour day-of-month month day-of-week
     * @param command the furlong command line it runs, e.g. {@code sync --scope live}
     */
    public record Entry(String name, String cron, String command) {

        public Entry {
            if (!name.matches("[a-z][a-z0-9_-]*")) {
                throw new InvalidSettingException("schedule: a run's name is lower-case letters, digits, - and _; got '" + name + "'");
            }
            try {
                CRON.parse(cron).validate();
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException("schedule: run '" + name + "' has a bad cron expression '" + cron + "': "
                        + e.getMessage());
            }
            if (command.isBlank()) {
                throw new InvalidSettingException("schedule: run '" + name + "' names no command");
            }
        }

        /** The command line, word by word. */
        public List<String> arguments() {
            return Arrays.asList(command.strip().split("\\s+"));
        }

        /** The furlong command: {@code sync}, {@code stats}... */
        public String furlongCommand() {
            return arguments().get(0);
        }

        /** What the run records itself under beside its command: the value of {@code --scope} or {@code --profile}. */
        public Optional<String> scope() {
            List<String> args = arguments();
            for (int i = 1; i + 1 < args.size(); i++) {
                if (args.get(i).equals("--scope") || args.get(i).equals("--profile")) {
                    return Optional.of(args.get(i + 1));
                }
            }
            return Optional.empty();
        }

        private ExecutionTime times() {
            return ExecutionTime.forCron(CRON.parse(cron));
        }

        /** The latest of its times at or before {@code t}. */
        public Optional<ZonedDateTime> lastTimeAtOrBefore(ZonedDateTime t) {
            return times().lastExecution(t.plusSeconds(1));
        }

        /** The first of its times after {@code t}. */
        public Optional<ZonedDateTime> nextTimeAfter(ZonedDateTime t) {
            return times().nextExecution(t);
        }

        /** Due at {@code now}: it never succeeded, or one of its times came after the start of its last success. */
        public boolean dueAt(ZonedDateTime now, Instant lastSucceeded) {
            return lastSucceeded == null || lastTimeAtOrBefore(now).map(t -> t.toInstant().isAfter(lastSucceeded)).orElse(false);
        }
    }

    /** Reads {@code furlong.schedule} (zone and runs); every cron expression is checked here. */
    public static Schedule from(Config furlong) {
        try {
            Config s = furlong.getConfig("schedule");
            ZoneId zone;
            try {
                zone = ZoneId.of(s.getString("zone"));
            } catch (DateTimeException e) {
                throw new InvalidSettingException("schedule: unknown time zone '" + s.getString("zone") + "'");
            }
            Config runs = s.getConfig("runs");
            List<Entry> entries = new ArrayList<>();
            for (String name : runs.root().keySet().stream().sorted().toList()) {
                Config run = runs.getConfig(name);
                entries.add(new Entry(name, run.getString("cron"), run.getString("command")));
            }
            return new Schedule(zone, entries);
        } catch (ConfigException e) {
            throw new InvalidSettingException("schedule: " + e.getMessage());
        }
    }

    /**
     * The runs of {@code command} due at {@code now}.
     *
     * @param lastSucceeded the start of the last successful run of the command, by the scope it recorded
     */
    public List<Entry> due(String command, ZonedDateTime now, Map<String, Instant> lastSucceeded) {
        return entries.stream()
                .filter(e -> e.furlongCommand().equals(command))
                .filter(e -> e.dueAt(now.withZoneSameInstant(zone), lastSucceeded.get(e.scope().orElse(""))))
                .toList();
    }
}
