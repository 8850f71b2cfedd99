package dev.furlong.cli;

import dev.furlong.config.InvalidSettingException;
import dev.furlong.pipeline.Console;
import dev.furlong.pipeline.Pipeline;
import dev.furlong.pipeline.RunContext;
import dev.furlong.stats.StatsProfile;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = "fetch → transform → statistics → publish from 2015-01-01 (or --from) to today (or --to); resumes where it stopped.")
final class BackfillCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    LockTimeout lockTimeout;

    @Mixin
    FetchRange range;

    @Option(names = "--enrich", paramLabel = "N", description = "Horse enrichment within a budget of N calls.")
    Integer enrich;

    @Override
    public Integer call() throws Exception {
        var settings = lockTimeout.applyTo(common.settings());
        LocalDate end = range.end(settings.run().today());
        if (enrich != null && enrich < 0) {
            throw new InvalidSettingException("--enrich takes a number of calls (0 or more), got " + enrich);
        }
        Console console = common.console();
        try (RunContext ctx = RunContext.forApi(settings, console, common.env()).recordedAs("backfill", range.from + ".." + end)) {
            ctx.client(); // a bad URL or missing credentials stop the run before anything starts
            Pipeline pipeline = new Pipeline(ctx);
            int failed = pipeline.fetch(range.from, end, range.refresh).failedUnits();
            if (enrich != null && enrich > 0) {
                failed += pipeline.enrichHorses(enrich).failedUnits();
            }
            if (settings.run().dryRun()) {
                return Furlong.OK;
            }
            pipeline.transform();
            pipeline.stats(StatsProfile.STANDARD, settings.run().today());
            pipeline.publish(false);
            if (failed > 0) {
                System.err.println("furlong backfill: " + failed + " units failed (listed above); the next run retries them");
                return Furlong.FAILED;
            }
            return Furlong.OK;
        }
    }
}
