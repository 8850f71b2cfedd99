package dev.furlong.cli;

import dev.furlong.pipeline.Pipeline;
import dev.furlong.pipeline.RunContext;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "transform", mixinStandardHelpOptions = true, description = "Bronze → silver races, runners and quarantine.")
final class TransformCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--from", paramLabel = "D", description = "Limit to race dates from D.")
    LocalDate from;

    @Option(names = "--to", paramLabel = "D", description = "Limit to race dates up to D.")
    LocalDate to;

    @Override
    public Integer call() {
        if (from != null || to != null) {
            return NotBuilt.say("transform --from/--to");
        }
        var settings = common.settings();
        if (settings.dryRun()) {
            Console.of(common).info("transform: would read " + settings.lake() + "/bronze and upsert silver races and runners");
            return Furlong.OK;
        }
        try (RunContext ctx = RunContext.forApi(settings, Console.of(common), common.env())) {
            new Pipeline(ctx).transform();
            return Furlong.OK;
        }
    }
}
