package dev.furlong.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.furlong.testing.SparkTestSession;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upsert by key: what changes, what is kept, and what a partitioned table rewrites. */
class DeltaTablesTest {

    private static final StructType SCHEMA = new StructType().add("id", DataTypes.StringType).add("month", DataTypes.DateType)
            .add("going", DataTypes.StringType).add("run_id", DataTypes.StringType);
    private static final LocalDate OCT = LocalDate.of(2026, 10, 1);
    private static final LocalDate NOV = LocalDate.of(2026, 11, 1);

    private static Dataset<Row> rows(Row... rows) {
        return SparkTestSession.get().createDataFrame(List.of(rows), SCHEMA);
    }

    private static Set<String> stored(String path) {
        return SparkTestSession.get().read().format("delta").load(path).select("id", "month", "going").collectAsList().stream()
                .map(Row::toString).collect(Collectors.toSet());
    }

    /** Files of the table's current version in one month's partition. */
    private static Set<String> filesOf(String path, LocalDate month) {
        return SparkTestSession.get().read().format("delta").load(path).where("month = DATE'" + month + "'")
                .select(org.apache.spark.sql.functions.input_file_name()).distinct().collectAsList().stream()
                .map(r -> r.getString(0)).collect(Collectors.toSet());
    }

    @Test
    void aPartitionedTableIsUpsertedByRewritingOnlyTheMonthsTheUpdatesFallIn(@TempDir Path dir) {
        SparkSession spark = SparkTestSession.get();
        String path = dir.resolve("races").toString();
        List<String> keys = List.of("id");
        List<String> ignored = List.of("run_id");
        assertEquals(new DeltaTables.Upserted(3, 3, 0), DeltaTables.upsert(spark, path, rows(
                RowFactory.create("rac_1", OCT, "Good", "r1"),
                RowFactory.create("rac_2", OCT, "Soft", "r1"),
                RowFactory.create("rac_3", NOV, "Heavy", "r1")), keys, ignored, "month"));
        Set<String> octoberFiles = filesOf(path, OCT);
        long version = DeltaTables.version(spark, path);

        // A November correction, a null that must not erase a value, and a new November race.
        DeltaTables.Upserted u = DeltaTables.upsert(spark, path, rows(
                RowFactory.create("rac_3", NOV, "Soft", "r2"),
                RowFactory.create("rac_4", NOV, null, "r2")), keys, ignored, "month");
        assertEquals(new DeltaTables.Upserted(2, 1, 1), u);
        assertEquals(Set.of("[rac_1,2026-10-01,Good]", "[rac_2,2026-10-01,Soft]", "[rac_3,2026-11-01,Soft]", "[rac_4,2026-11-01,null]"),
                stored(path));
        assertEquals(octoberFiles, filesOf(path, OCT), "October was not rewritten");
        assertEquals(version + 1, DeltaTables.version(spark, path));

        // The same values again, with only the ignored run id new, and a null over a value: nothing to commit.
        assertEquals(new DeltaTables.Upserted(2, 0, 0), DeltaTables.upsert(spark, path, rows(
                RowFactory.create("rac_3", NOV, "Soft", "r3"),
                RowFactory.create("rac_1", OCT, null, "r3")), keys, ignored, "month"));
        assertEquals(version + 1, DeltaTables.version(spark, path));
    }

    @Test
    void anUnpartitionedTableKeepsStoredValuesAndGainsNewColumns(@TempDir Path dir) {
        SparkSession spark = SparkTestSession.get();
        String path = dir.resolve("horses").toString();
        DeltaTables.upsert(spark, path, rows(RowFactory.create("hrs_1", OCT, "Good", "r1")), List.of("id"), List.of("run_id"));
        Dataset<Row> wider = spark.createDataFrame(List.of(RowFactory.create("hrs_1", "Bay")),
                new StructType().add("id", DataTypes.StringType).add("colour", DataTypes.StringType));
        assertEquals(new DeltaTables.Upserted(1, 0, 1), DeltaTables.upsert(spark, path, wider, List.of("id"), List.of()));
        Row r = spark.read().format("delta").load(path).first();
        assertEquals("Good", r.getAs("going"));
        assertEquals("Bay", r.getAs("colour"));
    }

