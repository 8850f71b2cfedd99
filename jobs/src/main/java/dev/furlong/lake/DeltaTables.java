package dev.furlong.lake;

import io.delta.tables.DeltaTable;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The few Delta operations the jobs share: create-or-merge by key, and the table's current version. */
public final class DeltaTables {

    private DeltaTables() {
    }

    public static boolean exists(SparkSession spark, String path) {
        return DeltaTable.isDeltaTable(spark, path);
    }

    /** The table's latest version, or -1 when it does not exist yet. */
    public static long version(SparkSession spark, String path) {
        if (!exists(spark, path)) {
            return -1;
        }
        return DeltaTable.forPath(spark, path).history(1).select("version").head().getLong(0);
    }

    /** The table's unique id, fixed when it was created: tells two lakes' tables apart. */
    public static String tableId(SparkSession spark, String path) {
        return DeltaTable.forPath(spark, path).detail().select("id").head().getString(0);
    }

    /** Rows inserted and updated by the table's latest commit, from Delta's operation metrics (0 when not recorded). */
    public static long[] lastCommitInsertedUpdated(SparkSession spark, String path) {
        Row last = DeltaTable.forPath(spark, path).history(1).select("operation", "operationMetrics").head();
        scala.collection.Map<String, String> metrics = last.getMap(1);
        if (last.getString(0).equals("WRITE")) {
            return new long[]{Long.parseLong(metrics.getOrElse("numOutputRows", () -> "0")), 0};
        }
        return new long[]{Long.parseLong(metrics.getOrElse("numTargetRowsInserted", () -> "0")),
                Long.parseLong(metrics.getOrElse("numTargetRowsUpdated", () -> "0"))};
    }

    /**
     * Upserts {@code updates} into the table at {@code path} by {@code keys}: new keys are inserted; a matched row is replaced
     * only when one of its content columns differs, so that {@code updated_at} and the Delta history record real changes only.
     * Creates the table (optionally partitioned) on first use.
     */
    public static void upsert(SparkSession spark, String path, Dataset<Row> updates, List<String> keys,
                              List<String> ignoredForChange, String... partitionBy) {
        if (!exists(spark, path)) {
            var writer = updates.write().format("delta").mode("errorifexists");
            if (partitionBy.length > 0) {
                writer = writer.partitionBy(partitionBy);
            }
            writer.save(path);
            return;
        }
        String on = keys.stream().map(k -> "t.`" + k + "` = s.`" + k + "`").collect(Collectors.joining(" AND "));
        String changed = Arrays.stream(updates.columns())
                .filter(c -> !keys.contains(c) && !ignoredForChange.contains(c))
                .map(c -> "NOT (t.`" + c + "` <=> s.`" + c + "`)")
                .collect(Collectors.joining(" OR "));
        var merge = DeltaTable.forPath(spark, path).as("t").merge(updates.as("s"), on);
        (changed.isEmpty() ? merge : merge.whenMatched(changed).updateAll())
                .whenNotMatched().insertAll()
                .execute();
    }
}
