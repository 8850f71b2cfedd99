package dev.furlong.bench;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;

import dev.furlong.lake.DeltaTables;
import dev.furlong.lake.Lake;
import dev.furlong.publish.Migrations;
import dev.furlong.publish.PgTarget;
import dev.furlong.publish.PublishResult;
import dev.furlong.publish.PublishedTable;
import dev.furlong.publish.TablePublisher;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Publishing ra_runners against the floor of what Postgres can take: a raw COPY of the same rows into an identical table
 * (same columns, primary key, indexes and foreign keys), measured in the same run. Then the publisher's first load into the
 * empty ra_runners, an upsert in which every row changed, and a re-publish of unchanged rows. The rows come from a cached
 * Dataset, so every figure measures Spark → Postgres, not reading the lake.
 */
public final class PublishBench {

    private PublishBench() {
    }

    public static Map<String, Object> run(SparkSession spark, Lake lake, PgTarget db, Consumer<String> progress) throws SQLException {
        Migrations.apply(db);
        TablePublisher publisher = new TablePublisher(db, "bench");
        PublishedTable runners = null;
        for (PublishedTable t : PublishedTable.ALL) {
            if (t.pgTable().equals("ra_runners")) {
                runners = t;
                break;
            }
            if (DeltaTables.exists(spark, t.path(lake))) { // what runners point to, first
                publisher.publish(t, t.shape().apply(spark.read().format("delta").load(t.path(lake))), source(spark, t, lake), true);
            }
        }
        if (runners == null) {
            throw new IllegalStateException("ra_runners is not among the published tables");
        }
        TablePublisher.Source source = source(spark, runners, lake);
        Dataset<Row> rows = runners.shape().apply(spark.read().format("delta").load(runners.path(lake)))
                .persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> changed = rows.withColumn("in_running_comment", concat(coalesce(col("in_running_comment"), lit("")), lit(".")))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            long n = rows.count();
            changed.count();
            progress.accept("publish bench: " + n + " runners cached; raw COPY ...");
            // Once untimed, so that neither side pays for warming up the JVM's compiler and Postgres's caches.
            createIdenticalTable(db, "bench_raw_runners");
            publisher.copyInto("bench_raw_runners", rows);
            createIdenticalTable(db, "bench_raw_runners");
            long started = System.nanoTime();
            publisher.copyInto("bench_raw_runners", rows);
            double rawSeconds = seconds(started);
            dropTable(db, "bench_raw_runners");

            progress.accept("publish bench: first load ...");
            started = System.nanoTime();
            PublishResult first = publisher.publish(runners, rows, source, true);
            double firstSeconds = seconds(started);

            progress.accept("publish bench: every row changed ...");
            started = System.nanoTime();
            PublishResult all = publisher.publish(runners, changed, new TablePublisher.Source(source.id(), source.version() + 1), true);
            double allSeconds = seconds(started);

            progress.accept("publish bench: nothing changed ...");
            PublishResult none = publisher.publish(runners, changed, new TablePublisher.Source(source.id(), source.version() + 2), true);
            PublishResult skipped = publisher.publish(runners, changed, new TablePublisher.Source(source.id(), source.version() + 2), false);

            Map<String, Object> m = new LinkedHashMap<>();
            m.put("runners", n);
            m.put("raw_copy_rows_per_second", Math.round(n / rawSeconds));
            m.put("first_load_rows_written", first.rowsWritten());
            m.put("first_load_rows_per_second", Math.round(n / firstSeconds));
            m.put("first_load_ratio_to_raw_copy", ratio(rawSeconds, firstSeconds));
            m.put("all_changed_rows_written", all.rowsWritten());
            m.put("all_changed_rows_per_second", Math.round(n / allSeconds));
            m.put("all_changed_ratio_to_raw_copy", ratio(rawSeconds, allSeconds));
            m.put("no_change_rows_offered", none.rowsOffered());
            m.put("no_change_rows_written", none.rowsWritten() + skipped.rowsWritten());
            return m;
        } finally {
            rows.unpersist();
            changed.unpersist();
        }
    }

    private static TablePublisher.Source source(SparkSession spark, PublishedTable t, Lake lake) {
        return new TablePublisher.Source(DeltaTables.tableId(spark, t.path(lake)), DeltaTables.version(spark, t.path(lake)));
    }

    /** ra_runners' columns, defaults, primary key and indexes (LIKE ... INCLUDING ALL), and its foreign keys, added by hand. */
    private static void createIdenticalTable(PgTarget db, String name) throws SQLException {
        String schema = "\"" + db.schema() + "\"";
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + schema + "." + name);
            s.execute("CREATE TABLE " + schema + "." + name + " (LIKE " + schema + ".ra_runners INCLUDING ALL)");
            List<String> foreignKeys = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f' AND "
                    + "conrelid = '" + schema + ".ra_runners'::regclass")) {
                while (rs.next()) {
                    foreignKeys.add(rs.getString(1));
                }
            }
            for (String fk : foreignKeys) {
                s.execute("ALTER TABLE " + schema + "." + name + " ADD " + fk);
            }
        }
    }

    private static void dropTable(PgTarget db, String name) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE \"" + db.schema() + "\"." + name);
        }
    }

    private static double ratio(double rawSeconds, double seconds) {
        return Math.round(rawSeconds / seconds * 100) / 100.0;
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
