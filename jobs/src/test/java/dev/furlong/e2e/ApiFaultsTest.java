package dev.furlong.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.furlong.cli.Furlong;
import dev.furlong.lake.Lake;
import dev.furlong.sandbox.RequestLog;
import dev.furlong.sandbox.SandboxConfig;
import dev.furlong.sandbox.SandboxEndpoint;
import dev.furlong.sandbox.SandboxServer;
import dev.furlong.sandbox.SimRace;
import dev.furlong.testing.Acceptance;
import dev.furlong.testing.Printed;
import dev.furlong.testing.SparkTestSession;
import dev.furlong.testing.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole backfills against an API that misbehaves, with its rate limits enforced: the run finishes what it can, says exactly
 * what it could not, never breaks a limit, and the rerun completes the rest; a credential revoked mid-run stops it at once.
 */
@Acceptance
class ApiFaultsTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 28);
    static final LocalDate FROM = LocalDate.of(2026, 11, 19);
    static final LocalDate TO = LocalDate.of(2026, 11, 21);
    static final Map<String, String> ENV = Map.of("RACING_API_USERNAME", "sandbox", "RACING_API_PASSWORD", "sandbox",
            "PG_USER", "postgres");

    /** Six attempts in ten fail: 503s, a 429 storm, bodies cut off halfway, connections reset; every answer 20 ms late. */
    static final SandboxConfig.Faults STORM = new SandboxConfig.Faults(Duration.ofMillis(20), 0.2, 0.2, 0.1, 0, 0.1);
    /** Every answer's schema drifted: its first runner comes without its horse id. */
    static final SandboxConfig.Faults DRIFTED = new SandboxConfig.Faults(Duration.ZERO, 0, 0, 0, 1, 0);
    /** An endpoint that is down for the whole run. */
    static final SandboxConfig.Faults DOWN = new SandboxConfig.Faults(Duration.ZERO, 1, 0, 0, 0, 0);

    @Test
    void aRunThroughAStormFinishesWhatItCanReportsExactlyWhatItCouldNotAndTheRerunCompletesIt(@TempDir Path dir) throws Exception {
        SparkSession spark = SparkTestSession.get();
        Lake lake = new Lake(dir.resolve("lake").toString());
        SandboxConfig healthy = SandboxConfig.defaults(TODAY);

        String first;
        try (SandboxServer sandbox = SandboxServer.start(healthy.withFaults(SandboxEndpoint.RESULTS, STORM)
                .withFaults(SandboxEndpoint.RACECARDS_PRO, DRIFTED).withFaults(SandboxEndpoint.COURSES, DOWN), 0)) {
            first = run(1, sandbox, lake, "backfill", FROM);
            Map<Integer, Long> statuses = sandbox.requestLog().entries().stream()
                    .collect(Collectors.groupingBy(RequestLog.Entry::status, TreeMap::new, Collectors.counting()));
            System.out.println("api-faults: the stormy run's answers by status (0: connection reset): " + statuses);
            assertTrue(statuses.getOrDefault(503, 0L) > 1 && statuses.keySet().stream().anyMatch(s -> s == 0 || s == 429),
                    "faults were injected: " + statuses);
            assertEquals(0, sandbox.limitRefusals(), "retries are throttled too: no rate limit was broken");
        }
        // Exactly what could not be fetched: the units whose last outcome is a failure, each named in the output.
        Set<String> failed = lastOutcomes(spark, lake).entrySet().stream().filter(e -> e.getValue().equals("failed"))
                .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
        System.out.println("api-faults: units failed in the stormy run: " + failed);
        assertTrue(failed.contains("courses /v1/courses"), "the endpoint that was down: " + failed);
        for (String unit : failed) {
            assertTrue(first.contains(unit.substring(unit.indexOf(' ') + 1)), "the output names " + unit + ":\n" + first);
        }
        assertTrue(first.contains(failed.size() + " units failed"), first);
        Set<String> stored = storedKeys(spark, lake);
        assertTrue(stored.stream().anyMatch(k -> k.startsWith("/v1/results")), "results were stored through the storm");
        assertFalse(stored.contains("/v1/courses"));
        long published = TestPostgres.scalar(TestPostgres.target(schema()), "SELECT count(*) FROM " + schema() + ".ra_races");
        assertTrue(published > 0, "what was fetched went on to be published");
        // The drifted racecards: each record that cannot be read is set aside with its reason, the rest of the answer kept.
        Dataset<Row> quarantine = spark.read().format("delta").load(lake.quarantine())
                .where(functions.col("request_key").startsWith("/v1/racecards/pro"));
        quarantine.groupBy("reason").count().show(false);
        assertTrue(quarantine.where(functions.col("reason").contains("no horse_id")).count() > 0, "the runner without its horse id");

        try (SandboxServer sandbox = SandboxServer.start(healthy, 0)) {
            run(0, sandbox, lake, "backfill", FROM);
            Set<String> fetchedAgain = sandbox.requestLog().entries().stream().map(ApiFaultsTest::requestKey)
                    .collect(Collectors.toSet());
            // Each unit's first page is its key; a unit of several pages asks for the others after it.
            Set<String> failedKeys = failed.stream().map(u -> u.substring(u.indexOf(' ') + 1)).collect(Collectors.toCollection(TreeSet::new));
            Set<String> firstPages = fetchedAgain.stream().filter(k -> !k.matches(".*[?&]skip=[1-9].*"))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(failedKeys, firstPages, "the rerun asks for what failed, and nothing else");
            assertEquals(0, sandbox.limitRefusals());

            long races = 0;
            long runners = 0;
            for (SimRace race : sandbox.truth(FROM, TO)) {
                races++;
                runners += race.runners().size();
            }
            assertEquals(races, TestPostgres.scalar(TestPostgres.target(schema()), "SELECT count(*) FROM " + schema() + ".ra_races"));
            assertEquals(runners, TestPostgres.scalar(TestPostgres.target(schema()),
                    "SELECT count(*) FROM " + schema() + ".ra_runners WHERE NOT is_non_runner"));
            assertTrue(TestPostgres.scalar(TestPostgres.target(schema()), "SELECT count(*) FROM " + schema() + ".ra_mst_courses") > 50);
        }
        assertTrue(lastOutcomes(spark, lake).values().stream().noneMatch("failed"::equals), "nothing is left failed");
        assertEquals(0, Furlong.run(ENV, "validate", "--lake", lake.root(), "--pg-url", TestPostgres.url(), "--pg-schema", schema(),
                "--today", TODAY.toString(), "--fail-on", "error", "-q"));
    }

    @Test
    void aCredentialRevokedMidRunStopsItAtOnceNamingTheCauseAndKeepingWhatWasStored(@TempDir Path dir) throws Exception {
        SparkSession spark = SparkTestSession.get();
        Lake lake = new Lake(dir.resolve("lake").toString());
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults(TODAY), 0)) {
            sandbox.revokeCredentialsAfter(4);
            // Ten days: the regions, the courses, ten days of results and the last day's cards.
            String printed = run(1, sandbox, lake, "backfill", TO.minusDays(9));
            assertTrue(printed.contains("401"), "the cause is named: " + printed);

            List<RequestLog.Entry> log = sandbox.requestLog().entries();
            List<Integer> statuses = log.stream().map(RequestLog.Entry::status).toList();
            System.out.println("api-faults: answers of the run whose credential was revoked after 4: " + statuses);
            assertEquals(4, statuses.stream().filter(s -> s == 200).count());
            // At once: a 401 is not retried, and no lane starts another request after it; the other lane's request already
            // on the wire is the only other one refused.
            long refused = statuses.stream().filter(s -> s == 401).count();
            assertTrue(refused >= 1 && refused <= 2, "requests refused: " + statuses);

            // Every answer the run had read is kept in bronze. One still on its way to another lane when the refusal came
            // is dropped with that lane's call (the sandbox counts it as given once its status is sent); the rerun asks again.
            Set<String> answered = new TreeSet<>();
            log.stream().filter(e -> e.status() == 200).forEach(e -> answered.add(requestKey(e)));
            Set<String> stored = storedKeys(spark, lake);
            assertTrue(answered.containsAll(stored), "bronze holds only answers: " + stored);
            assertTrue(answered.size() - stored.size() <= 1, "answered " + answered + ", kept " + stored);
        }
    }

    private static String schema() {
        return "api_faults";
    }

    /** A request as bronze keys it: the path and the query's parameters in order. */
    private static String requestKey(RequestLog.Entry e) {
        return e.query().isEmpty() ? e.path() : e.path() + "?" + Stream.of(e.query().split("&")).sorted().collect(Collectors.joining("&"));
    }

    /** The request keys bronze holds (pages beyond the first carry their skip). */
    private static Set<String> storedKeys(SparkSession spark, Lake lake) {
        return spark.read().format("delta").load(lake.apiResponses()).select("request_key").collectAsList().stream()
                .map(r -> r.getString(0)).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Each unit ("endpoint request-key") and the outcome of its latest attempt. */
    private static Map<String, String> lastOutcomes(SparkSession spark, Lake lake) {
        Dataset<Row> log = spark.read().format("delta").load(lake.fetchLog());
        Map<String, String> out = new TreeMap<>();
        log.orderBy(functions.col("at")).collectAsList()
                .forEach(r -> out.put(r.getAs("endpoint") + " " + r.getAs("request_key"), r.getAs("outcome")));
        return out;
    }

    /** Runs a command from {@code from} to {@link #TO} against {@code sandbox}, expects its exit code, returns what it printed. */
    private static String run(int expected, SandboxServer sandbox, Lake lake, String command, LocalDate from) {
        List<String> args = new ArrayList<>(List.of(command, "--from", from.toString(), "--to", TO.toString(), "--api-url",
                sandbox.baseUrl(), "--lake", lake.root(), "--pg-url", TestPostgres.url(), "--pg-schema", schema(), "--today",
                TODAY.toString(), "--historical-results"));
        long started = System.nanoTime();
        Printed printed;
        try {
            printed = Printed.by(() -> Furlong.run(ENV, args.toArray(new String[0])));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        int code = printed.code();
        String text = printed.text();
        System.out.printf("api-faults: %s from %s exited %d after %.1f s%n", command, from, code, (System.nanoTime() - started) / 1e9);
        assertEquals(expected, code, String.join(" ", args) + "\n" + text);
        return text;
    }
}
