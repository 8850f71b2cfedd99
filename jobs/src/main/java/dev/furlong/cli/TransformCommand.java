package dev.furlong.cli;

import dev.furlong.pipeline.Pipeline;
import dev.furlong.pipeline.RunContext;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "transform", mixinStandardHelpOptions = true, description = {"Bronze → the 14 silver tables and silver/quarantine.",
                "Reads only answers that are new or changed since the last run; --from/--to transform those race dates again."})
final class TransformCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--from", paramLabel = "D", description = "Transform every answer of race dates from D again.")
    LocalDate from;

    @Option(names = "--to", paramLabel = "D", description = "Transform every answer of race dates up to D again.")
    LocalDate to;

    @Override
    public Integer call() {
        if (from != null && to != null && from.isAfter(to)) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--from " + from + " is after --to " + to);
        }
        var settings = common.settings();
        if (settings.dryRun()) {
            common.console().info("transform: would read new answers in " + settings.lake() + "/bronze and merge them into silver");
            return Furlong.OK;
        }
        try (RunContext ctx = RunContext.forApi(settings, common.console(), common.env())) {
            new Pipeline(ctx).transform(from, to);
            return Furlong.OK;
        }
    }
}
