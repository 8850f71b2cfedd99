package dev.furlong.cli;

import dev.furlong.config.Schedule;
import dev.furlong.config.SettingsLoader;
import dev.furlong.lake.RunHistory;
import dev.furlong.pipeline.RunContext;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "schedule", mixinStandardHelpOptions = true, description = {"The schedule (conf/schedule.conf): each run, when it "
        + "last succeeded and when it is due; or, with --crontab, the same as crontab lines."})
final class ScheduleCommand implements Callable<Integer> {

    /** The launcher sets this to itself, so crontab lines call it by its full path. */
    static final String LAUNCHER_VARIABLE = "FURLONG_LAUNCHER";

    @Mixin
    CommonOptions common;

    @Option(names = "--crontab", description = "Print the schedule as crontab lines (each run in the folder this command runs "
            + "in, its output appended to furlong-data/logs/<run>.log).")
    boolean crontab;

    @Option(names = "--airflow", description = "Print the schedule as the Python module the DAGs read "
            + "(airflow-dags/furlong_dags/schedule.py).")
    boolean airflow;

    @Option(names = "--markdown", description = "Print the schedule as the Markdown table in the README.")
    boolean markdown;

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @Override
    public Integer call() {
        var settings = common.settings();
        Schedule schedule = settings.schedule();
        if (markdown) {
            System.out.print(markdown(schedule));
            return Furlong.OK;
        }
        if (airflow) {
            System.out.print(python(schedule));
            return Furlong.OK;
        }
        if (crontab) {
            System.out.print(crontab(schedule, common.env().getOrDefault(LAUNCHER_VARIABLE, "furlong"),
                    Path.of("").toAbsolutePath().toString()));
            return Furlong.OK;
        }
        ZonedDateTime now = settings.run().now().atZone(SettingsLoader.RACING_ZONE);
        Map<String, Map<String, Instant>> last = new HashMap<>();
        try (RunContext ctx = RunContext.forApi(settings, common.console(), common.env())) {
            for (Schedule.Entry e : schedule.entries()) {
                last.computeIfAbsent(e.furlongCommand(), c -> RunHistory.lastSucceeded(ctx.spark(), ctx.lake(), c));
            }
        }
        String row = "%-18s %-18s %-16s %-16s %-4s %s%n";
        StringBuilder s = new StringBuilder(String.format("schedule in %s, now %s%n", schedule.zone(), AT.format(now)));
        s.append(String.format(row, "run", "cron", "last succeeded", "next", "due", "command"));
        for (Schedule.Entry e : schedule.entries()) {
            Instant lastOk = last.get(e.furlongCommand()).get(e.scope().orElse(""));
            s.append(String.format(row, e.name(), e.cron(),
                    lastOk == null ? "never" : AT.format(lastOk.atZone(schedule.zone())),
                    e.nextTimeAfter(now.withZoneSameInstant(schedule.zone())).map(AT::format).orElse("-"),
                    e.dueAt(now, lastOk) ? "yes" : "no", "furlong " + e.command()));
        }
        common.console().result(s.toString());
        return Furlong.OK;
    }

    /**
     * Crontab lines for the schedule: one per run, in the given folder, each appending to its own log. A line fires at its run's
     * minutes every hour in the machine's time zone, and goes on only when the hour, day, month and weekday in the schedule's
     * zone match the run's (Debian's cron ignores CRON_TZ); flock skips a run while its previous one is still going.
     */
    static String crontab(Schedule schedule, String launcher, String folder) {
        StringBuilder s = new StringBuilder("# Furlong's schedule (conf/schedule.conf), in " + schedule.zone() + " time whatever the "
                + "machine's zone: each line fires at its run's minutes every hour and runs only when the hour, day, month and weekday\n"
                + "# in " + schedule.zone() + " match the run's; a run still going is not started again (flock).\n");
        for (Schedule.Entry e : schedule.entries()) {
            s.append(cronField(e.cron(), 0)).append(" * * * * cd ").append(quote(folder))
                    .append(" && mkdir -p furlong-data/logs furlong-data/locks && TZ=").append(schedule.zone())
                    .append(" date '+\\%H \\%d \\%m \\%u' | grep -qE '").append(londonPattern(e.cron())).append("' && flock -n furlong-data/locks/")
                    .append(e.name()).append(".lock ").append(quote(launcher)).append(' ').append(e.command()).append(" >> furlong-data/logs/")
                    .append(e.name()).append(".log 2>&1\n");
        }
        return s.toString();
    }

