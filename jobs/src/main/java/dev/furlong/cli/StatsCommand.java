package dev.furlong.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "stats", mixinStandardHelpOptions = true, description = "The statistics tables (gold) from silver.")
final class StatsCommand implements Callable<Integer> {

    enum Profile { standard, high_quality }

    @Mixin
    CommonOptions common;

    @Option(names = "--profile", paramLabel = "P", description = "standard or high_quality.")
    Profile profile;

    @Option(names = "--min-runs", paramLabel = "N")
    Integer minRuns;

    @Option(names = "--min-runs-runner", paramLabel = "N")
    Integer minRunsRunner;

    @Option(names = "--min-runs-distance", paramLabel = "N")
    Integer minRunsDistance;

    @Option(names = "--min-runs-venue", paramLabel = "N")
    Integer minRunsVenue;

    @Option(names = "--as-of", paramLabel = "D", description = "Date the windowed figures are computed at (default today).")
    LocalDate asOf;

    @Option(names = "--from", paramLabel = "D")
    LocalDate from;

    @Option(names = "--to", paramLabel = "D")
    LocalDate to;

    @Override
    public Integer call() {
        common.settings();
        return NotBuilt.say("stats");
    }
}
