package dev.furlong.cli;

import dev.furlong.config.InvalidSettingException;
import dev.furlong.pipeline.Console;
import dev.furlong.pipeline.Pipeline;
import dev.furlong.pipeline.RunContext;
import dev.furlong.stats.StatsProfile;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = "fetch → transform → publish for a date range; resumes where it stopped.")
final class BackfillCommand implements Callable<Integer> {

    /** The 18 serving tables (DATA-MODEL.md). */
    static final Set<String> TABLES = Set.of("ra_mst_regions", "ra_mst_courses", "ra_mst_bookmakers", "ra_mst_jockeys",
            "ra_mst_trainers", "ra_mst_owners", "ra_mst_horses", "ra_mst_sires", "ra_mst_dams", "ra_mst_damsires",
            "ra_horse_pedigree", "ra_races", "ra_runners", "ra_race_results", "ra_entity_combinations",
            "ra_performance_by_distance", "ra_performance_by_venue", "ra_runner_statistics");
    /** The tables this build can fill; the others come with later stages. */
    static final Set<String> BUILT_TABLES = Set.of("ra_races", "ra_runners");

    @Mixin
    CommonOptions common;

    @Mixin
    FetchRange range;

    @Option(names = "--tables", split = ",", paramLabel = "T", description = "ra_* tables to fill (fetches only what they need).")
    List<String> tables;

    @Option(names = "--enrich", paramLabel = "N", description = "Horse enrichment within a budget of N calls.")
    Integer enrich;

    @Override
    public Integer call() throws Exception {
        var settings = common.settings();
        LocalDate end = range.end(settings.run().today());
        if (tables != null) {
            for (String t : tables) {
                if (!TABLES.contains(t)) {
                    throw new InvalidSettingException("--tables takes the names of the ra_* tables (e.g. ra_races,ra_runners), got '"
                            + t + "'");
                }
                if (!BUILT_TABLES.contains(t)) {
                    System.err.println("furlong backfill: filling " + t + " is not built yet (this build fills " + BUILT_TABLES + ")");
                    return Furlong.FAILED;
                }
            }
        }
        if (enrich != null && enrich < 0) {
            throw new InvalidSettingException("--enrich takes a number of calls (0 or more), got " + enrich);
        }
        Console console = common.console();
        try (RunContext ctx = RunContext.forApi(settings, console, common.env())) {
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
