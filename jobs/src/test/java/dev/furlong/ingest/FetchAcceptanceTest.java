package dev.furlong.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.furlong.cli.Furlong;
import dev.furlong.lake.Lake;
import dev.furlong.lake.LakeLock;
import dev.furlong.sandbox.RequestLog;
import dev.furlong.sandbox.SandboxConfig;
import dev.furlong.sandbox.SandboxEndpoint;
import dev.furlong.sandbox.SandboxServer;
import dev.furlong.testing.Acceptance;
import dev.furlong.testing.SandboxCli;
import dev.furlong.testing.SparkTestSession;
import dev.furlong.testing.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fetcher against the sandbox with the API's rate limits on: the minimum number of calls, never a limit exceeded. */
@Acceptance
class FetchAcceptanceTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 28);
    static final Map<String, String> ENV = SandboxCli.ENV;

    static int fetch(SandboxServer sandbox, Path lake, LocalDate today, String... more) {
        List<String> args = new ArrayList<>(List.of("--api-url", sandbox.baseUrl(), "--lake", lake.toString(), "--today", today.toString(), "-q"));
        args.addAll(0, List.of(more));
        return Furlong.run(ENV, args.toArray(new String[0]));
    }

    static long calls(RequestLog log, String pathPrefix) {
        return log.entries().stream().filter(e -> e.path().startsWith(pathPrefix)).count();
    }

    /** At most {@code burst + rate × T} requests in any window of length T, measured on the server's arrival times. */
    /**
     * The sandbox logs when a request arrived, not when the client sent it: on a busy machine a request can arrive up to
     * {@code ARRIVAL_JITTER_SECONDS} late and bunch up with the next. A limiter that does not hold fails by far more.
     */
    static final double ARRIVAL_JITTER_SECONDS = 0.25;

    static void assertWithin(List<RequestLog.Entry> entries, double rate, double burst, String what) {
        List<Long> t = entries.stream().map(e -> e.at().toEpochMilli()).sorted().toList();
        for (int i = 0; i < t.size(); i++) {
            for (int j = i + 1; j < t.size(); j++) {
                double window = (t.get(j) - t.get(i)) / 1000.0;
                assertTrue(j - i + 1 <= burst + rate * (window + ARRIVAL_JITTER_SECONDS) + 1,
                        what + ": " + (j - i + 1) + " requests within " + window + " s");
            }
        }
    }

    @Test
    void aThirtyDayBackfillMakesTheMinimumCallsAndARerunMakesNone(@TempDir Path dir) throws Exception {
        SparkTestSession.get();
        LocalDate from = TODAY.minusDays(33);
        LocalDate to = TODAY.minusDays(4);
        Path lake = dir.resolve("lake");
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults(TODAY), 0)) {
            assertEquals(0, fetch(sandbox, lake, TODAY, "fetch", "--from", from.toString(), "--to", to.toString()));
            long resultPages = 0;
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                resultPages += Math.max(1, (sandbox.world().racesOn(d).size() + 99) / 100);
            }
            RequestLog log = sandbox.requestLog();
            assertEquals(30, resultPages, "no day of this world needs a second page");
            assertEquals(resultPages, calls(log, "/v1/results"));
            assertEquals(30, calls(log, "/v1/racecards/pro"));
            assertEquals(1, calls(log, "/v1/courses/regions"));
            assertEquals(1, log.entries().stream().filter(e -> e.path().equals("/v1/courses")).count());
            assertEquals(62, log.entries().size());
            assertEquals(List.of(), log.entries().stream().filter(e -> e.status() != 200).toList(), "no 429, no error");
            List<Long> all = log.entries().stream().map(e -> e.at().toEpochMilli()).sorted().toList();
            for (int i = 0; i + 100 < all.size(); i++) {
                assertTrue(all.get(i + 100) - all.get(i) > 10_000, "more than 100 requests within 10 seconds");
            }
            assertWithin(log.entries(), 8, 1, "the client's global limit");
            assertWithin(log.entries().stream().filter(e -> e.path().equals("/v1/results")).toList(), 5, 1, "results");
            assertWithin(log.entries().stream().filter(e -> e.path().equals("/v1/racecards/pro")).toList(), 2, 1, "racecards");

            log.clear();
            assertEquals(0, fetch(sandbox, lake, TODAY, "fetch", "--from", from.toString(), "--to", to.toString()));
            assertEquals(List.of(), log.entries(), "a rerun fetches nothing");
        }

        // The next day's scheduled sync asks only for the mutable window, today's results so far and the week of racecards ahead.
        LocalDate tomorrow = TODAY.plusDays(1);
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults(tomorrow), 0)) {
            assertEquals(0, fetch(sandbox, lake, tomorrow, "sync", "--scope", "transactions", "--pg-url", TestPostgres.url(),
                    "--pg-schema", "fetch_sync"));
            Map<String, List<String>> byPath = sandbox.requestLog().entries().stream().collect(Collectors.groupingBy(
                    RequestLog.Entry::path, Collectors.mapping(e -> e.query().replaceAll(".*(start_date|date)=([0-9-]+).*", "$2"),
                            Collectors.toList())));
            assertEquals(List.of("2026-11-28", "2026-11-27", "2026-11-26"), byPath.get("/v1/results"));
            assertEquals(1, byPath.get("/v1/results/today").size(), "today's results so far");
            assertEquals(8, byPath.get("/v1/racecards/pro").size());
            assertEquals(3, byPath.size());

            // The people scope makes no call: the jockeys are exactly those silver's runners name.
            sandbox.requestLog().clear();
            assertEquals(0, fetch(sandbox, lake, tomorrow, "sync", "--scope", "people", "--pg-url", TestPostgres.url(),
                    "--pg-schema", "fetch_sync"));
            assertEquals(List.of(), sandbox.requestLog().entries());
            var spark = SparkTestSession.get();
            Lake l = new Lake(lake.toString());
            assertEquals(spark.read().format("delta").load(l.silver("runners")).where("jockey_id IS NOT NULL").select("jockey_id")
                    .distinct().count(), spark.read().format("delta").load(l.silver("mst_jockeys")).count());
        }
        // The run history holds a row per stage, in Postgres and in the lake, with the API calls the fetch made.
        var db = TestPostgres.target("fetch_sync");
        // A transactions run fetches all a live one would, so it counts as one.
        assertEquals(5, TestPostgres.scalar(db, "SELECT count(*) FROM fetch_sync.etl_runs WHERE command = 'sync' AND scope = "
                + "'transactions,live' AND outcome = 'succeeded' AND stage IN ('fetch', 'transform', 'stats', 'publish', 'run')"));
        assertEquals(11, TestPostgres.scalar(db, "SELECT (api_calls->>'results')::int + (api_calls->>'racecards_pro')::int "
                + "FROM fetch_sync.etl_runs WHERE command = 'sync' AND stage = 'fetch'"));
        assertEquals(1, TestPostgres.scalar(db, "SELECT count(*) FROM fetch_sync.etl_runs WHERE scope = 'people' AND stage = 'people' "
                + "AND outcome = 'succeeded'"));
        assertEquals(List.of("fetch", "publish", "run", "stats", "transform"), dev.furlong.lake.RunHistory.endedSince(SparkTestSession.get(),
                        new Lake(lake.toString()), null).stream().filter(st -> "transactions,live".equals(st.scope()))
                .map(dev.furlong.lake.RunHistory.Stage::stage).sorted().toList());
    }

    @Test
    void injectedFaultsAreRetriedAndNothingIsMissing(@TempDir Path dir) throws Exception {
        var spark = SparkTestSession.get();
        SandboxConfig.Faults faults = new SandboxConfig.Faults(Duration.ZERO, 0.15, 0.1, 0.1, 0, 0.05);
        SandboxConfig config = SandboxConfig.defaults(TODAY).withRateLimits(false)
                .withFaults(SandboxEndpoint.RESULTS, faults).withFaults(SandboxEndpoint.RACECARDS_PRO, faults);
        Path lake = dir.resolve("lake");
        LocalDate from = TODAY.minusDays(14);
        LocalDate to = TODAY.minusDays(5);
        try (SandboxServer sandbox = SandboxServer.start(config, 0)) {
            int code = fetch(sandbox, lake, TODAY, "fetch", "--from", from.toString(), "--to", to.toString());
            assertTrue(sandbox.requestLog().entries().stream().anyMatch(e -> e.status() != 200), "faults were injected");
            Lake l = new Lake(lake.toString());
            List<Row> stored = spark.read().format("delta").load(l.apiResponses()).collectAsList();
            List<Row> failed = spark.read().format("delta").load(l.fetchLog()).where("outcome = 'failed'").collectAsList();
            // Every unit is either in bronze or reported as failed, and the run's exit code says which.
            assertEquals(22, stored.size() + failed.size());
            assertEquals(failed.isEmpty() ? 0 : 1, code);
            assertEquals(stored.size(), stored.stream().map(r -> r.getAs("request_key")).distinct().count(), "no duplicates");
        }
    }

    static LakeLock holdLock(Path lake) {
        return LakeLock.acquire(lake.toString(), () -> {
            throw new AssertionError("a local lake needs no database");
        }, Duration.ZERO, line -> {
            throw new AssertionError("the lock is free");
        });
    }

    @Test
    void aFetchWaitsForTheLockAndThenRuns(@TempDir Path dir) throws Exception {
        Path lake = dir.resolve("lake");
        String day = TODAY.minusDays(5).toString();
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults(TODAY), 0)) {
            LakeLock held = holdLock(lake);
            Thread release = new Thread(() -> {
                try {
                    Thread.sleep(2_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                held.close();
            });
            long start = System.nanoTime();
            release.start();
            assertEquals(0, fetch(sandbox, lake, TODAY, "fetch", "--from", day, "--to", day));
            release.join();
            assertTrue(System.nanoTime() - start >= 2_000_000_000L, "it waited for the lock");
            assertEquals(2, calls(sandbox.requestLog(), "/v1/results") + calls(sandbox.requestLog(), "/v1/racecards"),
                    "then it fetched the day");
        }
    }

    @Test
    void aFetchThatWaitsPastItsLockTimeoutFailsAndFetchesNothing(@TempDir Path dir) throws Exception {
        Path lake = dir.resolve("lake");
        String day = TODAY.minusDays(5).toString();
        PrintStream err = System.err;
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults(TODAY), 0);
             LakeLock held = holdLock(lake)) {
            System.setErr(new PrintStream(said, true, StandardCharsets.UTF_8));
            assertEquals(1, fetch(sandbox, lake, TODAY, "fetch", "--from", day, "--to", day, "--lock-timeout", "1s"));
            assertEquals(0, sandbox.requestLog().entries().size());
        } finally {
            System.setErr(err);
        }
        assertTrue(said.toString(StandardCharsets.UTF_8).contains("gave up after waiting 1 s for the lake's lock: another furlong "
                + "process is writing this lake"), said.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aPlainSyncRunsWhatIsDueOnAFreshLakeAndNothingStraightAfter(@TempDir Path dir) throws Exception {
        Path lake = dir.resolve("lake");
        String now = TODAY.atTime(12, 5).toString();
        // Horse details of every horse only the results named would take minutes at 5 a second: a small budget shows the scope.
        Path conf = java.nio.file.Files.writeString(dir.resolve("small-budget.conf"), "furlong.fetch.horse-budget = 20\n");
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults(TODAY.atTime(12, 5)), 0)) {
            String[] sync = {"sync", "--now", now, "--pg-url", TestPostgres.url(), "--pg-schema", "fetch_due", "--conf", conf.toString()};
            List<String> args = new ArrayList<>(List.of(sync));
            args.addAll(List.of("--api-url", sandbox.baseUrl(), "--lake", lake.toString(), "-q"));
            assertEquals(0, Furlong.run(ENV, args.toArray(new String[0])), "every scope is due on a fresh lake, and each works");
            RequestLog log = sandbox.requestLog();
            assertEquals(1, calls(log, "/v1/courses/regions"), "static");
            assertEquals(1, calls(log, "/v1/results/today"), "transactions (live's calls among them)");
            assertEquals(20, calls(log, "/v1/horses/"), "horses, within the budget");
            assertEquals(3 + 28, log.entries().stream().filter(e -> e.path().equals("/v1/results")).count(),
                    "the mutable window, then the 28 days before it (amendments)");

            log.clear();
            assertEquals(0, Furlong.run(ENV, args.toArray(new String[0])));
            assertEquals(List.of(), log.entries(), "straight after, nothing is due");
        }
        var db = TestPostgres.target("fetch_due");
        // The first run is recorded with every scope; the second had nothing to run and so no stage to record.
        assertEquals(1, TestPostgres.scalar(db, "SELECT count(*) FROM fetch_due.etl_runs WHERE stage = 'run' AND outcome = 'succeeded'"
                + " AND string_to_array(scope, ',') @> ARRAY['transactions', 'live', 'horses', 'people', 'static', 'amendments']"));
        assertEquals(1, TestPostgres.scalar(db, "SELECT count(*) FROM fetch_due.etl_runs WHERE stage = 'run'"));
    }
}
