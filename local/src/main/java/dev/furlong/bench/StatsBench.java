package dev.furlong.bench;

import dev.furlong.cli.Furlong;
import dev.furlong.lake.Lake;
import dev.furlong.stats.StatsJob;
import dev.furlong.stats.StatsProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;

/**
 * Every statistic of a lake's silver, for the daily (standard) and the weekly (high_quality) profile, each run as
 * {@code furlong stats} in a JVM of its own whose heap is capped at {@value #HEAP}: in local mode that one heap holds the driver
 * and the executors, so finishing inside it shows the driver needs no more. The seconds include starting the JVM and Spark.
 */
public final class StatsBench {

    static final String HEAP = "2g";

    private StatsBench() {
    }

    public static Map<String, Object> run(SparkSession spark, Lake lake, LocalDate asOf, Path logs, Consumer<String> progress)
            throws IOException, InterruptedException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runners", spark.read().format("delta").load(lake.silver("runners")).count());
        m.put("heap", "-Xmx" + HEAP);
        for (StatsProfile profile : List.of(StatsProfile.STANDARD, StatsProfile.HIGH_QUALITY)) {
            progress.accept("furlong stats --profile " + profile.name() + " in a JVM with -Xmx" + HEAP + " ...");
            Path log = logs.resolve("stats-" + profile.name() + ".log");
            Files.createDirectories(logs);
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + HEAP,
                    "-cp", System.getProperty("java.class.path"), Furlong.class.getName(), "stats", "--lake", lake.root(),
                    "--profile", profile.name(), "--as-of", asOf.toString());
            long started = System.nanoTime();
            int exit = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start().waitFor();
            long seconds = Math.round((System.nanoTime() - started) / 1e9);
            if (exit != 0) {
                throw new IllegalStateException("furlong stats --profile " + profile.name() + " failed (exit " + exit + "); see " + log);
            }
            m.put(profile.name() + "_seconds", seconds);
            for (String table : List.of(StatsJob.ENTITY_COMBINATIONS, StatsJob.PERFORMANCE_BY_DISTANCE,
                    StatsJob.PERFORMANCE_BY_VENUE, StatsJob.RUNNER_STATISTICS, StatsJob.ENTITY_STATISTICS)) {
                var rows = spark.read().format("delta").load(lake.gold(table));
                // entity_statistics has no profile: all of it.
                m.put(profile.name() + "_" + table + "_rows", (table.equals(StatsJob.ENTITY_STATISTICS) ? rows
                        : rows.where(org.apache.spark.sql.functions.col("profile").equalTo(profile.name()))).count());
            }
        }
        return m;
    }
}