    @Test
    void theChangeFeedIsTurnedOnForATableNamedByARelativePath(@TempDir Path dir) {
        SparkSession spark = SparkTestSession.get();
        Path table = dir.resolve("older-table");
        spark.sql("CREATE TABLE delta.`" + table + "` (k STRING) USING delta TBLPROPERTIES (delta.enableChangeDataFeed = false)");
        String relative = Path.of("").toAbsolutePath().relativize(table).toString(); // as "./furlong-data/lake/..." would be
        DeltaTables.keepChangeFeed(spark, relative);
        assertEquals("true", spark.sql("SHOW TBLPROPERTIES delta.`" + table + "` ('delta.enableChangeDataFeed')").head().getString(1));
        assertEquals(1, DeltaTables.version(spark, relative), "one commit: the property");
    }

    @Test
    void aScopeIsMergedRowByRowSoTheChangeFeedCarriesOnlyWhatDiffers(@TempDir Path dir) {
        SparkSession spark = SparkTestSession.get();
        String path = dir.resolve("statistics").toString();
        List<String> keys = List.of("id", "month");
        List<String> stamps = List.of("run_id");
        // Every row of a scope that picks rac_1..rac_3; rac_9 is outside it.
        java.util.function.UnaryOperator<Dataset<Row>> scope = t -> t.where("id <> 'rac_9'");
        DeltaTables.mergeScope(spark, path, rows(
                RowFactory.create("rac_1", OCT, "Good", "r1"),
                RowFactory.create("rac_2", OCT, "Soft", "r1"),
                RowFactory.create("rac_3", null, "Firm", "r1"),
                RowFactory.create("rac_9", NOV, "Heavy", "r1")), keys, scope, stamps, null);
        long created = DeltaTables.version(spark, path);

        // Only the stamp differs, and a null key meets itself: nothing to commit.
        assertEquals(new DeltaTables.Replaced(0, 0, 0, 0), DeltaTables.mergeScope(spark, path, rows(
                RowFactory.create("rac_1", OCT, "Good", "r2"),
                RowFactory.create("rac_2", OCT, "Soft", "r2"),
                RowFactory.create("rac_3", null, "Firm", "r2")), keys, scope, stamps, null));
        assertEquals(created, DeltaTables.version(spark, path));

        // rac_2's going changed, rac_3 is gone, rac_4 is new; rac_1 is the same and rac_9 outside the scope.
        DeltaTables.Replaced r = DeltaTables.mergeScope(spark, path, rows(
                RowFactory.create("rac_1", OCT, "Good", "r3"),
                RowFactory.create("rac_2", OCT, "Heavy", "r3"),
                RowFactory.create("rac_4", NOV, "Good", "r3")), keys, scope, stamps, null);
        assertEquals(new DeltaTables.Replaced(2, 1, 1, 1), r);
        assertEquals(Set.of("[rac_1,2026-10-01,Good]", "[rac_2,2026-10-01,Heavy]", "[rac_4,2026-11-01,Good]",
                "[rac_9,2026-11-01,Heavy]"), stored(path));
        List<String> feed = spark.read().format("delta").option("readChangeFeed", "true").option("startingVersion", created + 1)
                .load(path).where("_change_type <> 'update_preimage'").select("id", "_change_type").collectAsList().stream()
                .map(Row::toString).sorted().toList();
        assertEquals(List.of("[rac_2,update_postimage]", "[rac_3,delete]", "[rac_4,insert]"), feed);
        assertEquals("r1", spark.read().format("delta").load(path).where("id = 'rac_1'").head().getString(3),
                "an unchanged row keeps its stamp");
    }
}
