package dev.furlong.cli;

import dev.furlong.config.InvalidSettingException;
import dev.furlong.config.Redact;
import dev.furlong.config.Settings;
import dev.furlong.pipeline.RunContext;
import dev.furlong.publish.PasswordFile;
import dev.furlong.publish.PgTarget;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "db", mixinStandardHelpOptions = true, description = "The embedded Postgres.",
        subcommands = DbCommand.Serve.class)
final class DbCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "db needs a subcommand: serve");
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Keeps the embedded Postgres running and prints its connection string, until Ctrl-C.")
    static final class Serve implements Callable<Integer> {

        @Mixin
        CommonOptions common;

        @Mixin
        DemoDatabaseOption demoDatabase;

        @Override
        public Integer call() throws Exception {
            Settings settings = demoDatabase.apply(common.settings());
            if (settings.pgUrl().isPresent()) {
                throw new InvalidSettingException("a Postgres URL is configured (" + Redact.url(settings.pgUrl().get())
                        + "): there is no embedded Postgres to serve");
            }
            try (RunContext ctx = RunContext.forApi(settings, common.console(), common.env())) {
                PgTarget db = ctx.database();
                String port = db.url().replaceAll(".*://[^:/]+:(\\d+)/.*", "$1");
                Path passwordFile = PasswordFile.beside(Path.of(settings.embeddedPgDataDir()).toAbsolutePath()).path();
                // The password file first: whoever waits for "is up" finds it printed.
                System.out.println("Password file: " + passwordFile);
                System.out.println("Postgres is up: " + db.url());
                System.out.println("psql: PGPASSFILE=" + passwordFile + " psql -h 127.0.0.1 -p " + port + " -U postgres postgres"
                        + "   (schema " + db.schema() + ")");
                System.out.println("Ctrl-C stops it.");
                CountDownLatch stop = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    ctx.close();
                    stop.countDown();
                }));
                stop.await();
            }
            return Furlong.OK;
        }
    }
}
