package dev.furlong.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.furlong.cli.Furlong;
import dev.furlong.lake.Lake;
import dev.furlong.sandbox.SandboxConfig;
import dev.furlong.sandbox.SandboxServer;
import dev.furlong.testing.Acceptance;
import dev.furlong.testing.ChildFurlong;
import dev.furlong.testing.SandboxLake;
import dev.furlong.testing.SparkTestSession;
import dev.furlong.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A publish killed with SIGKILL at several points, then run to completion, leaves Postgres identical to an uninterrupted
 * publish; after every kill, each table with a watermark holds all it covers, and each table without one is empty.
 */
@Acceptance
class PublishKillTest {

    static final String KILLED = "publish_killed";
    static final String REFERENCE = "publish_reference";

    private static List<String> publishArgs(Lake lake, String schema) {
        return List.of("publish", "--lake", lake.root(), "--pg-url", TestPostgres.url(), "--pg-schema", schema, "-q");
    }

    private static long scalar(String sql) throws SQLException {
        return TestPostgres.scalar(TestPostgres.target(KILLED), sql);
    }

    private static long watermarks() throws SQLException {
        return scalar("SELECT count(*) FROM pg_tables WHERE schemaname = '" + KILLED + "' AND tablename = 'etl_watermarks'") == 0 ? 0
                : scalar("SELECT count(*) FROM " + KILLED + ".etl_watermarks");
    }

    /** A transaction is writing ra_runners: a first load COPYing into it, or an upsert from staging. */
    private static long runnersBeingWritten() throws SQLException {
        return scalar("SELECT count(*) FROM pg_locks l JOIN pg_class t ON t.oid = l.relation JOIN pg_namespace n ON n.oid = "
                + "t.relnamespace WHERE n.nspname = '" + KILLED + "' AND t.relname = 'ra_runners' AND l.mode IN "
                + "('ShareRowExclusiveLock', 'RowExclusiveLock')");
    }

    /** Starts the publish in a child JVM and kills it (SIGKILL) when {@code due} first holds. */
    private static void killWhen(Lake lake, Path dir, String name, Due due) throws Exception {
        Path log = dir.resolve("child-" + name + ".log");
        Process child = ChildFurlong.start(Map.of("PG_USER", "postgres"), log, publishArgs(lake, KILLED));
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (!due.now() && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(child.isAlive(), "the child ended before it could be killed (" + name + "): " + Files.readString(log));
        child.destroyForcibly(); // SIGKILL: no shutdown hooks, the transaction in flight is lost
        child.waitFor();
        assertOnlyCompleteTables();
    }

    private interface Due {
        boolean now() throws SQLException;
    }

    /** Every table with a watermark equals the reference; every table without one is empty. */
    private static void assertOnlyCompleteTables() throws SQLException {
        Map<String, Long> marked = new HashMap<>();
        if (watermarks() > 0) {
            try (Connection c = TestPostgres.target(KILLED).connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT table_name, source_version FROM " + KILLED + ".etl_watermarks")) {
                while (rs.next()) {
                    marked.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        for (PublishedTable t : PublishedTable.ALL) {
            if (!t.lakeTable().startsWith("silver/") || scalar("SELECT count(*) FROM pg_tables WHERE schemaname = '" + KILLED
                    + "' AND tablename = '" + t.pgTable() + "'") == 0) {
                continue;
            }
            if (marked.containsKey(t.pgTable())) {
                assertEquals(0, differences(t.pgTable()), t.pgTable() + " has a watermark but differs from the reference");
            } else {
                assertEquals(0, scalar("SELECT count(*) FROM " + KILLED + "." + t.pgTable()), t.pgTable() + " has rows but no watermark");
            }
        }
    }

    private static long differences(String table) throws SQLException {
        String killed = KILLED + "." + table;
        String reference = REFERENCE + "." + table;
        return scalar("SELECT count(*) FROM ((SELECT * FROM " + killed + " EXCEPT ALL SELECT * FROM " + reference + ") UNION ALL "
                + "(SELECT * FROM " + reference + " EXCEPT ALL SELECT * FROM " + killed + ")) d");
    }

    @Test
    void aKilledPublishResumesToTheSamePostgresAsAnUninterruptedOne(@TempDir Path dir) throws Exception {
        Lake lake = new Lake(dir.resolve("lake").toString());
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults(SandboxLake.TODAY).withRateLimits(false), 0)) {
            SandboxLake.fetchAndTransform(sandbox.baseUrl(), lake.root(), LocalDate.of(2026, 11, 19), LocalDate.of(2026, 11, 20));
        }
        new PublishJob(SparkTestSession.get(), lake, TestPostgres.target(REFERENCE), "reference").run(false);

        killWhen(lake, dir, "early", () -> watermarks() >= 3);
        killWhen(lake, dir, "writing-runners", () -> runnersBeingWritten() > 0);
        killWhen(lake, dir, "late", () -> watermarks() >= 13);
        assertEquals(0, Furlong.run(Map.of("PG_USER", "postgres"), publishArgs(lake, KILLED).toArray(new String[0])));

        for (PublishedTable t : PublishedTable.ALL) {
            if (t.lakeTable().startsWith("silver/")) {
                assertTrue(scalar("SELECT count(*) FROM " + REFERENCE + "." + t.pgTable()) > 0, t.pgTable());
                assertEquals(0, differences(t.pgTable()), t.pgTable());
            }
        }
        assertEquals(14, watermarks());
        assertEquals(0, scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'furlong_staging'"));
    }
}
