package dev.furlong.cli;

import dev.furlong.config.Settings;
import dev.furlong.config.SettingsLoader;
import dev.furlong.pipeline.Console;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine.Option;

/** The options every command accepts (ARCHITECTURE.md, "Options every command accepts"). */
public final class CommonOptions {

    @Option(names = "--conf", paramLabel = "FILE", description = "Configuration file (HOCON); default conf/furlong.conf; FURLONG_CONF names it too.")
    String conf;

    @Option(names = "--api-url", paramLabel = "URL", description = "API base without /v1 (default https://api.theracingapi.com). http:// only for loopback addresses.")
    String apiUrl;

    @Option(names = "--lake", paramLabel = "DIR", description = "The lake root (default ./furlong-data/lake); any Hadoop file system URI on a cluster.")
    String lake;

    @Option(names = "--pg-url", paramLabel = "JDBC_URL", description = "Postgres (jdbc:postgresql://host:port/db; user and password from PG_USER / PG_PASSWORD). Default: an embedded Postgres in ./furlong-data/pg.")
    String pgUrl;

    @Option(names = "--pg-schema", paramLabel = "S", description = "Postgres schema for the ra_* tables (default public).")
    String pgSchema;

    @Option(names = "--regions", split = ",", paramLabel = "gb,ire", description = "Regions to fetch and load (default gb,ire).")
    List<String> regions;

    @Option(names = "--historical-results", description = "The account has the historical results add-on: results from 1988 instead of the last 365 days.")
    Boolean historicalResults;

    @Option(names = "--today", paramLabel = "D", description = "Pins \"today\" (YYYY-MM-DD) for planning; default the real date in Europe/London.")
    LocalDate today;

    @Option(names = "--now", paramLabel = "T", description = "Pins the clock (YYYY-MM-DDTHH:MM, Europe/London): what is due, "
            + "today's results and racecards; --today's date with it.")
    LocalDateTime now;

    @Option(names = "--run-id", paramLabel = "ID", description = "A run id for logs and bronze.")
    String runId;

    @Option(names = "--dry-run", description = "Validate arguments and print the plan; touch nothing.")
    boolean dryRun;

    @Option(names = "--check-args", description = "Check the command line and the configuration, then exit 0 without running: "
            + "needs no credentials, no Spark and no database (the DAG tests use it).")
    boolean checkArgs;

    @Option(names = "-v", description = "More logging (-vv: Spark's too).")
    boolean[] verbose = new boolean[0];

    @Option(names = "-q", description = "Less output: only errors and the final summary.")
    boolean quiet;

    public int verbosity() {
        return quiet ? -1 : verbose.length;
    }

    /** Resolves the settings from file, environment and these flags, and sets the log levels. */
    public Settings settings() {
        applyLogging();
        return SettingsLoader.load(new SettingsLoader.Overrides(conf, apiUrl, lake, pgUrl, pgSchema, regions, historicalResults,
                today, now, runId, dryRun, verbosity()), env());
    }

    /** Where this invocation's output goes: standard output, progress lines dropped under -q. */
    public Console console() {
        return new Console(System.out, verbosity() < 0);
    }

    /** The environment of this invocation. */
    public java.util.Map<String, String> env() {
        return Furlong.environment();
    }

    void applyLogging() {
        int v = verbosity();
        Configurator.setLevel("dev.furlong", v >= 1 ? Level.DEBUG : v < 0 ? Level.ERROR : Level.INFO);
        Configurator.setRootLevel(v >= 2 ? Level.INFO : v < 0 ? Level.ERROR : Level.WARN);
    }
}
