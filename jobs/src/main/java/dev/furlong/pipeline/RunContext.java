package dev.furlong.pipeline;

import dev.furlong.api.ApiBaseUrl;
import dev.furlong.api.Credentials;
import dev.furlong.api.RacingApiClient;
import dev.furlong.api.http.RateLimits;
import dev.furlong.config.InvalidSettingException;
import dev.furlong.config.Settings;
import dev.furlong.config.SettingsLoader;
import dev.furlong.lake.Lake;
import dev.furlong.publish.EmbeddedDatabase;
import dev.furlong.publish.PgTarget;
import dev.furlong.spark.SparkSessions;
import dev.furlong.lake.RunHistory;
import dev.furlong.publish.RunHistoryTable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * The resources of one run, each created on first use and closed at the end: the API client, the SparkSession and the
 * Postgres target (a URL, or the embedded Postgres started for this run).
 */
public final class RunContext implements AutoCloseable {

    private final Settings settings;
    private final Console console;
    private final Supplier<Credentials> credentials;
    private final Map<String, String> env;
    private RacingApiClient client;
    private SparkSession spark;
    private boolean ownsSpark;
    private EmbeddedDatabase embedded;
    private PgTarget database;
    private final RunRecorder recorder;

    private RunContext(Settings settings, Console console, Supplier<Credentials> credentials, Map<String, String> env) {
        this.settings = settings;
        this.console = console;
        this.credentials = credentials;
        this.env = env;
        this.recorder = new RunRecorder(settings.run().runId(),
                settings.run().now().atZone(SettingsLoader.RACING_ZONE).toInstant(), () -> client == null ? null : client.metrics());
    }

    /**
     * Records this run's stages in the run history (the lake's {@code meta/etl_runs}, and Postgres's {@code etl_runs} when the run
     * publishes) under a command and its scope, e.g. {@code sync} and {@code transactions,horses}. Dry runs record nothing.
     */
    public RunContext recordedAs(String command, String scope) {
        if (!settings.run().dryRun()) {
            recorder.name(command, scope);
        }
        return this;
    }

    public RunRecorder recorder() {
        return recorder;
    }

    /** A run against the configured API, with credentials from the environment only. */
    public static RunContext forApi(Settings settings, Console console, Map<String, String> env) {
        return new RunContext(settings, console, () -> {
            try {
                return Credentials.fromEnvironment(env).orElseThrow(() -> new InvalidSettingException(
                        "no Racing API credentials for " + settings.apiUrl() + ": set " + Credentials.USERNAME_VARIABLE + " and "
                                + Credentials.PASSWORD_VARIABLE + " (or " + Credentials.FILE_VARIABLE + ")"));
            } catch (IllegalArgumentException e) { // a half-set environment or an unreadable credentials file
                throw new InvalidSettingException(e.getMessage());
            }
        }, env);
    }

    /** A run against an API whose credentials the caller knows (the in-process sandbox). */
    public static RunContext withCredentials(Settings settings, Console console, Credentials credentials,
                                             Map<String, String> env) {
        return new RunContext(settings, console, () -> credentials, env);
    }

    public Settings settings() {
        return settings;
    }

    public Console console() {
        return console;
    }

    public Lake lake() {
        return new Lake(settings.lake());
    }

    /** The API client; fails at once, before anything else starts, on a bad URL or missing credentials. */
    public RacingApiClient client() {
        if (client == null) {
            ApiBaseUrl url;
            try {
                url = ApiBaseUrl.parse(settings.apiUrl());
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException("--api-url: " + e.getMessage());
            }
            client = RacingApiClient.builder(url, credentials.get())
                    .rateLimits(RateLimits.documented(settings.globalRatePerSecond()))
                    .build();
        }
        return client;
    }

    public SparkSession spark() {
        if (spark == null) {
            ownsSpark = SparkSession.getDefaultSession().isEmpty(); // a session that was here before the run outlives it
            spark = SparkSessions.create(settings.sparkMaster(), settings.shufflePartitions());
        }
        return spark;
    }

    /** The Postgres to publish into: {@code --pg-url} / {@code PG_URL} with PG_USER / PG_PASSWORD, else the embedded one. */
    public PgTarget database() {
        if (database == null) {
            if (settings.pgUrl().isPresent()) {
                database = new PgTarget(settings.pgUrl().get(), env.get("PG_USER"), env.get("PG_PASSWORD"),
                        settings.pgSchema());
            } else {
                requireEmbeddedPostgres();
                console.info("starting the embedded Postgres in " + settings.embeddedPgDataDir());
                embedded = EmbeddedDatabase.start(Path.of(settings.embeddedPgDataDir()).toAbsolutePath());
                database = embedded.target(settings.pgSchema());
            }
        }
        return database;
    }

    /** The cluster jar leaves the embedded Postgres out: there a database URL is required. */
    private static void requireEmbeddedPostgres() {
        try {
            Class.forName("io.zonky.test.db.postgres.embedded.EmbeddedPostgres", false, RunContext.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new InvalidSettingException("this build has no embedded Postgres: give --pg-url (or PG_URL)");
        }
    }

    /** The run's stages into the lake, and into Postgres when this run opened it (else the next publish brings them). */
    private void writeRunHistory() {
        List<RunHistory.Stage> stages = recorder.finish();
        if (stages.isEmpty() || spark == null) {
            return;
        }
        RunHistory.append(spark, lake(), stages);
        if (database != null) {
            try (Connection c = database.connect()) {
                RunHistoryTable.write(c, database.schema(), stages);
            } catch (SQLException e) {
                console.info("note: the run history stays in the lake for the next publish (Postgres: " + e.getMessage() + ")");
            }
        }
    }

    /** Closes what was opened, each even when another fails; closing twice is harmless. */
    @Override
    public synchronized void close() {
        RuntimeException first = null;
        for (Runnable step : new Runnable[]{
                this::writeRunHistory,
                () -> { if (client != null) { client.close(); } },
                () -> { if (spark != null && ownsSpark) { spark.stop(); } },
                () -> { if (embedded != null) { embedded.close(); } }}) {
            try {
                step.run();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        client = null;
        spark = null;
        embedded = null;
        if (first != null) {
            throw first;
        }
    }
}
