package dev.furlong.cli;

import dev.furlong.pipeline.Console;
import dev.furlong.pipeline.Pipeline;
import dev.furlong.pipeline.RunContext;
import dev.furlong.publish.Migrations;
import dev.furlong.publish.PublishedTable;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "publish", mixinStandardHelpOptions = true, description = "Silver → Postgres ra_* tables, after applying the migrations.")
final class PublishCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--full", description = "Publish every row, even when the watermark says nothing changed.")
    boolean full;

    @Option(names = "--migrate-only", description = "Apply the schema migrations and stop.")
    boolean migrateOnly;

    @Mixin
    DateLimits dates;

    @Override
    public Integer call() throws Exception {
        if (dates.checked().given()) {
            return NotBuilt.say("publish --from/--to");
        }
        var settings = common.settings();
        Console console = common.console();
        if (settings.run().dryRun()) {
            console.info("publish: would migrate schema " + settings.pgSchema() + ", then upsert what changed in the lake into "
                    + PublishedTable.ALL.stream().map(PublishedTable::watermark).distinct().toList());
            return Furlong.OK;
        }
        try (RunContext ctx = RunContext.forApi(settings, console, common.env()).recordedAs("publish", full ? "full" : null)) {
            if (migrateOnly) {
                console.result("schema " + settings.pgSchema() + " at version " + Migrations.apply(ctx.database()));
                return Furlong.OK;
            }
            new Pipeline(ctx).publish(full);
            return Furlong.OK;
        }
    }
}
