package dev.furlong.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.furlong.cli.Furlong;
import dev.furlong.sandbox.SandboxConfig;
import dev.furlong.sandbox.SandboxServer;
import dev.furlong.sandbox.SimRace;
import dev.furlong.testing.SparkTestSession;
import dev.furlong.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code furlong backfill} against a sandbox it did not start and a Postgres it did not start, credentials from the
 * environment: what lands in Postgres is exactly what the API served, and a second run changes nothing.
 */
class EndToEndTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 28);
    static final LocalDate FROM = LocalDate.of(2026, 11, 19);
    static final LocalDate TO = LocalDate.of(2026, 11, 21);

    @Test
    void backfillLandsWhatTheApiServedAndIsIdempotent(@TempDir Path dir) throws Exception {
        SparkTestSession.get();
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults(TODAY), 0)) {
            Map<String, String> env = Map.of("RACING_API_USERNAME", "sandbox", "RACING_API_PASSWORD", "sandbox", "PG_USER", "postgres");
            String[] args = {"backfill", "--from", FROM.toString(), "--to", TO.toString(), "--api-url", sandbox.baseUrl(),
                    "--lake", dir.resolve("lake").toString(), "--pg-url", TestPostgres.url(), "--pg-schema", "e2e",
                    "--today", TODAY.toString(), "--historical-results", "-q"};
            assertEquals(0, Furlong.run(env, args));

            long races = 0;
            long runners = 0;
            for (LocalDate d = FROM; !d.isAfter(TO); d = d.plusDays(1)) {
                for (SimRace race : sandbox.world().racesOn(d)) {
                    races++;
                    runners += race.runners().size();
                }
            }
            assertTrue(races > 100, "three days of racing: " + races);
            assertEquals(races, count("SELECT count(*) FROM e2e.ra_races"));
            assertEquals(runners, count("SELECT count(*) FROM e2e.ra_runners WHERE NOT is_non_runner"));
            assertEquals(3, sandbox.requestLog().count("/v1/results"));

            sandbox.requestLog().clear();
            assertEquals(0, Furlong.run(env, args));
            assertEquals(0, sandbox.requestLog().count("/v1/results"), "a rerun fetches nothing outside the mutable window");
            assertEquals(races, count("SELECT count(*) FROM e2e.ra_races"));
            assertEquals(runners, count("SELECT count(*) FROM e2e.ra_runners WHERE NOT is_non_runner"));
        }
    }

    private static long count(String sql) throws Exception {
        try (Connection c = TestPostgres.target("e2e").connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
