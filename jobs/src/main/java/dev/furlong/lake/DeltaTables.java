package dev.furlong.lake;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.jdk.javaapi.CollectionConverters;

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
    private static long[] lastCommitInsertedUpdated(SparkSession spark, String path) {
        Row last = DeltaTable.forPath(spark, path).history(1).select("operation", "operationMetrics").head();
        scala.collection.Map<String, String> metrics = last.getMap(1);
        if (last.getString(0).equals("WRITE")) {
            return new long[]{Long.parseLong(metrics.getOrElse("numOutputRows", () -> "0")), 0};
        }
        return new long[]{Long.parseLong(metrics.getOrElse("numTargetRowsInserted", () -> "0")),
                Long.parseLong(metrics.getOrElse("numTargetRowsUpdated", () -> "0"))};
    }

    /** Below this size a table is rewritten whole rather than merged into: far cheaper than a MERGE for small tables. */
    public static final long REWRITE_BELOW_BYTES = 64L << 20;

    /**
     * Upserts {@code updates} into the table at {@code path} by {@code keys} and returns {inserted, updated}. A row counts as
     * changed only when an incoming non-null value differs from the stored one, and a stored value is never replaced by a null
     * (DATA-MODEL.md, rule 3); {@code ignoredForChange} columns (timestamps, run ids) follow their row without making it change.
     * Columns the updates lack keep their stored values. When nothing changed, nothing is committed, so the table's version
     * moves only with its content. Creates the table (optionally partitioned) on first use.
     */
    public static long[] upsert(SparkSession spark, String path, Dataset<Row> updates, List<String> keys,
                                List<String> ignoredForChange, String... partitionBy) {
        return upsert(spark, path, updates, keys, ignoredForChange, REWRITE_BELOW_BYTES, partitionBy);
    }

    /** As above; a table smaller than {@code rewriteBelowBytes} is rewritten in one overwrite instead of a MERGE. */
    public static long[] upsert(SparkSession spark, String path, Dataset<Row> updates, List<String> keys,
                                List<String> ignoredForChange, long rewriteBelowBytes, String... partitionBy) {
        if (!exists(spark, path)) {
            var writer = updates.write().format("delta").mode("errorifexists");
            if (partitionBy.length > 0) {
                writer = writer.partitionBy(partitionBy);
            }
            writer.save(path);
            return lastCommitInsertedUpdated(spark, path);
        }
        DeltaTable table = DeltaTable.forPath(spark, path);
        Dataset<Row> target = table.toDF();
        List<String> content = Arrays.stream(updates.columns())
                .filter(c -> !keys.contains(c) && !ignoredForChange.contains(c)).toList();
        Column on = keys.stream().map(k -> col("s.`" + k + "`").equalTo(col("t.`" + k + "`"))).reduce(Column::and).orElseThrow();
        Column differs = content.stream()
                .map(c -> col("s.`" + c + "`").isNotNull().and(col("s.`" + c + "`").eqNullSafe(col("t.`" + c + "`")).unary_$bang()))
                .reduce(Column::or).orElse(lit(false));
        Column isNew = col("t.`" + keys.get(0) + "`").isNull();
        // The stored row as it will be: the update's values over the stored ones, never a null over a value.
        List<Column> merged = new ArrayList<>();
        for (String c : target.columns()) {
            Column s = col("s.`" + c + "`");
            Column t = col("t.`" + c + "`");
            boolean inUpdates = Arrays.asList(updates.columns()).contains(c);
            merged.add((!inUpdates ? t : keys.contains(c) || !content.contains(c) ? s : coalesce(s, t)).as(c));
        }
        merged.add(isNew.as("_new"));
        Dataset<Row> changed = updates.as("s").join(target.as("t"), on, "left_outer").where(isNew.or(differs))
                .select(merged.toArray(Column[]::new)).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Row n = changed.agg(count(lit(1)), sum(when(col("_new"), 1L).otherwise(0L))).head();
            long total = n.getLong(0);
            if (total == 0) {
                return new long[]{0, 0};
            }
            long inserted = n.getLong(1);
            long size = table.detail().select("sizeInBytes").head().getLong(0);
            if (size < rewriteBelowBytes) {
                Dataset<Row> rows = changed.drop("_new");
                Dataset<Row> kept = target.join(rows.select(keys.stream().map(k -> col("`" + k + "`")).toArray(Column[]::new)),
                        CollectionConverters.asScala(keys).toSeq(), "left_anti");
                kept.unionByName(rows).write().format("delta").mode("overwrite").save(path);
            } else {
                Map<String, String> set = new LinkedHashMap<>();
                for (String c : updates.columns()) {
                    if (!keys.contains(c)) {
                        set.put("`" + c + "`", "s.`" + c + "`");
                    }
                }
                String mergeOn = keys.stream().map(k -> "t.`" + k + "` = s.`" + k + "`").collect(Collectors.joining(" AND "));
                table.as("t").merge(changed.drop("_new").as("s"), mergeOn)
                        .whenMatched().updateExpr(set)
                        .whenNotMatched().insertAll()
                        .execute();
            }
            return new long[]{inserted, total - inserted};
        } finally {
            changed.unpersist();
        }
    }
}
