package dev.furlong.transform;

import static org.apache.spark.sql.functions.current_timestamp;

import dev.furlong.lake.DeltaTables;
import dev.furlong.lake.Lake;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Writes silver tables side by side, one Delta commit each, and gathers what each write did. The tables do not depend on one
 * another, and most of a small write is waiting on Delta; a few threads overlap that. Owns its threads: close it.
 */
final class SilverWriter implements AutoCloseable {

    /** Tables written at once: enough to overlap Delta's commit latency, few enough for two cores. */
    private static final int THREADS = 4;

    private final SparkSession spark;
    private final Lake lake;
    private final ExecutorService threads = Executors.newFixedThreadPool(THREADS, r -> {
        Thread t = new Thread(r, "furlong-silver-writer");
        t.setDaemon(true);
        return t;
    });
    private final List<Future<TableCounts>> written = new ArrayList<>();

    SilverWriter(SparkSession spark, Lake lake) {
        this.spark = spark;
        this.lake = lake;
    }

    /**
     * Replaces the rows of the races in {@code scope} ({@code race_id}, {@code race_month}) with {@code rows}: rows the table
     * holds for those races and {@code rows} lack are deleted; unchanged rows keep their {@code updated_at}.
     */
    void replace(String table, Dataset<Row> rows, List<String> keys, Dataset<Row> scope, long quarantined, long outside) {
        write(() -> {
            DeltaTables.Replaced r = DeltaTables.replace(spark, lake.silver(table), rows.withColumn("updated_at", current_timestamp()),
                    keys, scope, "race_id", List.of("updated_at"), SourceMerge.RACE_MONTH);
            return new TableCounts(table, r.rows(), r.inserted(), r.updated(), r.deleted(), quarantined, outside);
        });
    }

    /** Merges {@code rows} by key, never a null over a stored value; a row whose other columns are unchanged is not rewritten. */
    void upsert(String table, Dataset<Row> rows, List<String> keys, String... ignoredForChange) {
        write(() -> upsertNow(table, rows, keys, ignoredForChange));
    }

    /** A write whose rows are built on the writer thread (they read stored rows first). */
    void write(Callable<TableCounts> write) {
        written.add(threads.submit(write));
    }

    /** Any other work to run beside the writes. */
    <T> Future<T> beside(Callable<T> work) {
        return threads.submit(work);
    }

    /** As {@link #upsert}, on the calling thread. */
    TableCounts upsertNow(String table, Dataset<Row> rows, List<String> keys, String... ignoredForChange) {
        List<String> ignore = new ArrayList<>(List.of(ignoredForChange));
        ignore.add("updated_at");
        DeltaTables.Upserted u = DeltaTables.upsert(spark, lake.silver(table), rows.withColumn("updated_at", current_timestamp()),
                keys, ignore);
        return new TableCounts(table, u.rows(), u.inserted(), u.updated(), 0, 0, 0);
    }

    /** Waits for every write; the first that failed is thrown. */
    List<TableCounts> counts() {
        List<TableCounts> counts = new ArrayList<>();
        for (Future<TableCounts> f : written) {
            counts.add(done(f));
        }
        return counts;
    }

    static <T> T done(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing silver", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
