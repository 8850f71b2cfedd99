package dev.furlong.bench;

import dev.furlong.api.RequestLimits;
import dev.furlong.ingest.BronzeWriter;
import dev.furlong.lake.BronzeSchemas;
import dev.furlong.lake.DeltaTables;
import dev.furlong.lake.Lake;
import dev.furlong.sandbox.SandboxArchive;
import dev.furlong.transform.TableCounts;
import dev.furlong.transform.TransformJob;
import dev.furlong.transform.TransformReport;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Bronze → silver at scale: years of sandbox answers (every day's results, and racecards from 2023-01-23) written straight to
 * bronze, then the full transform, then one more day and the incremental transform that picks it up. Reports rows and seconds.
 */
public final class TransformBench {

    private TransformBench() {
    }

    public static Map<String, Object> run(SparkSession spark, Lake lake, long seed, LocalDate today, int years,
                                          Consumer<String> progress) {
        SandboxArchive archive = new SandboxArchive(seed, today);
        LocalDate from = today.minusYears(years);
        LocalDate lastDay = today.minusDays(2);
        long started = System.nanoTime();
        land(spark, lake, archive, from, lastDay, today, progress);
        double landSeconds = seconds(started);

        progress.accept("transforming " + from + " to " + lastDay + " ...");
        started = System.nanoTime();
        TransformReport full = new TransformJob(spark, lake, List.of("gb", "ire"), "bench-full").run();
        double fullSeconds = seconds(started);

        land(spark, lake, archive, today.minusDays(1), today.minusDays(1), today, progress);
        progress.accept("transforming one more day ...");
        started = System.nanoTime();
        TransformReport daily = new TransformJob(spark, lake, List.of("gb", "ire"), "bench-daily").run();
        double dailySeconds = seconds(started);

        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", from.toString());
        m.put("to", lastDay.toString());
        m.put("bronze_answers", DeltaTables.exists(spark, lake.apiResponses())
                ? spark.read().format("delta").load(lake.apiResponses()).count() : 0);
        m.put("max_heap_gb", Math.round(Runtime.getRuntime().maxMemory() * 10.0 / (1L << 30)) / 10.0);
        m.put("bronze_write_seconds", Math.round(landSeconds));
        m.put("races", rows(full, "races"));
        m.put("runners", rows(full, "runners"));
        m.put("runner_records_in_bronze", full.runnersInBronze());
        m.put("invariant_holds", full.invariantHolds() && daily.invariantHolds());
        m.put("full_transform_seconds", Math.round(fullSeconds));
        m.put("full_runner_records_per_second", Math.round(full.runnersInBronze() / fullSeconds));
        m.put("daily_runners", rows(daily, "runners"));
        m.put("daily_transform_seconds", Math.round(dailySeconds));
        return m;
    }

    /** Writes the sandbox's answers of {@code from} to {@code to} (as seen on {@code today}) straight into bronze. */
    public static void land(SparkSession spark, Lake lake, SandboxArchive archive, LocalDate from, LocalDate to, LocalDate today,
                            Consumer<String> progress) {
        List<Row> batch = new ArrayList<>();
        long chars = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            chars += add(batch, archive, d, today);
            // Bounded by size, not count: a batch is serialised whole into Spark's tasks, and a day's answers are large.
            if (chars >= 128L << 20) {
                chars = 0;
                write(spark, lake, batch);
                progress.accept("bronze written up to " + d);
            }
        }
        write(spark, lake, batch);
    }

    private static long rows(TransformReport report, String table) {
        return report.tables().stream().filter(t -> t.table().equals(table)).mapToLong(TableCounts::rowsIn).sum();
    }

    /** Adds the day's answers to the batch; returns their characters. */
    private static long add(List<Row> batch, SandboxArchive archive, LocalDate d, LocalDate today) {
        Instant fetchedAt = d.plusDays(1).atTime(6, 0).toInstant(java.time.ZoneOffset.UTC);
        String results = archive.results(d);
        batch.add(RowFactory.create("results", "/v1/results?end_date=" + d + "&start_date=" + d, Date.valueOf(d), 200, results,
                BronzeWriter.sha256(results), fetchedAt, "bench"));
        long chars = results.length();
        if (!d.isBefore(RequestLimits.RACECARDS_PRO_START)) {
            String cards = archive.racecards(d);
            batch.add(RowFactory.create("racecards_pro", "/v1/racecards/pro?date=" + d, Date.valueOf(d), 200, cards,
                    BronzeWriter.sha256(cards), fetchedAt.minusSeconds(86_400), "bench"));
            chars += cards.length();
        }
        return chars;
    }

    private static void write(SparkSession spark, Lake lake, List<Row> batch) {
        if (!batch.isEmpty()) {
            spark.createDataFrame(batch, BronzeSchemas.API_RESPONSES).write().format("delta").mode("append")
                    .partitionBy("partition_date").save(lake.apiResponses());
            batch.clear();
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
