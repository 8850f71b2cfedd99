package dev.furlong.cli;

import dev.furlong.pipeline.Pipeline;
import dev.furlong.pipeline.RunContext;
import dev.furlong.stats.StatsProfile;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "stats", mixinStandardHelpOptions = true, description = {"The statistics tables (gold) from silver.",
        "Profiles: standard = 5/3/5/5 (daily), high_quality = 10/5/10/10 (weekly); explicit thresholds make a custom profile "
                + "(thresholds not given are the standard ones)."})
final class StatsCommand implements Callable<Integer> {

    enum Profile { standard, high_quality }

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--profile", paramLabel = "P", description = "standard (default) or high_quality.")
    Profile profile;

    @Option(names = "--min-runs", paramLabel = "N", description = "Entity combinations: runs of the pair.")
    Integer minRuns;

    @Option(names = "--min-runs-runner", paramLabel = "N", description = "Runner statistics: the horse's runs before the race.")
    Integer minRunsRunner;

    @Option(names = "--min-runs-distance", paramLabel = "N", description = "Performance by distance: runs at the band.")
    Integer minRunsDistance;

    @Option(names = "--min-runs-venue", paramLabel = "N", description = "Performance by venue: runs at the course.")
    Integer minRunsVenue;

    @Option(names = "--as-of", paramLabel = "D", description = "The last race date counted; the 14/30-day figures end on it "
            + "(default today).")
    LocalDate asOf;

    @Mixin
    DateLimits dates;

    @Option(names = "--publish", description = "Publish to Postgres afterwards (what the scheduled statistics runs do).")
    boolean publish;

    @Override
    public Integer call() {
        if (dates.checked().given()) {
            return NotBuilt.say("stats --from/--to (statistics are computed from the whole of silver; use --as-of)");
        }
        StatsProfile chosen = profile();
        var settings = common.settings();
        LocalDate at = asOf != null ? asOf : settings.run().today();
        if (settings.run().dryRun()) {
            common.console().info("stats: would compute the statistics of profile " + chosen + " as of " + at + " from "
                    + settings.lake() + "/silver into " + settings.lake() + "/gold" + (publish ? ", then publish" : ""));
            return Furlong.OK;
        }
        try (RunContext ctx = RunContext.forApi(settings, common.console(), common.env()).recordedAs("stats", chosen.name())) {
            Pipeline pipeline = new Pipeline(ctx);
            pipeline.stats(chosen, at);
            if (publish) {
                pipeline.publish(false);
            }
            return Furlong.OK;
        }
    }

    private StatsProfile profile() {
        boolean explicit = minRuns != null || minRunsRunner != null || minRunsDistance != null || minRunsVenue != null;
        if (!explicit) {
            return StatsProfile.named(profile == null ? Profile.standard.name() : profile.name());
        }
        if (profile != null) {
            throw new ParameterException(spec.commandLine(), "--profile and explicit thresholds (--min-runs...) exclude each "
                    + "other: thresholds make a custom profile");
        }
        StatsProfile base = StatsProfile.STANDARD;
        try {
            return StatsProfile.custom(minRuns != null ? minRuns : base.minRuns(),
                    minRunsRunner != null ? minRunsRunner : base.minRunsRunner(),
                    minRunsDistance != null ? minRunsDistance : base.minRunsDistance(),
                    minRunsVenue != null ? minRunsVenue : base.minRunsVenue());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
