package dev.furlong.publish;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Publishes one Delta table into its Postgres table: COPY from the Spark partitions in parallel into an unlogged staging
 * table private to the run, then one transaction that upserts only rows that differ and moves the watermark, then drops the
 * staging table. Readers never see a half-published table; a crash leaves only a staging table, which the next run drops.
 * Identifiers come from code and validated settings, never from data; values travel only through COPY or bind parameters.
 */
public final class TablePublisher {

    public static final String STAGING_SCHEMA = "furlong_staging";

    private final PgTarget target;
    private final String runId;

    public TablePublisher(PgTarget target, String runId) {
        this.target = target;
        this.runId = runId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
    }

    /**
     * @param table         the ra_* table name (a constant of the caller)
     * @param rows          the silver rows; every column must exist in the Postgres table
     * @param keys          the table's primary key columns
     * @param source        the Delta table (its id) and version the rows were read at, recorded as the watermark
     * @param full          publish even when the watermark says the source has not changed
     */
    public PublishResult publish(String table, Dataset<Row> rows, List<String> keys, Source source, boolean full)
            throws SQLException {
        long sourceVersion = source.version();
        String qualified = ident(target.schema()) + "." + ident(table);
        String staging = ident(STAGING_SCHEMA) + "." + ident(table + "__" + runId);
        try (Connection c = target.connect()) {
            if (!full && source.equals(watermark(c, table))) {
                return new PublishResult(table, sourceVersion, 0, 0, true);
            }
            List<String> columns = Arrays.asList(rows.columns());
            checkColumns(c, table, columns);
            dropStaleStaging(c, table);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA IF NOT EXISTS " + ident(STAGING_SCHEMA));
                s.execute("CREATE UNLOGGED TABLE " + staging + " (LIKE " + qualified + " INCLUDING DEFAULTS)");
            }
            try {
                Dataset<Row> unique = rows.dropDuplicates(keys.toArray(new String[0])).persist(StorageLevel.MEMORY_AND_DISK());
                long offered;
                try {
                    String columnList = columns.stream().map(TablePublisher::ident).collect(Collectors.joining(", "));
                    unique.foreachPartition(new CopyPartition(target, "COPY " + staging + " (" + columnList + ") FROM STDIN"));
                    offered = unique.count();
                } finally {
                    unique.unpersist();
                }
                long written = upsert(c, table, qualified, staging, columns, keys, source);
                return new PublishResult(table, sourceVersion, offered, written, false);
            } finally {
                try (Statement s = c.createStatement()) {
                    s.execute("DROP TABLE IF EXISTS " + staging);
                }
            }
        }
    }

    private long upsert(Connection c, String table, String qualified, String staging, List<String> columns, List<String> keys,
                        Source source) throws SQLException {
        List<String> values = columns.stream().filter(col -> !keys.contains(col)).toList();
        String cols = columns.stream().map(TablePublisher::ident).collect(Collectors.joining(", "));
        String set = values.stream().map(v -> ident(v) + " = EXCLUDED." + ident(v)).collect(Collectors.joining(", "));
        String targetRow = values.stream().map(v -> "t." + ident(v)).collect(Collectors.joining(", "));
        String newRow = values.stream().map(v -> "EXCLUDED." + ident(v)).collect(Collectors.joining(", "));
        String keyList = keys.stream().map(TablePublisher::ident).collect(Collectors.joining(", "));
        // DISTINCT ON: a Spark task retried after its COPY committed leaves a key twice in staging; one copy is enough.
        String sql = "INSERT INTO " + qualified + " AS t (" + cols + ") SELECT DISTINCT ON (" + keyList + ") " + cols + " FROM "
                + staging + " ORDER BY " + keyList + " ON CONFLICT (" + keyList + ") DO UPDATE SET " + set
                + " WHERE (" + targetRow + ") IS DISTINCT FROM (" + newRow + ")";
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            long written;
            try (Statement s = c.createStatement()) {
                written = s.executeLargeUpdate(sql);
            }
            try (PreparedStatement w = c.prepareStatement("INSERT INTO " + ident(target.schema()) + ".etl_watermarks "
                    + "(table_name, source_version, source_id, published_at, rows_written) VALUES (?, ?, ?, now(), ?) "
                    + "ON CONFLICT (table_name) DO UPDATE SET source_version = EXCLUDED.source_version, "
                    + "source_id = EXCLUDED.source_id, published_at = EXCLUDED.published_at, rows_written = EXCLUDED.rows_written")) {
                w.setString(1, table);
                w.setLong(2, source.version());
                w.setString(3, source.id());
                w.setLong(4, written);
                w.executeUpdate();
            }
            c.commit();
            return written;
        } catch (SQLException e) {
            c.rollback();
            throw new SQLException("publishing " + table + " failed, nothing of it was written: " + e.getMessage(), e.getSQLState(), e);
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /** A version of a Delta table, identified by the table's id: what a watermark records. */
    public record Source(String id, long version) {
    }

    /** The watermark of a table, or null when it was never published. */
    public Source watermark(Connection c, String table) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT source_id, source_version FROM " + ident(target.schema())
                + ".etl_watermarks WHERE table_name = ?")) {
            p.setString(1, table);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? new Source(rs.getString(1), rs.getLong(2)) : null;
            }
        }
    }

    private void checkColumns(Connection c, String table, List<String> columns) throws SQLException {
        List<String> existing = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND table_name = ?")) {
            p.setString(1, target.schema());
            p.setString(2, table);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    existing.add(rs.getString(1));
                }
            }
        }
        List<String> missing = columns.stream().filter(col -> !existing.contains(col)).toList();
        if (!missing.isEmpty()) {
            throw new SQLException("the Postgres table " + target.schema() + "." + table + " lacks the columns " + missing
                    + ": the schema and the code disagree (is a migration missing?)");
        }
    }

    /** Staging tables of this table left behind by a run that crashed. */
    private void dropStaleStaging(Connection c, String table) throws SQLException {
        List<String> stale = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT tablename FROM pg_tables WHERE schemaname = ? AND left(tablename, ?) = ?")) {
            p.setString(1, STAGING_SCHEMA);
            p.setInt(2, table.length() + 2);
            p.setString(3, table + "__");
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    stale.add(rs.getString(1));
                }
            }
        }
        try (Statement s = c.createStatement()) {
            for (String t : stale) {
                s.execute("DROP TABLE IF EXISTS " + ident(STAGING_SCHEMA) + "." + ident(t));
            }
        }
    }

    /** Quotes an identifier that comes from code or a validated setting. */
    static String ident(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain SQL identifier: " + name);
        }
        return "\"" + name + "\"";
    }
}
