package dev.furlong.lake;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import scala.Option;
import java.time.LocalDate;
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
        return version(spark, path) >= 0;
    }

    /** The table's latest version, or -1 when it does not exist yet. Read from its log: no Spark job. */
    public static long version(SparkSession spark, String path) {
        return snapshot(spark, path).version();
    }

    /** The table's unique id, fixed when it was created: tells two lakes' tables apart. */
    public static String tableId(SparkSession spark, String path) {
        return snapshot(spark, path).metadata().id();
    }

    private static Snapshot snapshot(SparkSession spark, String path) {
        return DeltaLog.forTable(spark, path).update(false, Option.empty(), Option.empty());
    }

    /**
     * Turns Delta's change data feed on for the table when it is not yet (tables created by this version have it from the start):
     * from the next version on, readers can ask for just what changed.
     */
    public static void keepChangeFeed(SparkSession spark, String path) {
        setProperties(spark, path, Map.of("delta.enableChangeDataFeed", "true"));
    }

    /**
     * Keeps every version of the table readable by time travel: Delta otherwise deletes log entries older than 30 days at a
     * checkpoint, refuses time travel past the deleted-file retention (7 days), and lets VACUUM delete the files of older versions.
     * For bronze, whose history holds every answer a later one superseded.
     */
    public static void keepEveryVersion(SparkSession spark, String path) {
        // Both in one commit: Delta wants the log kept at least as long as removed files.
        setProperties(spark, path, Map.of("delta.logRetentionDuration", FOREVER, "delta.deletedFileRetentionDuration", FOREVER));
    }

    private static final String FOREVER = "interval 36500 days";

    /** Sets table properties unless they already have those values (setting them is a commit). */
    private static void setProperties(SparkSession spark, String path, Map<String, String> properties) {
        if (properties.entrySet().stream().allMatch(p -> p.getValue().equals(property(spark, path, p.getKey())))) {
            return;
        }
        // SQL resolves delta.`path` only for a qualified path ("./lake" is taken for a table name): qualify it first.
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
        String qualified;
        try {
            qualified = p.getFileSystem(spark.sessionState().newHadoopConf()).makeQualified(p).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot resolve the lake path " + path, e);
        }
        String set = properties.entrySet().stream().map(e -> e.getKey() + " = '" + e.getValue() + "'").collect(Collectors.joining(", "));
        spark.sql("ALTER TABLE delta.`" + qualified.replace("`", "``") + "` SET TBLPROPERTIES (" + set + ")");
    }

    /** A table's property, or null when it is not set. */
    public static String property(SparkSession spark, String path, String key) {
        return snapshot(spark, path).metadata().configuration().getOrElse(key, () -> null);
    }

    /** What an upsert did: rows offered, and of them how many were new and how many changed a stored row. */
    public record Upserted(long rows, long inserted, long updated) {
    }

    /** Rows written by the table's latest commit, from Delta's operation metrics. */
    public static long rowsWrittenByLastCommit(SparkSession spark, String path) {
        Row last = DeltaTable.forPath(spark, path).history(1).select("operationMetrics").head();
        scala.collection.Map<String, String> metrics = last.getMap(0);
        return Long.parseLong(metrics.getOrElse("numOutputRows", () -> "0"));
    }

    /** Below this size an unpartitioned table is rewritten whole rather than merged into: far cheaper than a MERGE. */
    public static final long REWRITE_BELOW_BYTES = 64L << 20;

    /**
     * Upserts {@code updates} into the table at {@code path} by {@code keys} and returns {inserted, updated}. A row counts as
     * changed only when an incoming non-null value differs from the stored one, and a stored value is never replaced by a null
     * (right for bronze answers and entity reductions, where a row only gains; a race's rows, which a correction can empty or
     * drop, are {@link #replace}d instead); {@code ignoredForChange} columns (timestamps, run ids) follow their row without making it change.
     * Columns the updates lack keep their stored values; columns the table lacks are added. When nothing changed, nothing is
     * committed, so the table's version moves only with its content.
     *
     * <p>A table partitioned by {@code partitionBy} (set when it is created) is upserted by rewriting just the partitions the
     * updates fall in, so the cost follows the size of the change, not of the table. A key must therefore never move between
     * partitions. An unpartitioned table is rewritten whole when small, else MERGEd into.
     */
    public static Upserted upsert(SparkSession spark, String path, Dataset<Row> updates, List<String> keys,
                                List<String> ignoredForChange, String... partitionBy) {
        if (partitionBy.length > 1) {
            throw new IllegalArgumentException("one partition column at most, got " + Arrays.toString(partitionBy));
        }
        if (!exists(spark, path)) {
            var writer = onePerPartition(updates, partitionBy).write().format("delta").mode("errorifexists");
            if (partitionBy.length > 0) {
                writer = writer.partitionBy(partitionBy);
            }
            writer.save(path);
            long written = rowsWrittenByLastCommit(spark, path);
            return new Upserted(written, written, 0);
        }
        DeltaTable table = DeltaTable.forPath(spark, path);
        Dataset<Row> target = table.toDF();
        String replaceWhere = null;
        if (partitionBy.length == 1) {
            replaceWhere = partitionsOf(updates, partitionBy[0]);
            if (replaceWhere == null) {
                return new Upserted(0, 0, 0);
            }
            target = target.where(replaceWhere);
        }
        List<String> content = Arrays.stream(updates.columns())
                .filter(c -> !keys.contains(c) && !ignoredForChange.contains(c)).toList();
        Column on = keys.stream().map(k -> col("s.`" + k + "`").equalTo(col("t.`" + k + "`"))).reduce(Column::and).orElseThrow();
        List<String> stored = Arrays.asList(target.columns());
        Column differs = content.stream()
                .map(c -> col("s.`" + c + "`").isNotNull().and(stored.contains(c)
                        ? col("s.`" + c + "`").eqNullSafe(col("t.`" + c + "`")).unary_$bang() : lit(true)))
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
        Arrays.stream(updates.columns()).filter(c -> !stored.contains(c)).forEach(c -> merged.add(col("s.`" + c + "`").as(c)));
        merged.add(isNew.as("_new"));
        merged.add(isNew.or(differs).as("_changed"));
        Dataset<Row> joined = updates.as("s").join(target.as("t"), on, "left_outer")
                .select(merged.toArray(Column[]::new)).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Row n = joined.agg(count(lit(1)), sum(when(col("_new"), 1L).otherwise(0L)), sum(when(col("_changed"), 1L).otherwise(0L))).head();
            long offered = n.getLong(0);
            long inserted = n.isNullAt(1) ? 0 : n.getLong(1);
            long changed = n.isNullAt(2) ? 0 : n.getLong(2);
            if (changed == 0) {
                return new Upserted(offered, 0, 0);
            }
            Dataset<Row> rows = joined.where(col("_changed")).drop("_new", "_changed");
            if (replaceWhere != null || table.detail().select("sizeInBytes").head().getLong(0) < REWRITE_BELOW_BYTES) {
                Dataset<Row> kept = target.join(rows.select(keys.stream().map(k -> col("`" + k + "`")).toArray(Column[]::new)),
                        CollectionConverters.asScala(keys).toSeq(), "left_anti");
                var writer = onePerPartition(kept.unionByName(rows, true), partitionBy).write().format("delta").mode("overwrite")
                        .option("mergeSchema", "true");
                if (replaceWhere != null) {
                    writer = writer.option("replaceWhere", replaceWhere);
                }
                writer.save(path);
            } else {
                Map<String, String> set = new LinkedHashMap<>();
                for (String c : updates.columns()) {
                    if (!keys.contains(c)) {
                        set.put("`" + c + "`", "s.`" + c + "`");
                    }
                }
                String mergeOn = keys.stream().map(k -> "t.`" + k + "` = s.`" + k + "`").collect(Collectors.joining(" AND "));
                table.as("t").merge(rows.as("s"), mergeOn)
                        .whenMatched().updateExpr(set)
                        .whenNotMatched().insertAll()
                        .execute();
            }
            return new Upserted(offered, inserted, changed - inserted);
        } finally {
            joined.unpersist();
        }
    }

    /** What a replace did: rows offered, and how many stored rows it inserted, changed and deleted. */
    public record Replaced(long rows, long inserted, long updated, long deleted) {
        /** Stored rows inserted, updated or deleted. */
        public long changed() {
            return inserted + updated + deleted;
        }
    }

    /**
     * Deletes the stored rows whose key {@code present} lacks, and returns how many it deleted; commits nothing when there are
     * none. For a table rebuilt from a whole source: what the source no longer says goes.
     */
    public static long deleteMissing(SparkSession spark, String path, Dataset<Row> present, List<String> keys) {
        if (!exists(spark, path)) {
            return 0;
        }
        Dataset<Row> presentKeys = present.select(keys.stream().map(k -> col("`" + k + "`")).toArray(Column[]::new));
        long missing = DeltaTable.forPath(spark, path).toDF()
                .join(presentKeys, CollectionConverters.asScala(keys).toSeq(), "left_anti").count();
        if (missing > 0) {
            Column on = keys.stream().map(k -> col("s.`" + k + "`").equalTo(col("t.`" + k + "`"))).reduce(Column::and).orElseThrow();
            DeltaTable.forPath(spark, path).as("t").merge(presentKeys.as("s"), on).whenNotMatchedBySource().delete().execute();
        }
        return missing;
    }

    /**
     * Makes {@code rows} the whole truth for a scope of the table at {@code path}: the stored rows whose {@code scopeKey} is one
     * of {@code scope}'s are replaced by the rows (nulls included), and those the rows no longer hold are deleted. Rows outside
     * the scope are untouched. A stored row whose content equals its new row is kept as it was ({@code ignoredForChange}
     * columns, such as {@code updated_at}, stay), so nothing is committed when nothing changed.
     *
     * <p>{@code scope} has the columns {@code scopeKey} and {@code partitionBy}: the partition each scoped key is stored in, so
     * only those partitions (and the rows' own) are read and rewritten. A key must never move between partitions.
     */
    public static Replaced replace(SparkSession spark, String path, Dataset<Row> rows, List<String> keys, Dataset<Row> scope,
                                   String scopeKey, List<String> ignoredForChange, String partitionBy) {
        if (!exists(spark, path)) {
            onePerPartition(rows, partitionBy).write().format("delta").mode("errorifexists").partitionBy(partitionBy).save(path);
            long written = rowsWrittenByLastCommit(spark, path);
            return new Replaced(written, written, 0, 0);
        }
        String replaceWhere = partitionsOf(rows.select(partitionBy).union(scope.select(partitionBy)), partitionBy);
        if (replaceWhere == null) {
            return new Replaced(0, 0, 0, 0);
        }
        Dataset<Row> target = DeltaTable.forPath(spark, path).toDF().where(replaceWhere);
        Dataset<Row> inScope = target.join(scope.select(scopeKey).distinct(), CollectionConverters.asScala(List.of(scopeKey)).toSeq(),
                "left_semi");
        List<String> stored = Arrays.asList(target.columns());
        List<String> offered = Arrays.asList(rows.columns());
        Column same = offered.stream().filter(c -> !keys.contains(c) && !ignoredForChange.contains(c))
                .map(c -> stored.contains(c) ? col("s.`" + c + "`").eqNullSafe(col("t.`" + c + "`")) : col("s.`" + c + "`").isNull())
                .reduce(Column::and).orElse(lit(true));
        Column isNew = col("t.`" + keys.get(0) + "`").isNull();
        Column isGone = col("s.`" + keys.get(0) + "`").isNull();
        Column keepStored = isGone.or(isNew.unary_$bang().and(same));
        List<Column> out = new ArrayList<>();
        for (String c : offered) {
            out.add((stored.contains(c) ? when(keepStored, col("t.`" + c + "`")).otherwise(col("s.`" + c + "`")) : col("s.`" + c + "`")).as(c));
        }
        stored.stream().filter(c -> !offered.contains(c)).forEach(c -> out.add(col("t.`" + c + "`").as(c)));
        out.add(when(isGone, lit("deleted")).when(isNew, lit("inserted")).when(same.unary_$bang(), lit("updated")).as("_change"));
        Column on = keys.stream().map(k -> col("s.`" + k + "`").equalTo(col("t.`" + k + "`"))).reduce(Column::and).orElseThrow();
        Dataset<Row> joined = rows.as("s").join(inScope.as("t"), on, "full_outer").select(out.toArray(Column[]::new))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Column change = col("_change");
            Row n = joined.agg(sum(when(isGoneRow(), 0L).otherwise(1L)), sum(when(change.equalTo("inserted"), 1L).otherwise(0L)),
                    sum(when(change.equalTo("updated"), 1L).otherwise(0L)), sum(when(change.equalTo("deleted"), 1L).otherwise(0L))).head();
            long in = n.isNullAt(0) ? 0 : n.getLong(0);
            long inserted = n.isNullAt(1) ? 0 : n.getLong(1);
            long updated = n.isNullAt(2) ? 0 : n.getLong(2);
            long deleted = n.isNullAt(3) ? 0 : n.getLong(3);
            if (inserted + updated + deleted == 0) {
                return new Replaced(in, 0, 0, 0);
            }
            Dataset<Row> kept = target.join(joined.select(keys.stream().map(k -> col("`" + k + "`")).toArray(Column[]::new)),
                    CollectionConverters.asScala(keys).toSeq(), "left_anti");
            Dataset<Row> now = joined.where(isGoneRow().unary_$bang()).drop("_change");
            onePerPartition(kept.unionByName(now, true), partitionBy).write().format("delta").mode("overwrite")
                    .option("mergeSchema", "true").option("replaceWhere", replaceWhere).save(path);
            return new Replaced(in, inserted, updated, deleted);
        } finally {
            joined.unpersist();
        }
    }

    /**
     * As {@link #replace}, for a scope that is not a set of partitions (the statistics rows of some horses, or a profile): the
     * stored rows {@code scope} picks are made equal to {@code rows} (which must lie inside the scope) by a MERGE of only the
     * rows that differ, so the change feed carries just them. A stored row whose content equals its new row is not touched
     * ({@code ignoredForChange} columns keep their stored values); nothing is committed when nothing changed. Columns the table
     * lacks are added. {@code partitionBy} (may be null) is used only when the table is created.
     */
    public static Replaced mergeScope(SparkSession spark, String path, Dataset<Row> rows, List<String> keys,
                                      java.util.function.UnaryOperator<Dataset<Row>> scope, List<String> ignoredForChange,
                                      String partitionBy) {
        if (!exists(spark, path)) {
            var writer = rows.write().format("delta").mode("errorifexists");
            (partitionBy == null ? writer : writer.partitionBy(partitionBy)).save(path);
            long written = rowsWrittenByLastCommit(spark, path);
            return new Replaced(written, written, 0, 0);
        }
        Dataset<Row> target = scope.apply(DeltaTable.forPath(spark, path).toDF());
        List<String> stored = Arrays.asList(target.columns());
        List<String> offered = Arrays.asList(rows.columns());
        Column same = offered.stream().filter(c -> !keys.contains(c) && !ignoredForChange.contains(c))
                .map(c -> stored.contains(c) ? col("s.`" + c + "`").eqNullSafe(col("t.`" + c + "`")) : col("s.`" + c + "`").isNull())
                .reduce(Column::and).orElse(lit(true));
        // Which side a row came from, told by a marker: a key column may be null on both.
        Dataset<Row> source = rows.withColumn("_offered", lit(true));
        Dataset<Row> storedRows = target.withColumn("_stored", lit(true));
        Column isNew = col("t._stored").isNull();
        Column isGone = col("s._offered").isNull();
        List<Column> out = new ArrayList<>();
        for (String c : offered) {
            out.add((keys.contains(c) ? when(isGone, col("t.`" + c + "`")).otherwise(col("s.`" + c + "`")) : col("s.`" + c + "`")).as(c));
        }
        out.add(when(isGone, lit("deleted")).when(isNew, lit("inserted")).when(same.unary_$bang(), lit("updated")).as("_change"));
        // Null-safe: a key column may be null (a run without a distance band), and such a row must still meet itself.
        Column on = keys.stream().map(k -> col("s.`" + k + "`").eqNullSafe(col("t.`" + k + "`"))).reduce(Column::and).orElseThrow();
        Dataset<Row> changes = source.as("s").join(storedRows.as("t"), on, "full_outer").select(out.toArray(Column[]::new))
                .where(col("_change").isNotNull()).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Column change = col("_change");
            Row n = changes.agg(count(lit(1)), sum(when(change.equalTo("inserted"), 1L).otherwise(0L)),
                    sum(when(change.equalTo("updated"), 1L).otherwise(0L)), sum(when(change.equalTo("deleted"), 1L).otherwise(0L))).head();
            if (n.getLong(0) == 0) {
                return new Replaced(0, 0, 0, 0);
            }
            Map<String, String> set = new LinkedHashMap<>();
            offered.forEach(c -> set.put("`" + c + "`", "s.`" + c + "`"));
            String mergeOn = keys.stream().map(k -> "t.`" + k + "` <=> s.`" + k + "`").collect(Collectors.joining(" AND "));
            DeltaTable.forPath(spark, path).as("t").merge(changes.as("s"), mergeOn)
                    .withSchemaEvolution()
                    .whenMatched("s._change = 'deleted'").delete()
                    .whenMatched().updateExpr(set)
                    .whenNotMatched("s._change <> 'deleted'").insertExpr(set)
                    .execute();
            return new Replaced(n.getLong(0) - n.getLong(3), n.getLong(1), n.getLong(2), n.getLong(3));
        } finally {
            changes.unpersist();
        }
    }

    private static Column isGoneRow() {
        return coalesce(col("_change").equalTo("deleted"), lit(false));
    }

    /**
     * The rows of each partition value gathered in one task, so each partition is written as one file rather than one per
     * task: ten years of runners in 122 files, not 968, which makes every later read of the table about twice as fast.
     */
    private static Dataset<Row> onePerPartition(Dataset<Row> rows, String... partitionBy) {
        return partitionBy.length == 0 ? rows : rows.repartition(col(partitionBy[0]));
    }

    /** The predicate "column IN (the values the rows have)", or null when there are no rows. */
    private static String partitionsOf(Dataset<Row> rows, String column) {
        List<Row> values = rows.select(column).distinct().collectAsList();
        if (values.isEmpty()) {
            return null;
        }
        List<String> literals = new ArrayList<>();
        boolean nulls = false;
        for (Row v : values) {
            if (v.isNullAt(0)) {
                nulls = true;
            } else if (v.get(0) instanceof String text) {
                literals.add("'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'");
            } else if (v.get(0) instanceof LocalDate date) {
                literals.add("DATE'" + date + "'");
            } else if (v.get(0) instanceof Number number) {
                literals.add(number.toString());
            } else {
                throw new IllegalArgumentException("cannot partition by " + column + " of type " + v.get(0).getClass().getSimpleName());
            }
        }
        String in = literals.isEmpty() ? null : "`" + column + "` IN (" + String.join(", ", literals) + ")";
        String isNull = nulls ? "`" + column + "` IS NULL" : null;
        return in == null ? isNull : isNull == null ? in : in + " OR " + isNull;
    }
}
