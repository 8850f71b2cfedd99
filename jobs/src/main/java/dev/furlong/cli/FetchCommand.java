package dev.furlong.cli;

import dev.furlong.pipeline.Pipeline;
import dev.furlong.pipeline.RunContext;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "fetch", mixinStandardHelpOptions = true, description = "Fetch a date range into bronze (one stage of backfill).")
final class FetchCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    LockTimeout lockTimeout;

    @Mixin
    FetchRange range;

    @Override
    public Integer call() {
        var settings = lockTimeout.applyTo(common.settings());
        LocalDate end = range.end(settings.run().today());
        try (RunContext ctx = RunContext.forApi(settings, common.console(), common.env())
                .recordedAs("fetch", range.from + ".." + end)) {
            ctx.client();
            var report = new Pipeline(ctx).fetch(range.from, end, range.refresh);
            return report.failedUnits() == 0 ? Furlong.OK : Furlong.FAILED;
        }
    }
}
