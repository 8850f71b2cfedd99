package dev.furlong.e2e;

import static dev.furlong.e2e.OrderIndependenceTest.CARDS;
import static dev.furlong.e2e.OrderIndependenceTest.CORRECTED;
import static dev.furlong.e2e.OrderIndependenceTest.RESULTS;
import static dev.furlong.e2e.OrderIndependenceTest.SILVER;
import static dev.furlong.e2e.OrderIndependenceTest.TO;
import static dev.furlong.e2e.OrderIndependenceTest.land;
import static dev.furlong.e2e.OrderIndependenceTest.postgres;
import static dev.furlong.e2e.OrderIndependenceTest.silver;
import static dev.furlong.e2e.OrderIndependenceTest.transformAndPublish;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.furlong.lake.Lake;
import dev.furlong.publish.PgTarget;
import dev.furlong.publish.PublishJob;
import dev.furlong.publish.PublishedTable;
import dev.furlong.stats.StatsJob;
import dev.furlong.stats.StatsProfile;
import dev.furlong.testing.Acceptance;
import dev.furlong.testing.SparkTestSession;
import dev.furlong.testing.TempLake;
import dev.furlong.testing.TestPostgres;
import dev.furlong.transform.TransformJob;
import dev.furlong.transform.TransformReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two rebuilds of docs/tables.md (Rebuilding) end where the incremental runs did. A week of sandbox racing lands as it would day
 * by day (the cards, the results, then the corrected results), transformed and published after each, then its statistics
 * computed and published (a week gives per-entity figures; no horse has the prior runs a runner statistic needs). Then:
 * <ul>
 * <li>Postgres from the lake: {@code publish --full} into an empty database gives every ra_* table row for row, every
 *     column included;</li>
 * <li>silver from bronze: bronze alone copied into an empty lake and transformed once gives every silver table, bookkeeping
 *     columns (when a row was written) aside.</li>
 * </ul>
 */
@Acceptance
class RebuildTest {

    @Test
    void postgresFromTheLakeAndSilverFromBronzeEndAsTheIncrementalRunsDid(@TempDir Path dir) throws Exception {
        SparkSession spark = SparkTestSession.get();
        Lake lake = TempLake.create(dir.resolve("incremental"));
        PgTarget incremental = TestPostgres.target("rebuild_incremental");
        for (OrderIndependenceTest.Answers answers : List.of(CARDS, RESULTS, CORRECTED)) {
            land(lake, answers);
            transformAndPublish(lake, incremental);
        }
        new StatsJob(spark, lake).run(StatsProfile.STANDARD, TO, Instant.parse("2026-11-30T02:30:00Z"));
        new PublishJob(spark, lake, incremental, "stats").run(false);

        PgTarget rebuilt = TestPostgres.target("rebuild_postgres");
        new PublishJob(spark, lake, rebuilt, "rebuild").run(true);
        for (String table : PublishedTable.ALL.stream().map(PublishedTable::pgTable).distinct().toList()) {
            assertEquals(postgres(incremental, table, Set.of()), postgres(rebuilt, table, Set.of()),
                    table + ": publish --full into an empty database");
        }
        for (String table : List.of("ra_runners", "ra_race_results", "ra_mst_horses", "ra_mst_jockeys")) {
            assertTrue(!postgres(rebuilt, table, Set.of()).isEmpty(), table + " has rows to compare");
        }

        Lake fromBronze = TempLake.create(dir.resolve("from-bronze"));
        copy(Path.of(lake.apiResponses()), Path.of(fromBronze.apiResponses()));
        TransformReport report = new TransformJob(spark, fromBronze, List.of("gb", "ire"), "rebuild").run();
        assertTrue(report.invariantHolds(), report.render());
        for (String table : SILVER) {
            Set<String> expected = silver(lake, table);
            assertTrue(!expected.isEmpty(), table);
            assertEquals(expected, silver(fromBronze, table), "silver " + table + " rebuilt from bronze");
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
