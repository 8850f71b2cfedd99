package dev.furlong.maintain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.furlong.lake.DeltaTables;
import dev.furlong.lake.Lake;
import dev.furlong.lake.WatermarkedVersion;
import dev.furlong.testing.SparkTestSession;
import dev.furlong.testing.TempLake;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code furlong maintain} does to the lake, on two small tables: a silver table of four commits, and a bronze one. */
class LakeMaintenanceTest {

    private final SparkSession spark = SparkTestSession.get();

    @Test
    void retentionIsTheConfiguredOneUnlessAWatermarkNeedsOlderFiles() {
        Instant now = Instant.parse("2026-12-05T12:00:00Z");
        Duration week = Duration.ofDays(7);
        assertEquals(week, LakeMaintenance.retention(week, now, Optional.empty()));
        assertEquals(week, LakeMaintenance.retention(week, now, Optional.of(now.minus(Duration.ofDays(2)))));
        // Ten days since the first version the reader still needs: those ten days' files stay, with an hour to spare and more.
        assertEquals(Duration.ofHours(242), LakeMaintenance.retention(week, now, Optional.of(now.minus(Duration.ofDays(10)))));
        assertEquals(Duration.ofHours(3), LakeMaintenance.retention(Duration.ZERO, now, Optional.of(now.minus(Duration.ofMinutes(90)))));
    }

    @Test
    void compactsEveryTableVacuumsAllButBronzeAndKeepsWhatWatermarksAndHistoryNeed(@TempDir Path dir) throws Exception {
        Lake lake = TempLake.create(dir);
        String silver = lake.silver("items");
        for (int i = 0; i < 4; i++) { // versions 0..3, a file each
            spark.range(i * 10, i * 10 + 10).coalesce(1).write().format("delta").mode("append").save(silver);
        }
        String bronze = lake.apiResponses();
        spark.sql("SELECT 'rac_1' AS request_key, 'as first published' AS body").write().format("delta").save(bronze);
        spark.sql("SELECT 'rac_1' AS request_key, 'as corrected' AS body").write().format("delta").mode("overwrite").save(bronze);
        List<Row> items = rows(silver);

        LakeMaintenance maintenance = new LakeMaintenance(spark, lake, Duration.ZERO);
        assertEquals(List.of("bronze/api_responses", "silver/items"), maintenance.tables());
        // The publisher has read silver/items up to version 1: the files versions 2 and 3 added must outlive VACUUM.
        var published = new WatermarkedVersion(silver, DeltaTables.tableId(spark, silver), 1, "etl_watermarks ra_items");
        LakeMaintenance.Maintained first = maintenance.maintain("silver/items", List.of(published), Instant.now(), false);
        assertEquals(new LakeMaintenance.Files(4, first.liveBefore().bytes()), first.liveBefore());
        assertEquals(1, first.liveAfter().count(), "four files compacted into one");
        assertEquals(5, first.diskAfter().count(), "the four old files kept for the watermark, beside the new one");
        assertEquals(true, first.vacuum().startsWith("retain 2 h (etl_watermarks ra_items reads on from version 1)"), first.vacuum());
        assertEquals(items, rows(silver), "the same rows");

        LakeMaintenance.Maintained second = maintenance.maintain("silver/items", List.of(), Instant.now(), false);
        assertEquals(new LakeMaintenance.Files(1, first.liveAfter().bytes()), second.diskAfter(), "no reader needs the old files");
        assertEquals("retain 0 h", second.vacuum());
        assertEquals(items, rows(silver));

        LakeMaintenance.Maintained kept = maintenance.maintain("bronze/api_responses", List.of(), Instant.now(), false);
        assertEquals(2, kept.diskAfter().count(), "bronze is never vacuumed");
        assertEquals("as first published", spark.read().format("delta").option("versionAsOf", 0).load(bronze).head().getString(1));
        assertEquals("as corrected", spark.read().format("delta").load(bronze).head().getString(1));
        assertEquals("interval 36500 days", DeltaTables.property(spark, bronze, "delta.logRetentionDuration"));
        assertEquals("interval 36500 days", DeltaTables.property(spark, bronze, "delta.deletedFileRetentionDuration"));
    }

    private List<Row> rows(String path) {
        return spark.read().format("delta").load(path).orderBy("id").collectAsList();
    }
}
