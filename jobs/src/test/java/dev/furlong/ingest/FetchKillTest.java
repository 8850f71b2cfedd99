package dev.furlong.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.furlong.cli.Furlong;
import dev.furlong.lake.Lake;
import dev.furlong.sandbox.SandboxConfig;
import dev.furlong.sandbox.SandboxServer;
import dev.furlong.testing.Acceptance;
import dev.furlong.testing.ChildFurlong;
import dev.furlong.testing.SparkTestSession;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fetch killed with SIGKILL at several points, then run to completion, leaves bronze exactly as an uninterrupted fetch does:
 * the same request keys with the same bodies, nothing twice.
 */
@Acceptance
class FetchKillTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 28);
    static final LocalDate FROM = TODAY.minusDays(12);
    static final LocalDate TO = TODAY.minusDays(5);
    static final Map<String, String> ENV = Map.of("RACING_API_USERNAME", "sandbox", "RACING_API_PASSWORD", "sandbox");

    private static List<String> fetchArgs(SandboxServer sandbox, Path lake, Path conf) {
        return List.of("fetch", "--from", FROM.toString(), "--to", TO.toString(), "--api-url", sandbox.baseUrl(), "--lake",
                lake.toString(), "--today", TODAY.toString(), "--conf", conf.toString(), "-q");
    }

    /** Starts the fetch in a child JVM and kills it (SIGKILL) once the sandbox has answered {@code requests} more requests. */
    private static void killAfter(SandboxServer sandbox, Path lake, Path conf, Path dir, int requests) throws Exception {
        int before = sandbox.requestLog().entries().size();
        Process child = ChildFurlong.start(ENV, dir.resolve("child-" + requests + ".log"), fetchArgs(sandbox, lake, conf));
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (sandbox.requestLog().entries().size() < before + requests && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(child.isAlive(), "the child finished before it could be killed: " + Files.readString(dir.resolve("child-" + requests + ".log")));
        child.destroyForcibly(); // SIGKILL: no shutdown hooks, no last commit
        child.waitFor();
    }

    private static Map<String, String> bronze(SparkSession spark, Path lake) {
        List<Row> rows = spark.read().format("delta").load(new Lake(lake.toString()).apiResponses())
                .select("request_key", "body_sha256").collectAsList();
        Map<String, String> byKey = new TreeMap<>();
        for (Row r : rows) {
            assertEquals(null, byKey.put(r.getString(0), r.getString(1)), "stored twice: " + r.getString(0));
        }
        return byKey;
    }

    @Test
    void aKilledFetchResumesToTheSameBronzeAsAnUninterruptedOne(@TempDir Path dir) throws Exception {
        SparkSession spark = SparkTestSession.get();
        Path conf = dir.resolve("small-batches.conf");
        Files.writeString(conf, "furlong.fetch { batch-size = 4, batch-seconds = 2 }\n");
        Path killed = dir.resolve("killed-lake");
        Path reference = dir.resolve("reference-lake");
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults(TODAY), 0)) {
            killAfter(sandbox, killed, conf, dir, 7);
            killAfter(sandbox, killed, conf, dir, 5);
            assertEquals(0, Furlong.run(ENV, fetchArgs(sandbox, killed, conf).toArray(new String[0])));
            assertEquals(0, Furlong.run(ENV, fetchArgs(sandbox, reference, conf).toArray(new String[0])));
        }
        Map<String, String> expected = bronze(spark, reference);
        assertEquals(8 + 8 + 2, expected.size());
        assertEquals(expected, bronze(spark, killed));
        assertTrue(new File(killed + ".fetch.lock").exists(), "the lock file stays; the lock itself died with its process");
    }
}
