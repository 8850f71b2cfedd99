package dev.furlong.cli;

import dev.furlong.pipeline.Pipeline;
import dev.furlong.pipeline.RunContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "maintain", mixinStandardHelpOptions = true, description = {
        "Housekeeping: every lake table compacted (OPTIMIZE) and checkpointed, silver, gold and meta vacuumed (never bronze: it keeps "
                + "every answer a later one superseded), then VACUUM ANALYZE of the published tables. Reports files and bytes before "
                + "and after.",
        "Refused while a fetch or a publish runs. The retention is furlong.maintain.vacuum-retention, longer for a table whose "
                + "change feed a watermark still reads on from an older version. --dry-run only measures."})
final class MaintainCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    DemoDatabaseOption demoData;

    @Override
    public Integer call() {
        var settings = demoData.apply(common.settings());
        try (RunContext ctx = RunContext.forApi(settings, common.console(), common.env()).recordedAs("maintain", null)) {
            new Pipeline(ctx).maintain();
            return Furlong.OK;
        }
    }
}
