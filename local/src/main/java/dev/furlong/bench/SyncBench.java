package dev.furlong.bench;

import dev.furlong.cli.Furlong;
import dev.furlong.lake.Lake;
import dev.furlong.lake.RunHistory;
import dev.furlong.publish.PgTarget;
import dev.furlong.publish.PublishJob;
import dev.furlong.sandbox.SandboxConfig;
import dev.furlong.sandbox.SandboxServer;
import dev.furlong.stats.StatsJob;
import dev.furlong.stats.StatsProfile;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;

/**
 * One race day on top of years of racing, as the evening's scheduled run sees it: a lake whose statistics were computed in
 * full that morning and a database that holds all of it, then {@code sync --scope transactions} at 22:45 against the sandbox
 * without its rate limits (the day's results, the mutable window's, the week's racecards). Reports each step's seconds from
 * the run history, and the calls of a {@code sync --scope live} straight after.
 */
public final class SyncBench {

    private SyncBench() {
    }

    public static Map<String, Object> run(SparkSession spark, Lake lake, PgTarget db, long seed, LocalDate today,
                                          Consumer<String> progress) throws IOException, SQLException {
        progress.accept("sync bench: the morning's statistics in full, and a database that holds everything ...");
        new StatsJob(spark, lake).run(StatsProfile.STANDARD, today, Instant.now());
        new PublishJob(spark, lake, db, "bench-before").run(false);

        LocalDateTime now = today.atTime(22, 45);
        Map<String, Object> m = new LinkedHashMap<>();
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults(now).withSeed(seed).withRateLimits(false), 0)) {
            // The bench's database takes no connection without its password (the embedded Postgres's, generated for it).
            Map<String, String> env = Map.of("RACING_API_USERNAME", SandboxConfig.DEFAULT_USER,
                    "RACING_API_PASSWORD", SandboxConfig.DEFAULT_PASSWORD, "PG_USER", db.user(), "PG_PASSWORD", db.password());
            List<String> sync = new ArrayList<>(List.of("sync", "--now", now.toString(), "--api-url", sandbox.baseUrl(), "--lake",
                    lake.root(), "--pg-url", db.url(), "--pg-schema", db.schema(), "-q"));

            progress.accept("sync bench: the plan alone (a dry run) ...");
            long started = System.nanoTime();
            cli(env, sync, "--scope", "transactions", "--dry-run");
            m.put("plan_seconds", round((System.nanoTime() - started) / 1e9));

            progress.accept("sync bench: the evening's sync ...");
            // The run's stages are told by their run id: they are stamped with the pinned clock (--now), not the machine's.
            java.util.Set<String> earlier = new java.util.HashSet<>();
            RunHistory.endedSince(spark, lake, null).forEach(s -> earlier.add(s.runId()));
            started = System.nanoTime();
            cli(env, sync, "--scope", "transactions");
            double total = (System.nanoTime() - started) / 1e9;
            m.put("api_calls", sandbox.requestLog().entries().size());
            for (RunHistory.Stage s : RunHistory.endedSince(spark, lake, null)) {
                if (!earlier.contains(s.runId()) && !s.stage().equals(RunHistory.RUN)) {
                    m.put(s.stage() + "_seconds", round((s.endedAt().toEpochMilli() - s.startedAt().toEpochMilli()) / 1000.0));
                }
            }
            m.put("sync_seconds", round(total));

            progress.accept("sync bench: a live run ...");
            int before = sandbox.requestLog().entries().size();
            cli(env, sync, "--scope", "live");
            m.put("live_api_calls", sandbox.requestLog().entries().size() - before);
        }
        return m;
    }

    private static void cli(Map<String, String> env, List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        int code = Furlong.run(env, all.toArray(new String[0]));
        if (code != 0) {
            throw new IllegalStateException("sync bench: `furlong " + String.join(" ", all) + "` exited " + code);
        }
    }

    private static double round(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }
}
