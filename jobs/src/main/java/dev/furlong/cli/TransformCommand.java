package dev.furlong.cli;

import dev.furlong.pipeline.Pipeline;
import dev.furlong.pipeline.RunContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "transform", mixinStandardHelpOptions = true, description = {"Bronze → the 14 silver tables and silver/quarantine.",
                "Reads only answers that are new or changed since the last run; --from/--to transform those race dates again."})
final class TransformCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    DateLimits dates;

    @Override
    public Integer call() {
        dates.checked();
        var settings = common.settings();
        if (settings.run().dryRun()) {
            common.console().info("transform: would read new answers in " + settings.lake() + "/bronze and merge them into silver");
            return Furlong.OK;
        }
        try (RunContext ctx = RunContext.forApi(settings, common.console(), common.env())
                .recordedAs("transform", dates.given() ? dates.from + ".." + dates.to : null)) {
            new Pipeline(ctx).transform(dates.from, dates.to);
            return Furlong.OK;
        }
    }
}
