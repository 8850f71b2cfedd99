package dev.furlong.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.furlong.lake.Lake;
import dev.furlong.pipeline.Console;
import dev.furlong.pipeline.RunContext;
import dev.furlong.status.Status;
import dev.furlong.status.StatusJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
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
            if (settings.pgUrl().isEmpty() && !Files.isDirectory(Path.of(settings.embeddedPgDataDir()))) {
                status = job.collect(null, "embedded Postgres in " + settings.embeddedPgDataDir(), settings.pgSchema(),
                        "nothing published yet: the embedded Postgres has not been created (./furlong publish creates it)");
            } else {
                String name = settings.pgUrl().orElse("embedded Postgres in " + settings.embeddedPgDataDir()) + ", schema "
                        + settings.pgSchema();
                Connection c = null;
                String problem = null;
                try {
                    c = ctx.database().connect();
                } catch (SQLException e) {
                    problem = "cannot connect: " + e.getMessage();
                }
                try {
                    status = job.collect(c, name, settings.pgSchema(), problem);
                } finally {
                    if (c != null) {
                        c.close();
                    }
                }
            }
            console.result(json ? new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(status)
                    : status.render());
            return Furlong.OK;
        }
    }
}