    /**
     * What {@code date '+%H %d %m %u'} prints, in the schedule's zone, at the run's times: a regular expression over the hour, day,
     * month and ISO weekday (1 Monday to 7 Sunday) of its cron expression.
     */
    static String londonPattern(String cron) {
        return "^" + alternatives(cronField(cron, 1), 0, 23, "%02d") + " " + alternatives(cronField(cron, 2), 1, 31, "%02d") + " "
                + alternatives(cronField(cron, 3), 1, 12, "%02d") + " " + alternatives(cronField(cron, 4), 0, 7, "%d") + "$";
    }

    private static String cronField(String cron, int index) {
        return cron.trim().split("\\s+")[index];
    }

    /** A cron field (lists, ranges, steps, *) as an alternation of its values; the weekday's 0 (Sunday) becomes 7. */
    private static String alternatives(String field, int min, int max, String format) {
        if (field.equals("*")) {
            return "[0-9]+";
        }
        java.util.TreeSet<Integer> values = new java.util.TreeSet<>();
        for (String part : field.split(",")) {
            String[] stepped = part.split("/");
            int step = stepped.length > 1 ? Integer.parseInt(stepped[1]) : 1;
            String range = stepped[0];
            int from = range.equals("*") ? min : Integer.parseInt(range.split("-")[0]);
            int to = range.equals("*") ? max : range.contains("-") ? Integer.parseInt(range.split("-")[1]) : stepped.length > 1 ? max : from;
            for (int v = from; v <= to; v += step) {
                values.add(max == 7 && v == 0 ? 7 : v);
            }
        }
        return "(" + String.join("|", values.stream().map(v -> String.format(format, v)).toList()) + ")";
    }

    /** The schedule as a Markdown table: run, cron expression and command, and the DAG that runs it. */
    static String markdown(Schedule schedule) {
        StringBuilder s = new StringBuilder("| run | cron (" + schedule.zone() + ") | command | Airflow DAG |\n|---|---|---|---|\n");
        for (Schedule.Entry e : schedule.entries()) {
            String dag = "furlong_" + (e.furlongCommand().equals("sync") ? "sync_" : "") + e.name().replace('-', '_');
            s.append("| `").append(e.name()).append("` | `").append(e.cron()).append("` | `furlong ").append(e.command()).append("` | `")
                    .append(dag).append("` |\n");
        }
        return s.toString();
    }

    /** The schedule as a Python module: the time zone and, per run, its name, cron expression and furlong arguments. */
    static String python(Schedule schedule) {
        StringBuilder s = new StringBuilder("\"\"\"Furlong's schedule, generated by `furlong schedule --airflow` from conf/schedule.conf: "
                + "change that file and regenerate this one.\"\"\"\n\nZONE = \"" + schedule.zone() + "\"\n\nRUNS = [\n");
        for (Schedule.Entry e : schedule.entries()) {
            s.append("    {\"name\": \"").append(e.name()).append("\", \"cron\": \"").append(e.cron()).append("\", \"args\": [")
                    .append(String.join(", ", e.arguments().stream().map(a -> "\"" + a + "\"").toList())).append("]},\n");
        }
        return s.append("]\n").toString();
    }

    private static String quote(String s) {
        return s.matches("[A-Za-z0-9_./-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
