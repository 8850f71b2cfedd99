package dev.furlong.maintain;

import dev.furlong.lake.Lake;
import dev.furlong.lake.WatermarkedVersion;
import dev.furlong.publish.PublishJob;
import dev.furlong.stats.StatsJob;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;

/**
 * {@code furlong maintain}: every Delta table of the lake compacted, checkpointed and (bronze aside) vacuumed, then the published
 * tables vacuumed and analysed. The caller holds the lake's lock and the publish lock, so no fetch or publish runs meanwhile.
 */
public final class MaintainJob {

    private final SparkSession spark;
    private final Lake lake;
    private final Duration retention;

    public MaintainJob(SparkSession spark, Lake lake, Duration retention) {
        this.spark = spark;
        this.lake = lake;
        this.retention = retention;
    }

    /** What maintenance did: each lake table, and each Postgres table. */
    public record Report(List<LakeMaintenance.Maintained> lake, List<DatabaseMaintenance.Vacuumed> database, String schema,
                         boolean dryRun) {

        public Map<String, Long> counts() {
            Map<String, Long> counts = new TreeMap<>();
            counts.put("tables", (long) lake.size());
            counts.put("live_files_before", total(LakeMaintenance.Maintained::liveBefore).count());
            counts.put("live_files_after", total(LakeMaintenance.Maintained::liveAfter).count());
            counts.put("disk_files_before", total(LakeMaintenance.Maintained::diskBefore).count());
            counts.put("disk_files_after", total(LakeMaintenance.Maintained::diskAfter).count());
            counts.put("pg_tables", (long) database.size());
            return counts;
        }

        public String render() {
            StringBuilder s = new StringBuilder();
            String row = "%-32s %15s %19s %15s %19s  %s%n";
            s.append(String.format(row, "table", "live files", "live MB", "files on disk", "MB on disk", "VACUUM"));
            for (LakeMaintenance.Maintained m : lake) {
                s.append(String.format(row, m.table(), files(m.liveBefore(), m.liveAfter()), megabytes(m.liveBefore(), m.liveAfter()),
                        files(m.diskBefore(), m.diskAfter()), megabytes(m.diskBefore(), m.diskAfter()), m.vacuum()));
            }
            var liveBefore = total(LakeMaintenance.Maintained::liveBefore);
            var liveAfter = total(LakeMaintenance.Maintained::liveAfter);
            var diskBefore = total(LakeMaintenance.Maintained::diskBefore);
            var diskAfter = total(LakeMaintenance.Maintained::diskAfter);
            s.append(String.format(row, "all " + lake.size() + " tables", files(liveBefore, liveAfter), megabytes(liveBefore, liveAfter),
                    files(diskBefore, diskAfter), megabytes(diskBefore, diskAfter), ""));
            if (dryRun) {
                s.append("dry run: nothing was changed\n");
            }
            if (database.isEmpty()) {
                s.append("Postgres: no published tables in schema ").append(schema).append(" yet: nothing to vacuum\n");
            } else {
                s.append("Postgres: ").append(dryRun ? "would VACUUM ANALYZE " : "VACUUM ANALYZE of ").append(database.size())
                        .append(" tables in schema ").append(schema).append(String.format(", rows %,d, dead rows %,d → %,d%n",
                                database.stream().mapToLong(DatabaseMaintenance.Vacuumed::rows).sum(),
                                database.stream().mapToLong(DatabaseMaintenance.Vacuumed::deadBefore).sum(),
                                database.stream().mapToLong(DatabaseMaintenance.Vacuumed::deadAfter).sum()));
            }
            return s.toString();
        }

        private LakeMaintenance.Files total(Function<LakeMaintenance.Maintained, LakeMaintenance.Files> which) {
            return new LakeMaintenance.Files(lake.stream().mapToLong(m -> which.apply(m).count()).sum(),
                    lake.stream().mapToLong(m -> which.apply(m).bytes()).sum());
        }

        private static String files(LakeMaintenance.Files before, LakeMaintenance.Files after) {
            return String.format("%,d → %,d", before.count(), after.count());
        }

        private static String megabytes(LakeMaintenance.Files before, LakeMaintenance.Files after) {
            return String.format("%.1f → %.1f", before.bytes() / 1e6, after.bytes() / 1e6);
        }
    }

    /**
     * Maintains every table. {@code database} is the serving Postgres (in autocommit mode), whose watermarks say which lake
     * versions the next publish reads on from; {@code progress} hears of each table as it is done.
     */
    public Report run(Connection database, String schema, Instant now, boolean dryRun, Consumer<String> progress) throws SQLException {
        List<WatermarkedVersion> watermarks = new ArrayList<>(PublishJob.versionsInUse(database, schema, lake));
        watermarks.addAll(StatsJob.versionsInUse(spark, lake));
        LakeMaintenance maintenance = new LakeMaintenance(spark, lake, retention);
        List<LakeMaintenance.Maintained> tables = new ArrayList<>();
        for (String table : maintenance.tables()) {
            long start = System.nanoTime();
            LakeMaintenance.Maintained m = maintenance.maintain(table, watermarks, now, dryRun);
            progress.accept(String.format("%s: %,d → %,d live files (%.1f s)", table, m.liveBefore().count(), m.liveAfter().count(),
                    (System.nanoTime() - start) / 1e9));
            tables.add(m);
        }
        return new Report(tables, DatabaseMaintenance.vacuumAnalyze(database, schema, dryRun), schema, dryRun);
    }
}
