package dev.furlong.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "schedule", mixinStandardHelpOptions = true, description = "Prints cron lines equivalent to the DAGs.")
final class ScheduleCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--crontab", description = "Print the schedule as crontab lines.")
    boolean crontab;

    @Override
    public Integer call() {
        common.settings();
        return NotBuilt.say("schedule");
    }
}
