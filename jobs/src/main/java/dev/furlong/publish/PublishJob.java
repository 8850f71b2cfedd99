package dev.furlong.publish;

import static org.apache.spark.sql.functions.col;

import dev.furlong.config.Redact;
import dev.furlong.lake.ChangeFeed;
import dev.furlong.lake.DeltaTables;
import dev.furlong.lake.Lake;
import dev.furlong.lake.RunHistory;
import dev.furlong.lake.WatermarkedVersion;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Consumer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Publishes the lake into Postgres: applies the migrations, then each table of {@link PublishedTable#ALL} in dependency order.
 * A table is read at one version; only rows changed since its watermark are offered (from the Delta change data feed), unless
 * the publish is full or the feed cannot say (then every row, and the report says why).
 * One publish runs into a database at a time: another waits its turn, up to its lock timeout.
 */
public final class PublishJob {

    private final SparkSession spark;
    private final Lake lake;
    private final PgTarget target;
    private final String runId;
    private final Duration lockTimeout;
    private final Consumer<String> waiting;

    /** A publish that fails at once when another is running. */
    public PublishJob(SparkSession spark, Lake lake, PgTarget target, String runId) {
        this(spark, lake, target, runId, Duration.ZERO, line -> { });
    }

    /** A publish that waits up to {@code lockTimeout} for another to end, saying so once to {@code waiting}. */
    public PublishJob(SparkSession spark, Lake lake, PgTarget target, String runId, Duration lockTimeout, Consumer<String> waiting) {
        this.spark = spark;
        this.lake = lake;
        this.target = target;
        this.runId = runId;
        this.lockTimeout = lockTimeout;
        this.waiting = waiting;
    }

    public List<PublishResult> run(boolean full) throws SQLException {
        Migrations.apply(target);
        List<PublishResult> results = new ArrayList<>();
        try (Connection lock = target.connect()) {
            holdPublishLock(lock);
            TablePublisher publisher = new TablePublisher(target, runId);
            for (PublishedTable table : PublishedTable.ALL) {
                try {
                    PublishResult r = publish(publisher, table, full);
                    if (r != null) {
                        results.add(r);
                    }
                } catch (SQLException | RuntimeException e) {
                    throw failedWhilePublishing(table, results.size(), e);
                }
            }
            catchUpRunHistory(lock);
            return results;
        }
    }

    /**
     * The database's failure in the middle of a table (its connection lost, say; the COPY's own inside a Spark task), said
     * plainly with what it leaves; any other failure is rethrown as it is.
     */
    private SQLException failedWhilePublishing(PublishedTable table, int publishedBefore, Exception e) {
        SQLException database = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                database = s;
            }
        }
        if (database == null) {
            throw (RuntimeException) e; // not the database's: a SQLException would have been found
        }
        return new SQLException("Postgres at " + Redact.url(target.url()) + " failed while " + table.pgTable() + " was being published: "
                + database.getMessage().lines().findFirst().orElse("").replaceAll("\\.$", "") + "; " + (publishedBefore == 0 ? "no table"
                : "the " + publishedBefore + " tables before it") + " were published whole, " + table.pgTable()
                + " is as it was, and the next publish does the rest", database.getSQLState(), e);
    }

    /** Publishes one table, or returns null when the lake does not have it yet (statistics before the first `furlong stats`). */
    private PublishResult publish(TablePublisher publisher, PublishedTable table, boolean full) throws SQLException {
        String path = table.path(lake);
        long version = DeltaTables.version(spark, path);
        if (version < 0) {
            return null;
        }
        TablePublisher.Source source = new TablePublisher.Source(DeltaTables.tableId(spark, path), version);
        TablePublisher.Source mark = publisher.watermark(table.watermark());
        if (!full && source.equals(mark)) {
            return PublishResult.unchanged(table.watermark(), version);
        }
        Offered offered = offered(table, path, source, mark, full);
        try {
            // full = true: the watermark was compared just above
            TablePublisher.Deletes deletes = offered.deleted() != null ? TablePublisher.Deletes.keys(offered.deleted())
                    : offered.allRows() && table.followsLakeDeletes() ? TablePublisher.Deletes.MISSING_FROM_ROWS
                    : TablePublisher.Deletes.NONE;
            return publisher.publish(table, offered.rows(), deletes, source, true).read(offered.how());
        } finally {
            if (offered.held() != null) {
                offered.held().unpersist();
            }
        }
    }

    /**
     * The rows to offer, the keys to delete (null: none known), whether the rows are all the table's rows (then a row Postgres
     * has beyond them is one the lake deleted), how they were chosen, and what was cached to choose them (null: nothing).
     */
    private record Offered(Dataset<Row> rows, Dataset<Row> deleted, boolean allRows, String how, Dataset<Row> held) {
        Offered(Dataset<Row> rows, String how) {
            this(rows, null, true, how, null);
        }
    }

    private Offered offered(PublishedTable table, String path, TablePublisher.Source source, TablePublisher.Source mark,
                            boolean full) {
        Dataset<Row> all = table.shape().apply(spark.read().format("delta").option("versionAsOf", source.version()).load(path));
        if (full) {
            return new Offered(all, "all rows (--full)");
        }
        if (mark == null) {
            return new Offered(all, "all rows (first publish)");
        }
        if (!mark.id().equals(source.id())) {
            return new Offered(all, "all rows (the watermark is of another Delta table)");
        }
        Column[] keys = table.keys().stream().map(k -> col("`" + k + "`")).toArray(Column[]::new);
        var keySeq = CollectionConverters.asScala(table.keys()).toSeq();
        ChangeFeed.Read<Offered> feed = ChangeFeed.read(spark, path, mark.version() + 1, source.version(), changes -> {
            // Only the net changes, read from the feed alone: a small silver table is rewritten whole when a few of its rows
            // change, and its feed then names every row; nor is the table itself read (ten years of runners for a day's).
            Dataset<Row> net = ChangeFeed.net(changes).persist(StorageLevel.MEMORY_AND_DISK());
            Dataset<Row> rows = table.shape().apply(net.where(col("net").gt(0)).drop("net"));
            // A key the feed took out and did not put back was deleted (a runner a corrected answer dropped).
            Dataset<Row> deleted = table.followsLakeDeletes()
                    ? table.shape().apply(net.where(col("net").lt(0)).drop("net")).select(keys).distinct()
                            .join(rows.select(keys), keySeq, "left_anti") : null;
            net.count(); // reads the feed now
            return new Offered(rows, deleted, false, "rows changed in versions " + (mark.version() + 1) + " to " + source.version(),
                    net);
        });
        if (feed.readable()) {
            return feed.value();
        }
        DeltaTables.keepChangeFeed(spark, path); // a table from before the feed: the next publish reads changes
        return new Offered(all, "all rows (the change feed since version " + mark.version() + " cannot be read: " + feed.unreadable() + ")");
    }

    /**
     * The lake versions the database's watermarks record ({@code etl_watermarks}): what the next publish reads the change feed on
     * from. None when the database holds no watermarks yet.
     */
    public static List<WatermarkedVersion> versionsInUse(Connection c, String schema, Lake lake) throws SQLException {
        List<WatermarkedVersion> versions = new ArrayList<>();
        try (var s = c.createStatement(); var rs = s.executeQuery("SELECT to_regclass('\"" + schema + "\".etl_watermarks') IS NOT NULL")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return versions;
            }
        }
        try (var s = c.createStatement(); var rs = s.executeQuery("SELECT table_name, source_id, source_version FROM \"" + schema
                + "\".etl_watermarks WHERE source_id IS NOT NULL")) {
            while (rs.next()) {
                String watermark = rs.getString(1);
                for (PublishedTable t : PublishedTable.ALL) {
                    if (t.watermark().equals(watermark)) {
                        versions.add(new WatermarkedVersion(t.path(lake), rs.getString(2), rs.getLong(3), "etl_watermarks " + watermark));
                    }
                }
            }
        }
        return versions;
    }

    /**
     * Brings across the run history of runs that did not publish (a fetch, a transform): every stage the lake holds that ended
     * within a day of the latest Postgres holds. A run writes its rows when it ends, so nothing older can be missing.
     */
    private void catchUpRunHistory(Connection c) throws SQLException {
        Instant latest = RunHistoryTable.latestEnd(c, target.schema());
        List<RunHistory.Stage> stages = RunHistory.endedSince(spark, lake, latest == null ? null : latest.minus(Duration.ofDays(1)));
        if (!stages.isEmpty()) {
            RunHistoryTable.write(c, target.schema(), stages);
        }
    }

    private void holdPublishLock(Connection lock) throws SQLException {
        if (!PublishLock.take(lock, lockTimeout, waiting)) {
            throw new SQLException("another furlong publish (or maintain) into this database is running"
                    + (lockTimeout.isZero() ? "" : " after " + lockTimeout + " of waiting") + "; try again when it ends");
        }
    }
}
