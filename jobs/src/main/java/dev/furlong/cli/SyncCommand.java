package dev.furlong.cli;

import dev.furlong.config.InvalidSettingException;
import dev.furlong.ingest.FetchReport;
import dev.furlong.pipeline.Console;
import dev.furlong.pipeline.Pipeline;
import dev.furlong.pipeline.RunContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sync", mixinStandardHelpOptions = true,
        description = {"The scheduled run, then transform and publish. Scopes (default all):",
                "  transactions  results in the mutable window + racecards today..+7",
                "  horses        horse details within the per-run budget (furlong.fetch.horse-budget)",
                "  people        jockeys/trainers/owners re-derived from runners (no API call)",
                "  static        courses and regions when due (monthly)"})
final class SyncCommand implements Callable<Integer> {

    static final List<String> SCOPES = List.of("transactions", "horses", "people", "static");

    @Mixin
    CommonOptions common;

    @Option(names = "--scope", split = ",", paramLabel = "S", description = "transactions,horses,people,static (default all).")
    List<String> scope;

    @Override
    public Integer call() throws Exception {
        var settings = common.settings();
        List<String> scopes = scope == null ? SCOPES : scope;
        for (String s : scopes) {
            if (!SCOPES.contains(s)) {
                throw new InvalidSettingException("--scope takes " + String.join(",", SCOPES) + "; got '" + s + "'");
            }
        }
        Console console = common.console();
        List<FetchReport> reports = new ArrayList<>();
        try (RunContext ctx = RunContext.forApi(settings, console, common.env())) {
            ctx.client(); // a bad URL or missing credentials stop the run before anything starts
            Pipeline pipeline = new Pipeline(ctx);
            if (scopes.contains("transactions") || scopes.contains("static")) {
                reports.add(pipeline.sync(scopes.contains("transactions"), scopes.contains("static")));
            }
            if (scopes.contains("horses")) {
                reports.add(pipeline.enrichHorses(settings.horseBudget()));
            }
            if (settings.run().dryRun()) {
                return Furlong.OK;
            }
            pipeline.transform();
            pipeline.publish(false);
        }
        int failed = reports.stream().mapToInt(FetchReport::failedUnits).sum();
        if (scopes.contains("people")) {
            System.err.println("furlong sync: the people scope (jockey, trainer and owner tables) is not built yet");
            return Furlong.FAILED;
        }
        if (failed > 0) {
            System.err.println("furlong sync: " + failed + " units failed (listed above); the next run retries them");
            return Furlong.FAILED;
        }
        return Furlong.OK;
    }
}
