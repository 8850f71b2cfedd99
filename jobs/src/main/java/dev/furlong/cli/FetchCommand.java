package dev.furlong.cli;

import dev.furlong.pipeline.Pipeline;
import dev.furlong.pipeline.RunContext;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "fetch", mixinStandardHelpOptions = true, description = "Fetch a date range into bronze (one stage of backfill).")
final class FetchCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--from", required = true, paramLabel = "D", description = "First race date (YYYY-MM-DD).")
    LocalDate from;

    @Option(names = "--to", paramLabel = "D", description = "Last race date (default today).")
    LocalDate to;

    @Option(names = "--refresh", description = "Fetch again what bronze already holds.")
    boolean refresh;

    @Override
    public Integer call() {
        var settings = common.settings();
        LocalDate end = DateRange.end(from, to, settings.today());
        try (RunContext ctx = RunContext.forApi(settings, common.console(), common.env())) {
            ctx.client();
            var report = new Pipeline(ctx).fetch(from, end, refresh);
            return report.failedUnits() == 0 ? Furlong.OK : Furlong.FAILED;
        }
    }
}
