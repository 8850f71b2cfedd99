package dev.furlong.cli;

import dev.furlong.config.InvalidSettingException;
import dev.furlong.config.Schedule;
import dev.furlong.config.SettingsLoader;
import dev.furlong.ingest.FetchReport;
import dev.furlong.lake.RunHistory;
import dev.furlong.pipeline.Console;
import dev.furlong.pipeline.Pipeline;
import dev.furlong.pipeline.RunContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sync", mixinStandardHelpOptions = true,
        description = {"The scheduled run: fetches by scope, then transforms, brings the statistics up to date and publishes. Without --scope, runs the scopes the "
                + "schedule (conf/schedule.conf) says are due.",
                "  transactions  results of the mutable window and today's so far, racecards today..+7",
                "  live          today's results so far and today's racecards",
                "  horses        horse details within the per-run budget (furlong.fetch.horse-budget)",
                "  people        jockeys, trainers and owners rebuilt from all of silver, with every entity's statistics",
                "  static        courses and regions when due (monthly)",
                "  amendments    results before the mutable window read again (furlong.fetch.amendments)"})
final class SyncCommand implements Callable<Integer> {

    static final List<String> SCOPES = List.of("transactions", "live", "horses", "people", "static", "amendments");

    @Mixin
    CommonOptions common;

    @Mixin
    LockTimeout lockTimeout;

    @Option(names = "--scope", split = ",", paramLabel = "S", description = "transactions,live,horses,people,static,amendments "
            + "(default: what the schedule says is due).")
    List<String> scope;

    @Override
    public Integer call() throws Exception {
        var settings = lockTimeout.applyTo(common.settings());
        if (scope != null) {
            for (String s : scope) {
                if (!SCOPES.contains(s)) {
                    throw new InvalidSettingException("--scope takes " + String.join(",", SCOPES) + "; got '" + s + "'");
                }
            }
        }
        Console console = common.console();
        List<FetchReport> reports = new ArrayList<>();
        try (RunContext ctx = RunContext.forApi(settings, console, common.env())) {
            ctx.client(); // a bad URL or missing credentials stop the run before anything starts
            Set<String> scopes = scope != null ? new LinkedHashSet<>(scope) : due(ctx);
            if (scopes.contains("transactions")) {
                scopes.remove("live"); // transactions fetch all that live would
            }
            if (scopes.isEmpty()) {
                console.info("sync: nothing is due (furlong schedule shows when each run is next due)");
                return Furlong.OK;
            }
            // Recorded as run: a transactions run covers live, so a live run is not due straight after it.
            List<String> recorded = new ArrayList<>(scopes);
            if (scopes.contains("transactions")) {
                recorded.add("live");
            }
            ctx.recordedAs("sync", String.join(",", recorded));
            Pipeline pipeline = new Pipeline(ctx);
            if (scopes.contains("transactions") || scopes.contains("static")) {
                reports.add(pipeline.sync(scopes.contains("transactions"), scopes.contains("static")));
            }
            if (scopes.contains("live")) {
                reports.add(pipeline.live());
            }
            if (scopes.contains("amendments")) {
                reports.add(pipeline.amendments());
            }
            if (scopes.contains("horses")) {
                reports.add(pipeline.enrichHorses(settings.horseBudget()));
            }
            if (settings.run().dryRun()) {
                return Furlong.OK;
            }
            pipeline.transform();
            if (scopes.contains("people")) {
                pipeline.people();
            }
            pipeline.statistics();
            pipeline.publish(false);
        }
        int failed = reports.stream().mapToInt(FetchReport::failedUnits).sum();
        if (failed > 0) {
            System.err.println("furlong sync: " + failed + " units failed (listed above); the next run retries them");
            return Furlong.FAILED;
        }
        return Furlong.OK;
    }

    /** The sync scopes the schedule says are due now, from the run history. */
    private static Set<String> due(RunContext ctx) {
        var settings = ctx.settings();
        Schedule schedule = settings.schedule();
        var last = RunHistory.lastSucceeded(ctx.spark(), ctx.lake(), "sync");
        Set<String> scopes = new LinkedHashSet<>();
        for (Schedule.Entry e : schedule.due("sync", settings.run().now().atZone(SettingsLoader.RACING_ZONE), last)) {
            e.scope().filter(SCOPES::contains).ifPresent(scopes::add);
        }
        ctx.console().info("sync: due now by the schedule: " + (scopes.isEmpty() ? "nothing" : String.join(", ", scopes)));
        return scopes;
    }
}
