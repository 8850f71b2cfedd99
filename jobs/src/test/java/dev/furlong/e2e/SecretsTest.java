package dev.furlong.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.furlong.cli.Furlong;
import dev.furlong.sandbox.SandboxConfig;
import dev.furlong.sandbox.SandboxServer;
import dev.furlong.testing.Acceptance;
import dev.furlong.testing.ChildFurlong;
import dev.furlong.testing.SparkTestSession;
import dev.furlong.testing.TestPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backfill, a validate with its HTML report and a run refused with 401, all made with recognisable credentials: neither the
 * API password nor the database password appears in any artefact — the processes' output (verbose), any file under the data
 * folder (Delta logs and commit info, the report), any row of any lake table, any row of any Postgres table.
 */
@Acceptance
class SecretsTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 28);
    static final String API_USER = "canary-user";
    static final String API_PASSWORD = "Api-Canary-7f3e9b";
    static final String WRONG_PASSWORD = "Wrong-Canary-41c2d8";
    static final String PG_PASSWORD = "Pg-Canary-c0ffee";

    /** Each secret as it could leak: itself, and inside a Basic authorization header. */
    static final List<String> FORBIDDEN = Stream.of(API_PASSWORD, WRONG_PASSWORD, PG_PASSWORD)
            .flatMap(p -> Stream.of(p, Base64.getEncoder().encodeToString((API_USER + ":" + p).getBytes(StandardCharsets.UTF_8))))
            .toList();

    @Test
    void noCredentialReachesAnyArtefactOfARun(@TempDir Path dir) throws Exception {
        SparkSession spark = SparkTestSession.get();
        Path lake = dir.resolve("data/lake");
        Path report = dir.resolve("data/validation.html");
        String[] common = {"--lake", lake.toString(), "--pg-url", TestPostgres.url(), "--pg-schema", "secrets",
                "--today", TODAY.toString()};
        Map<String, String> env = new HashMap<>(Map.of("RACING_API_USERNAME", API_USER, "RACING_API_PASSWORD", API_PASSWORD,
                "PG_USER", "postgres", "PG_PASSWORD", PG_PASSWORD));
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults(TODAY).withCredentials(API_USER, API_PASSWORD), 0)) {
            String api = sandbox.baseUrl();
            assertEquals(0, ChildFurlong.run(env, dir.resolve("backfill.log"), concat(common, "backfill", "--from", TODAY.minusDays(3).toString(),
                    "--to", TODAY.minusDays(2).toString(), "--api-url", api, "-v")), Files.readString(dir.resolve("backfill.log")));

            env.put("RACING_API_PASSWORD", WRONG_PASSWORD);
            assertEquals(1, ChildFurlong.run(env, dir.resolve("refused.log"), concat(common, "sync", "--scope", "transactions", "--api-url", api,
                    "-v")));
            String refused = Files.readString(dir.resolve("refused.log"));
            assertTrue(refused.contains("401"), "the refusal names its cause: " + refused);
        }
        assertEquals(0, Furlong.run(env, concat(common, "validate", "--report", report.toString(), "-q").toArray(new String[0])));
        assertTrue(Files.size(report) > 10_000);

        List<String> leaks = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                FORBIDDEN.stream().filter(text::contains).forEach(s -> leaks.add(dir.relativize(file) + " holds " + s));
            }
        }
        long tables = 0;
        for (Path log : deltaLogs(lake)) {
            var rows = spark.read().format("delta").load(log.getParent().toString())
                    .select(functions.to_json(functions.struct(functions.col("*"))).as("row"));
            tables++;
            for (String secret : FORBIDDEN) {
                long n = rows.filter(functions.col("row").contains(secret)).count();
                if (n > 0) {
                    leaks.add(n + " rows of " + lake.relativize(log.getParent()) + " hold " + secret);
                }
            }
        }
        assertTrue(tables >= 10, "the lake's tables were all read: " + tables);
        leaks.addAll(postgresLeaks());
        assertEquals(List.of(), leaks);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(lake)), "the lake is its owner's only");
    }

    private static List<String> concat(String[] common, String... args) {
        return Stream.concat(Stream.of(args), Stream.of(common)).toList();
    }

    private static List<Path> deltaLogs(Path lake) throws IOException {
        try (Stream<Path> dirs = Files.walk(lake)) {
            return dirs.filter(p -> p.getFileName().toString().equals("_delta_log")).toList();
        }
    }

    /** Every row of every table in the schema, as text. */
    private static List<String> postgresLeaks() throws Exception {
        List<String> leaks = new ArrayList<>();
        try (Connection c = TestPostgres.target("secrets").connect(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'secrets'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertTrue(tables.size() >= 18, "the published tables: " + tables);
            for (String table : tables) {
                for (String secret : FORBIDDEN) {
                    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM secrets.\"" + table + "\" t WHERE t::text LIKE '%"
                            + secret + "%'")) {
                        rs.next();
                        if (rs.getLong(1) > 0) {
                            leaks.add(rs.getLong(1) + " rows of secrets." + table + " hold " + secret);
                        }
                    }
                }
            }
        }
        return leaks;
    }
}
