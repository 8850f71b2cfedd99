package dev.furlong.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.furlong.cli.Furlong;
import dev.furlong.sandbox.SandboxConfig;
import dev.furlong.sandbox.SandboxServer;
import dev.furlong.testing.ChildFurlong;
import dev.furlong.testing.SandboxCli;
import dev.furlong.testing.SparkTestSession;
import dev.furlong.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backfill and a sync started together on one lake and one database, as two processes: they take turns stage by stage (the
 * lake's lock, the publish lock) and end exactly as the same two run one after the other. The soak tier ({@code -Psoak}):
 * its two whole runs at once and their reference one after the other take about six minutes.
 */
@Tag("soak")
class ConcurrencyTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 28);
    /** The clock of the sandbox and of every run, before the day's first race: nothing of the outcome hangs on the hour run. */
    static final LocalDateTime MORNING = TODAY.atTime(10, 0);
    static final Map<String, String> ENV = SandboxCli.ENV;

    /** The statistics a sync does not refresh: only a full statistics run (a backfill's, `furlong stats`) makes them. */
    static final List<String> FULL_RUN_ONLY = List.of("entity_combinations", "performance_by_distance", "performance_by_venue");

    /** Two days before the sync's window (yesterday, with a one-day window, and today's and tomorrow's cards). */
    private static List<String> backfill(SandboxServer sandbox, Path lake, String schema, Path conf) {
        return List.of("backfill", "--from", TODAY.minusDays(5).toString(), "--to", TODAY.minusDays(4).toString(), "--api-url",
                sandbox.baseUrl(), "--lake", lake.toString(), "--pg-url", TestPostgres.url(), "--pg-schema", schema, "--now",
                MORNING.toString(), "--conf", conf.toString());
    }

    private static List<String> sync(SandboxServer sandbox, Path lake, String schema, Path conf) {
        return List.of("sync", "--scope", "transactions", "--api-url", sandbox.baseUrl(), "--lake", lake.toString(), "--pg-url",
                TestPostgres.url(), "--pg-schema", schema, "--now", MORNING.toString(), "--conf", conf.toString());
    }

    @Test
    void aBackfillAndASyncAtOnceEndAsTheOneAfterTheOther(@TempDir Path dir) throws Exception {
        SparkSession spark = SparkTestSession.get();
        Path conf = Files.writeString(dir.resolve("furlong.conf"), "furlong.fetch.mutable-window-days = 1\n");
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults(MORNING), 0)) {
            Path together = dir.resolve("together/lake");
            Process backfill = ChildFurlong.start(ENV, dir.resolve("backfill.log"), backfill(sandbox, together, "together", conf));
            Process sync = ChildFurlong.start(ENV, dir.resolve("sync.log"), sync(sandbox, together, "together", conf));
            assertEquals(0, backfill.waitFor(), Files.readString(dir.resolve("backfill.log")));
            assertEquals(0, sync.waitFor(), Files.readString(dir.resolve("sync.log")));
            String said = Files.readString(dir.resolve("backfill.log")) + Files.readString(dir.resolve("sync.log"));
            List<String> waits = said.lines().filter(l -> l.contains("waiting for")).toList();
            System.out.println("concurrency: the two runs waited for each other " + waits.size() + " times: " + waits);
            assertTrue(waits.size() > 0, "they overlapped: one waited for the other");

            Path apart = dir.resolve("apart/lake");
            for (List<String> run : List.of(backfill(sandbox, apart, "apart", conf), sync(sandbox, apart, "apart", conf))) {
                assertEquals(0, Furlong.run(ENV, run.toArray(new String[0])));
            }
            CrashAnywhereTest.Snapshot oneAfterTheOther = CrashAnywhereTest.Snapshot.of(spark, apart, "apart");
            CrashAnywhereTest.Snapshot atOnce = CrashAnywhereTest.Snapshot.of(spark, together, "together");
            oneAfterTheOther.without(FULL_RUN_ONLY).assertSameAs(atOnce.without(FULL_RUN_ONLY), "after a backfill and a sync at once");

            // The statistics only a full run makes are as of the last full run: the backfill's, which saw the sync's days
            // when the sync's transform came first. So they equal one of the two orders: the backfill's statistics before the
            // sync, or after it (the apart lake's own statistics run again, then published).
            for (String command : new String[]{"stats", "publish"}) {
                assertEquals(0, Furlong.run(ENV, command, "--lake", apart.toString(), "--pg-url",
                        TestPostgres.url(), "--pg-schema", "apart", "--now", MORNING.toString(), "--conf", conf.toString(), "-q"));
            }
            CrashAnywhereTest.Snapshot statisticsAfterTheSync = CrashAnywhereTest.Snapshot.of(spark, apart, "apart");
            for (String table : FULL_RUN_ONLY) {
                boolean before = oneAfterTheOther.holdsSameAs(atOnce, table);
                boolean after = statisticsAfterTheSync.holdsSameAs(atOnce, table);
                System.out.println("concurrency: " + table + (before && after ? " the same in either order"
                        : " as in the order with the backfill's statistics " + (before ? "before" : "after") + " the sync"));
                assertTrue(before || after, table + " equals neither order's");
            }
            System.out.println("concurrency: " + atOnce.rows() + " rows compared with the runs one after the other, 0 differences");
            assertEquals(0, Furlong.run(ENV, Stream.of("validate", "--lake", together.toString(), "--pg-url", TestPostgres.url(),
                    "--pg-schema", "together", "--now", MORNING.toString(), "--conf", conf.toString(), "-q").toArray(String[]::new)));
        }
    }
}
