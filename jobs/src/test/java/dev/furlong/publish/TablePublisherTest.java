package dev.furlong.publish;

import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.furlong.lake.DeltaTables;
import dev.furlong.lake.Lake;
import dev.furlong.testing.Fixtures;
import dev.furlong.testing.SparkTestSession;
import dev.furlong.testing.TempLake;
import dev.furlong.testing.TestPostgres;
import dev.furlong.transform.SourceMerge;
import dev.furlong.transform.TransformJob;
import java.io.IOException;
import java.nio.file.Files;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TablePublisherTest {

    static Dataset<Row> races;
    static Dataset<Row> runners;
    static Lake lake;

    @BeforeAll
    static void silverFromTheSample() throws IOException {
        lake = TempLake.create(Files.createTempDirectory("furlong-publish-test"));
        Fixtures.bronze(Fixtures.bronzeResults("/v1/results?k", LocalDate.of(2025, 10, 13),
                Fixtures.resource("samples/results-2025-10-13-first2.json"), Instant.parse("2025-10-14T08:00:00Z")))
                .write().format("delta").save(lake.apiResponses());
        new TransformJob(SparkTestSession.get(), lake, List.of("gb", "ire"), "test").run();
        races = SparkTestSession.get().read().format("delta").load(lake.silver("races")).drop(SourceMerge.RACE_MONTH)
                .withColumn("updated_at", lit(Instant.parse("2025-10-14T08:05:00Z"))).cache();
        runners = SparkTestSession.get().read().format("delta").load(lake.silver("runners")).drop(SourceMerge.RACE_MONTH)
                .withColumn("updated_at", lit(Instant.parse("2025-10-14T08:05:00Z"))).cache();
    }

    static final String GIVEN = "the rows given";
    static final PublishedTable RACES = PublishedTable.silver("races", "race_id");
    static final PublishedTable RUNNERS = PublishedTable.silver("runners", "race_id", "horse_id");

    private static TablePublisher.Source v(long version) {
        return new TablePublisher.Source("delta-table-1", version);
    }

    /** A publisher for the schema, after migrating it and publishing the entities the runners name (their foreign keys). */
    private static TablePublisher withEntities(PgTarget db) throws SQLException {
        Migrations.apply(db);
        TablePublisher publisher = new TablePublisher(db, "run-1");
        for (PublishedTable t : PublishedTable.ALL) {
            if (t.lakeTable().startsWith("silver/mst_") && DeltaTables.exists(SparkTestSession.get(), t.path(lake))) {
                publisher.publish(t, t.shape().apply(SparkTestSession.get().read().format("delta").load(t.path(lake))), v(0), false);
            }
        }
        return publisher;
    }

    @Test
    void publishesIdempotentlyAndWritesOnlyRowsThatChanged() throws Exception {
        PgTarget db = TestPostgres.target("publish_a");
        assertEquals("5", Migrations.apply(db));
        TablePublisher publisher = withEntities(db);

        assertEquals(new PublishResult("ra_races", 3, 2, 2, false, GIVEN), publisher.publish(RACES, races, v(3), false));
        assertEquals(new PublishResult("ra_runners", 5, 19, 19, false, GIVEN),
                publisher.publish(RUNNERS, runners, v(5), false));
        assertEquals(19, TestPostgres.scalar(db, "SELECT count(*) FROM publish_a.ra_runners"));
        assertEquals(5, TestPostgres.scalar(db, "SELECT source_version FROM publish_a.etl_watermarks WHERE table_name = 'ra_runners'"));

        // Same source version: nothing to do. Forced: every row offered, none written.
        assertTrue(publisher.publish(RUNNERS, runners, v(5), false).skippedUnchanged());
        // The same version number of another lake's table is not the same source.
        assertEquals(new PublishResult("ra_runners", 5, 19, 0, false, GIVEN), publisher.publish(RUNNERS, runners,
                new TablePublisher.Source("another-lake", 5), false));
        assertEquals(new PublishResult("ra_runners", 5, 19, 0, false, GIVEN),
                publisher.publish(RUNNERS, runners, v(5), true));

        // One runner's rating corrected: exactly one row written.
        Dataset<Row> corrected = runners.withColumn("race_rpr",
                when(col("horse_id").equalTo("hrs_42073850"), lit(71)).otherwise(col("race_rpr")));
        assertEquals(1, publisher.publish(RUNNERS, corrected, v(6), false).rowsWritten());
        assertEquals(71, TestPostgres.scalar(db, "SELECT race_rpr FROM publish_a.ra_runners WHERE horse_id = 'hrs_42073850'"));
        assertEquals(0, TestPostgres.scalar(db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'furlong_staging'"));
    }

    @Test
    void valuesArriveAsTheSilverTablesHoldThem() throws Exception {
        PgTarget db = TestPostgres.target("publish_b");
        TablePublisher publisher = withEntities(db);
        publisher.publish(RACES, races, v(0), false);
        publisher.publish(RUNNERS, runners, v(0), false);
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT r.off_time, r.distance_furlongs, r.race_class, u.sp_decimal, u.prize_won, "
                     + "u.finishing_time_seconds, u.is_favourite, u.race_rpr FROM publish_b.ra_races r "
                     + "JOIN publish_b.ra_runners u USING (race_id) WHERE u.horse_id = 'hrs_45378382'")) {
            rs.next();
            assertEquals(OffsetDateTime.of(2025, 10, 13, 19, 10, 0, 0, ZoneOffset.UTC), rs.getObject(1, OffsetDateTime.class));
            assertEquals(new BigDecimal("11.00"), rs.getBigDecimal(2));
            assertEquals(5, rs.getInt(3));
            assertEquals(new BigDecimal("4.50"), rs.getBigDecimal(4));
            assertEquals(new BigDecimal("1964.80"), rs.getBigDecimal(5));
            assertEquals(new BigDecimal("140.12"), rs.getBigDecimal(6));
            assertTrue(rs.getBoolean(7));
            rs.getInt(8);
            assertTrue(rs.wasNull());
        }
    }

    @Test
    void runnersWhoseRaceIsMissingFailTheTableWithTheirKeysNamedAndWriteNothing() throws Exception {
        PgTarget db = TestPostgres.target("publish_c");
        TablePublisher publisher = withEntities(db);
        publisher.publish(RACES, races.where("race_id = 'rac_11746254'"), v(1), false);
        SQLException e = assertThrows(SQLException.class,
                () -> publisher.publish(RUNNERS, runners, v(1), false));
        // Every runner of the missing race is named (the sample has 9 of them), not just the first one Postgres met.
        List<String> orphans = runners.where("race_id = 'rac_11775751'").select("horse_id").as(Encoders.STRING()).collectAsList();
        assertEquals(9, orphans.size());
        for (String horse : orphans) {
            assertTrue(e.getMessage().contains("rac_11775751/" + horse + " (race_id rac_11775751 not in ra_races)"), e.getMessage());
        }
        assertEquals(0, TestPostgres.scalar(db, "SELECT count(*) FROM publish_c.ra_runners"));
        assertEquals(0, TestPostgres.scalar(db, "SELECT count(*) FROM publish_c.etl_watermarks WHERE table_name = 'ra_runners'"));
        assertEquals(0, TestPostgres.scalar(db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'furlong_staging'"));
    }

    @Test
    void aKeyGivenTwiceToAFirstLoadLandsOnce() throws Exception {
        PgTarget db = TestPostgres.target("publish_f");
        TablePublisher publisher = withEntities(db);
        publisher.publish(RACES, races, v(1), false);
        // The first load meets the key twice in staging and is refused; read a key once, the rows load: 20 offered, 19 written.
        assertEquals(new PublishResult("ra_runners", 1, 20, 19, false, GIVEN),
                publisher.publish(RUNNERS, runners.union(runners.where("horse_id = 'hrs_42073850'")), v(1), false));
        assertEquals(19, TestPostgres.scalar(db, "SELECT count(*) FROM publish_f.ra_runners"));
    }

    @Test
    void aSchemaNewerThanTheCodeIsRefused() throws Exception {
        PgTarget db = TestPostgres.target("publish_d");
        Migrations.apply(db);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO publish_d.flyway_schema_history (installed_rank, version, description, type, script, checksum, "
                    + "installed_by, execution_time, success) VALUES (99, '99', 'from the future', 'SQL', 'V99__future.sql', 0, "
                    + "'postgres', 1, true)");
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Migrations.apply(db));
        assertTrue(e.getMessage().contains("newer"), e.getMessage());
    }

    @Test
    void aColumnThePostgresTableLacksIsNamed() {
        PgTarget db = TestPostgres.target("publish_e");
        Migrations.apply(db);
        SQLException e = assertThrows(SQLException.class, () -> new TablePublisher(db, "run-1")
                .publish(RACES, races.withColumn("surprise", current_timestamp()), v(1), false));
        assertTrue(e.getMessage().contains("[surprise]"), e.getMessage());
    }
}
