package dev.furlong.maintain;

import static org.apache.spark.sql.functions.col;

import dev.furlong.lake.DeltaTables;
import dev.furlong.lake.Lake;
import dev.furlong.lake.WatermarkedVersion;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;

/**
 * Delta housekeeping for every table of a lake: the small files that each sync's commits leave compacted (OPTIMIZE), a checkpoint
 * of the log, and VACUUM of the files no version within the retention uses.
 *
 * <p>Bronze is never vacuumed and keeps its whole log, so every API answer a later one superseded stays readable by time travel.
 * Silver, gold and meta are vacuumed with the configured retention, lengthened for a table whose change feed a watermark still
 * reads on from an older version: the files of the versions after it must outlive VACUUM.
 */
public final class LakeMaintenance {

    /** Delta refuses less than its default week unless told: the configured retention is the user's informed choice. */
    private static final String RETENTION_CHECK = "spark.databricks.delta.retentionDurationCheck.enabled";
    /** VACUUM lists a table in this many tasks, 10,000 by default: 20 s of scheduling for a table of ten files. */
    private static final String LISTING_TASKS = "spark.sql.sources.parallelPartitionDiscovery.parallelism";
    /** Delta 4 uses the table's deletedFileRetentionDuration, not VACUUM's argument, unless told. */
    private static final String RETENTION_ARGUMENT_IGNORED = "spark.databricks.delta.vacuum.retentionWindowIgnore.enabled";

    private final SparkSession spark;
    private final Lake lake;
    private final Duration retention;

    public LakeMaintenance(SparkSession spark, Lake lake, Duration retention) {
        this.spark = spark;
        this.lake = lake;
        this.retention = retention;
    }

    /** A number of files and their size. */
    public record Files(long count, long bytes) {
    }

    /**
     * What maintenance did to one table.
     *
     * @param table      relative to the lake root ("silver/runners")
     * @param liveBefore the files the current version reads, before (and {@code liveAfter} after)
     * @param diskBefore the data files in the table's folder, its log aside, before (and {@code diskAfter} after)
     * @param vacuum     "never" for bronze, else the retention VACUUM used and why
     */
    public record Maintained(String table, Files liveBefore, Files liveAfter, Files diskBefore, Files diskAfter, String vacuum) {
    }

