package dev.furlong.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.furlong.cli.Furlong;
import dev.furlong.sandbox.SandboxConfig;
import dev.furlong.sandbox.SandboxServer;
import dev.furlong.sandbox.SimRace;
import dev.furlong.testing.Acceptance;
import dev.furlong.testing.ChildFurlong;
import dev.furlong.testing.SandboxCli;
import dev.furlong.testing.SparkTestSession;
import dev.furlong.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lake whose disk fills up in the middle of a backfill: the run fails with the system's message and no table is broken;
 * given room, the rerun completes. The small disk is a tmpfs mounted in a mount namespace of the run's own
 * ({@code unshare}: as any user, through a user namespace), so nothing outside the test sees it.
 */
@Acceptance
class DiskFullTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 28);
    static final LocalDate FROM = LocalDate.of(2026, 11, 20);
    static final LocalDate TO = LocalDate.of(2026, 11, 21);
    static final String SCHEMA = "disk_full";
    static final Map<String, String> ENV = SandboxCli.ENV;
    /** Room for the answers and some of silver, not for the whole run. */
    static final String DISK = "1200k";

    /** Mounts the small disk on $1, runs the rest, and copies what it left on the disk to $2 before the namespace ends. */
    static final String ON_A_SMALL_DISK = "mount -t tmpfs -o size=" + DISK + " tmpfs \"$1\" && disk=\"$1\" && out=\"$2\" && shift 2 "
            + "&& { code=0; \"$@\" || code=$?; df -k \"$disk\" | tail -n 1; cp -a \"$disk/.\" \"$out\"; exit $code; }";

    private static List<String> backfill(SandboxServer sandbox, Path lake) {
        return List.of("backfill", "--from", FROM.toString(), "--to", TO.toString(), "--api-url", sandbox.baseUrl(), "--lake",
                lake.toString(), "--pg-url", TestPostgres.url(), "--pg-schema", SCHEMA, "--today", TODAY.toString(), "--historical-results");
    }

    @Test
    void aLakeThatRunsOutOfSpaceFailsWithAMessageAndTheRerunWithRoomCompletes(@TempDir Path dir) throws Exception {
        SparkTestSession.get();
        Path disk = Files.createDirectory(dir.resolve("disk"));
        Path left = Files.createDirectory(dir.resolve("left"));
        Path log = dir.resolve("full.log");
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults(TODAY).withRateLimits(false), 0)) {
            List<String> wrapper = List.of("unshare", "--user", "--map-root-user", "--mount", "--propagation", "private",
                    "sh", "-c", ON_A_SMALL_DISK, "sh", disk.toString(), left.toString());
            int code = ChildFurlong.start(ENV, log, wrapper, backfill(sandbox, disk.resolve("lake"))).waitFor();
            String said = Files.readString(log);
            System.out.println("disk-full: the run on a " + DISK + " disk exited " + code + ", saying:\n"
                    + said.lines().filter(l -> l.startsWith("furlong") || l.startsWith("tmpfs")).reduce("", (a, b) -> a + b + "\n"));
            assertEquals(1, code, said);
            // Its one line says where and why (the operating system's reason lies deep under Spark's own exception).
            List<String> failure = said.lines().filter(l -> l.startsWith("furlong: ")).toList();
            assertEquals(1, failure.size(), said);
            assertTrue(failure.get(0).matches("furlong: .*Task failed while writing rows to file:.*/disk/lake/.*: No space left on device.*"),
                    failure.get(0));

            // Given room (the lake it left, on the test's own disk), the rerun completes: no table it left is broken.
            Path lake = left.resolve("lake");
            assertTrue(Files.isDirectory(lake.resolve("bronze")), "the run had stored answers before the disk filled");
            assertEquals(0, Furlong.run(ENV, backfill(sandbox, lake).toArray(new String[0])));
            long races = 0;
            long runners = 0;
            for (SimRace race : sandbox.truth(FROM, TO)) {
                races++;
                runners += race.runners().size();
            }
            assertEquals(races, TestPostgres.scalar(TestPostgres.target(SCHEMA), "SELECT count(*) FROM " + SCHEMA + ".ra_races"));
            assertEquals(runners, TestPostgres.scalar(TestPostgres.target(SCHEMA),
                    "SELECT count(*) FROM " + SCHEMA + ".ra_runners WHERE NOT is_non_runner"));
            assertEquals(0, Furlong.run(ENV, Stream.of("validate", "--lake", lake.toString(), "--pg-url", TestPostgres.url(),
                    "--pg-schema", SCHEMA, "--today", TODAY.toString(), "--fail-on", "error", "-q").toArray(String[]::new)));
        }
    }
}
