package dev.furlong.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.furlong.cli.Furlong;
import dev.furlong.sandbox.SandboxConfig;
import dev.furlong.sandbox.SandboxServer;
import dev.furlong.testing.Acceptance;
import dev.furlong.testing.Printed;
import dev.furlong.testing.SparkTestSession;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database going away in the middle of a publish: the publish fails with a plain message, and the rerun completes. */
@Acceptance
class DatabaseFaultsTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 28);
    static final LocalDate DAY = LocalDate.of(2026, 11, 21);
    static final String SCHEMA = "db_faults";
    static final Map<String, String> ENV = Map.of("RACING_API_USERNAME", "sandbox", "RACING_API_PASSWORD", "sandbox",
            "PG_USER", "postgres");

    @Test
    void postgresStoppedMidPublishFailsItCleanlyAndTheRerunAfterTheRestartCompletes(@TempDir Path dir) throws Exception {
        SparkTestSession.get();
        String lake = dir.resolve("lake").toString();
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults(TODAY).withRateLimits(false), 0)) {
            for (String stage : new String[]{"fetch", "transform"}) {
                String[] range = stage.equals("fetch") ? new String[]{"--from", DAY.toString(), "--to", DAY.toString()} : new String[0];
                assertEquals(0, Furlong.run(ENV, concat(new String[]{stage, "--lake", lake, "--api-url", sandbox.baseUrl(),
                        "--today", TODAY.toString(), "--historical-results", "-q"}, range)));
            }
        }
        Path data = dir.resolve("pg");
        int port = freePort();
        EmbeddedPostgres first = start(data, port);
        String url = first.getJdbcUrl("postgres", "postgres");
        String[] publish = {"publish", "--lake", lake, "--pg-url", url, "--pg-schema", SCHEMA, "--today", TODAY.toString()};

        AtomicLong watermarksAtStop = new AtomicLong();
        Printed printed = Printed.by(() -> {
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> Furlong.run(ENV, publish));
            while (watermarksAtStop.updateAndGet(n -> watermarks(first)) < 2 && !run.isDone()) {
                Thread.sleep(20);
            }
            first.close(); // pg_ctl stop -m fast: the server ends every session and shuts down
            return run.get();
        });
        int code = printed.code();
        String said = printed.text();
        System.out.println("database-faults: Postgres stopped after " + watermarksAtStop.get() + " tables were published; the publish said:\n"
                + said.lines().filter(l -> l.contains("publish")).reduce("", (a, b) -> a + b + "\n"));
        assertEquals(1, code, said);
        assertTrue(said.matches("(?s).*furlong: Postgres at jdbc:postgresql://localhost:" + port + "/postgres\\?user=postgres failed while ra_\\w+ was "
                + "being published: .*the next publish does the rest.*"), "the failure names the database and the table: " + said);
        assertFalse(said.contains("\tat "), "a message, not a stack trace: " + said);

        try (EmbeddedPostgres restarted = start(data, port)) {
            assertTrue(watermarks(restarted) < 14, "the stop came before the publish's end (silver's 14 tables)");
            assertEquals(0, Furlong.run(ENV, publish));
            assertEquals(0, Furlong.run(ENV, "validate", "--lake", lake, "--pg-url", url, "--pg-schema", SCHEMA,
                    "--today", TODAY.toString(), "--fail-on", "error", "-q"), "Postgres holds the lake at its watermarks");
        }
    }

    private static EmbeddedPostgres start(Path data, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port)
                .setOutputRedirector(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Tables published so far (0 before the publish has made its bookkeeping table). */
    private static long watermarks(EmbeddedPostgres pg) {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = '" + SCHEMA + "' AND tablename = "
                     + "'etl_watermarks'")) {
            rs.next();
            if (rs.getLong(1) == 0) {
                return 0;
            }
            try (ResultSet n = s.executeQuery("SELECT count(*) FROM " + SCHEMA + ".etl_watermarks")) {
                n.next();
                return n.getLong(1);
            }
        } catch (SQLException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