    /** The lake's Delta tables, relative to its root, layer by layer: bronze, silver, gold, meta. */
    public List<String> tables() {
        List<String> tables = new ArrayList<>();
        try {
            FileSystem fs = new Path(lake.root()).getFileSystem(spark.sessionState().newHadoopConf());
            for (String layer : List.of("bronze", "silver", "gold", "meta")) {
                Path dir = new Path(lake.root(), layer);
                if (!fs.exists(dir)) {
                    continue;
                }
                for (FileStatus s : fs.listStatus(dir)) {
                    if (s.isDirectory() && fs.exists(new Path(s.getPath(), "_delta_log"))) {
                        tables.add(layer + "/" + s.getPath().getName());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the tables of the lake " + lake.root(), e);
        }
        tables.sort(null);
        return tables;
    }

    /**
     * Compacts, checkpoints and (bronze aside) vacuums one table. {@code watermarks} are every version a reader goes on from;
     * {@code dryRun} only measures and says which retention VACUUM would use.
     */
    public Maintained maintain(String table, List<WatermarkedVersion> watermarks, Instant now, boolean dryRun) {
        String path = lake.root() + "/" + table;
        boolean bronze = table.startsWith("bronze/");
        Files liveBefore = live(path);
        Files diskBefore = onDisk(path);
        String vacuum;
        Duration keep = null;
        if (bronze) {
            vacuum = "never: bronze keeps its history";
        } else {
            Optional<Needed> needed = oldestNeeded(path, watermarks);
            keep = retention(retention, now, needed.map(Needed::since));
            vacuum = "retain " + describe(keep) + (keep.equals(retention) ? "" : " (" + needed.orElseThrow().reader()
                    + " reads on from version " + needed.orElseThrow().version() + ")");
        }
        if (dryRun) {
            return new Maintained(table, liveBefore, liveBefore, diskBefore, diskBefore, vacuum);
        }
        DeltaTable delta = DeltaTable.forPath(spark, path);
        if (bronze) {
            DeltaTables.keepEveryVersion(spark, path);
        }
        delta.optimize().executeCompaction();
        DeltaLog.forTable(spark, path).checkpoint();
        if (keep != null) {
            vacuum(delta, keep);
        }
        return new Maintained(table, liveBefore, live(path), diskBefore, onDisk(path), vacuum);
    }

    /**
     * The retention VACUUM uses: the configured one, or longer when a reader still needs the files removed since the oldest
     * version it reads on from ({@code neededSince}: when the first version after its watermark was committed), with an hour to spare.
     */
    static Duration retention(Duration configured, Instant now, Optional<Instant> neededSince) {
        if (neededSince.isEmpty()) {
            return configured;
        }
        Duration needed = Duration.ofHours(Duration.between(neededSince.get(), now).toHours() + 2);
        return needed.compareTo(configured) > 0 ? needed : configured;
    }

    /**
     * When the oldest version a watermark on this table reads on from was committed; empty when every watermark is at the current
     * version, is for an earlier table at this path (a rebuilt table is read whole), or when Delta no longer holds that version.
     */
    private Optional<Needed> oldestNeeded(String path, List<WatermarkedVersion> watermarks) {
        String id = DeltaTables.tableId(spark, path);
        long current = DeltaTables.version(spark, path);
        Optional<WatermarkedVersion> oldest = watermarks.stream()
                .filter(w -> samePath(w.path(), path) && w.tableId().equals(id) && w.version() < current)
                .min(java.util.Comparator.comparingLong(WatermarkedVersion::version));
        if (oldest.isEmpty()) {
            return Optional.empty();
        }
        List<Row> commit = DeltaTable.forPath(spark, path).history().where(col("version").equalTo(oldest.get().version() + 1))
                .select("timestamp").collectAsList();
        return commit.isEmpty() ? Optional.empty()
                : Optional.of(new Needed(oldest.get().reader(), oldest.get().version(), commit.get(0).getInstant(0)));
    }

    /** The oldest version a reader goes on from, and when the version after it was committed. */
    private record Needed(String reader, long version, Instant since) {
    }

    private static boolean samePath(String a, String b) {
        return new Path(a).toUri().getPath().replaceAll("/+$", "").equals(new Path(b).toUri().getPath().replaceAll("/+$", ""));
    }

    private void vacuum(DeltaTable delta, Duration keep) {
        Map<String, String> set = Map.of(RETENTION_CHECK, "false", RETENTION_ARGUMENT_IGNORED, "false",
                LISTING_TASKS, spark.conf().get("spark.sql.shuffle.partitions"));
        Map<String, String> saved = new HashMap<>();
        set.forEach((key, value) -> {
            saved.put(key, spark.conf().get(key, null));
            spark.conf().set(key, value);
        });
        try {
            delta.vacuum(keep.toMinutes() / 60.0);
        } finally {
            saved.forEach((key, value) -> {
                if (value == null) {
                    spark.conf().unset(key);
                } else {
                    spark.conf().set(key, value);
                }
            });
        }
    }

    private Files live(String path) {
        var snapshot = DeltaLog.forTable(spark, path).update(false, scala.Option.empty(), scala.Option.empty());
        return new Files(snapshot.numOfFiles(), snapshot.sizeInBytes());
    }

    /** The table's files on disk, data and change data, without its log. */
    private Files onDisk(String path) {
        long count = 0;
        long bytes = 0;
        try {
            Path root = new Path(path);
            FileSystem fs = root.getFileSystem(spark.sessionState().newHadoopConf());
            RemoteIterator<LocatedFileStatus> files = fs.listFiles(root, true);
            while (files.hasNext()) {
                LocatedFileStatus f = files.next();
                if (!f.getPath().toUri().getPath().contains("/_delta_log/")) {
                    count++;
                    bytes += f.getLen();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the files of " + path, e);
        }
        return new Files(count, bytes);
    }

    private static String describe(Duration d) {
        return d.toMinutesPart() == 0 ? d.toHours() + " h" : d.toMinutes() + " min";
    }
}
