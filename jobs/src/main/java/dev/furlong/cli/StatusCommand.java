package dev.furlong.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.furlong.lake.Lake;
import dev.furlong.pipeline.Console;
import dev.furlong.pipeline.RunContext;
import dev.furlong.status.Status;
import dev.furlong.status.StatusJob;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true, description = {
        "What is landed and what is published: rows and versions per table, races, runners and results per year in the lake and "
                + "in Postgres; the last run of each stage and how long it took; units waiting for a retry and horses waiting for "
                + "their details; today's API calls per endpoint. Reads only."})
final class StatusCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    DemoDatabaseOption demoData;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        var settings = demoData.apply(common.settings());
        // JSON alone on standard output: progress lines (the embedded Postgres starting) are left out.
        Console console = json ? new Console(System.out, true) : common.console();
        try (RunContext ctx = RunContext.forApi(settings, console, common.env())) {
            StatusJob job = new StatusJob(ctx.spark(), new Lake(settings.lake()), settings.run().today());
            Status status;
            try (DatabaseToRead db = DatabaseToRead.open(settings, ctx)) {
                status = job.collect(db.connection(), db.name(), settings.pgSchema(), db.problem());
            }
            console.result(json ? new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(status)
                    : status.render());
            return Furlong.OK;
        }
    }
}
