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

    /** Crontab lines for the schedule: one per run, in the given folder, each appending to its own log. */
    static String crontab(Schedule schedule, String launcher, String folder) {
        StringBuilder s = new StringBuilder("# Furlong's schedule (conf/schedule.conf). CRON_TZ needs a cron that honours it "
                + "(cronie does; Debian's cron does not: there, give the machine the " + schedule.zone() + " time zone).\n");
        s.append("CRON_TZ=").append(schedule.zone()).append('\n');
        for (Schedule.Entry e : schedule.entries()) {
            s.append(e.cron()).append(" cd ").append(quote(folder)).append(" && mkdir -p furlong-data/logs && ").append(quote(launcher))
                    .append(' ').append(e.command()).append(" >> furlong-data/logs/").append(e.name()).append(".log 2>&1\n");
        }
        return s.toString();
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
