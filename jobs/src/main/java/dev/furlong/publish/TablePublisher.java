package dev.furlong.publish;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

/**
 * Publishes one Delta table into its Postgres table: COPY from the Spark partitions in parallel into an unlogged staging
 * table private to the run, then one transaction that moves the rows in (into an empty table one INSERT; else an upsert of
 * only the rows that differ, after the deletes) and moves the watermark, then drops the staging table. The SQL is
 * {@link PublishSql}'s.
 * Readers never see a half-published table; a crash leaves only a staging table, which the next run drops.
 * Identifiers come from code and validated settings, never from data; values travel only through COPY or bind parameters.
 */
public final class TablePublisher {

    public static final String STAGING_SCHEMA = "furlong_staging";
    /** Postgres's word for staged rows that hold a key twice: a unique violation (first load), an upsert changing a row twice. */
    private static final Set<String> KEY_TWICE = Set.of("23505", "21000");

    /**
     * From the catalog, of a foreign key {@code f} of table {@code t}: its columns and the columns they refer to, each
     * comma-separated in key order; then the FROM clause the two queries below continue.
     */
    private static final String FOREIGN_KEY_COLUMNS = "(SELECT string_agg(a.attname, ',' ORDER BY k.i) FROM "
            + "unnest(f.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = f.conrelid AND a.attnum = k.n), "
            + "(SELECT string_agg(a.attname, ',' ORDER BY k.i) FROM unnest(f.confkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a "
            + "ON a.attrelid = f.confrelid AND a.attnum = k.n) FROM pg_constraint f JOIN pg_class t ON t.oid = f.conrelid ";

    private final PgTarget target;
    private final String runId;

    public TablePublisher(PgTarget target, String runId) {
        this.target = target;
        this.runId = runId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
    }

    /**
     * @param table  the table, its keys and how it is written
     * @param rows   the rows in the Postgres table's column names: at least every row changed since the watermark
     * @param source the Delta table (its id) and version the rows were read at, recorded as the watermark
     * @param full   publish even when the watermark says the source has not changed
     */
    public PublishResult publish(PublishedTable table, Dataset<Row> rows, Source source, boolean full) throws SQLException {
        return publish(table, rows, Deletes.NONE, source, full);
    }

    /** Which rows of the Postgres table a publish deletes besides writing the rows it is given. */
    public record Deletes(Dataset<Row> keys, boolean missingFromRows) {
        public static final Deletes NONE = new Deletes(null, false);
        /** Every row whose key the given rows lack: the rows are all of the source's. */
        public static final Deletes MISSING_FROM_ROWS = new Deletes(null, true);

        /** The rows with these keys (the source deleted them). */
        public static Deletes keys(Dataset<Row> keys) {
            return new Deletes(keys, false);
        }
    }

    /**
     * As {@link #publish(PublishedTable, Dataset, Source, boolean)}, and deletes {@code deletes}' rows in the same transaction:
     * first the rows of the tables that refer to them by foreign key (a race's runners and result), then their own.
     */
    public PublishResult publish(PublishedTable table, Dataset<Row> rows, Deletes deletes, Source source, boolean full)
            throws SQLException {
        String qualified = ident(target.schema()) + "." + ident(table.pgTable());
        String staging = ident(STAGING_SCHEMA) + "." + ident(table.pgTable() + "__" + runId);
        String gone = ident(STAGING_SCHEMA) + "." + ident(table.pgTable() + "__" + runId + "__gone");
        try (Connection c = target.connect()) {
            if (!full && source.equals(watermark(c, table.watermark()))) {
                return PublishResult.unchanged(table.watermark(), source.version());
            }
            List<String> columns = Arrays.asList(rows.columns());
            checkColumns(c, table.pgTable(), columns);
            dropStaleStaging(c, table.pgTable());
            PublishSql sql = new PublishSql(table, qualified, staging, columns);
            List<Row> goneKeys = deletes.keys() == null ? List.of() : deletes.keys().collectAsList();
            try (Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA IF NOT EXISTS " + ident(STAGING_SCHEMA));
                s.execute(sql.createStaging());
            }
            try {
                // From every partition at once, a connection each: on a cluster the rows never pass through the driver.
                LongAccumulator copied = rows.sparkSession().sparkContext().longAccumulator("rows copied");
                rows.foreachPartition(new CopyPartition(target, sql.copyInto(staging), copied));
                long written;
                try {
                    written = move(c, table, source, sql, goneKeys, deletes.missingFromRows(), gone);
                } catch (SQLException e) {
                    throw "23503".equals(e.getSQLState()) ? withMissingParents(c, table, staging, e) : e;
                }
                return new PublishResult(table.watermark(), source.version(), copied.value(), written, false, "the rows given");
            } finally {
                try (Statement s = c.createStatement()) {
                    s.execute("DROP TABLE IF EXISTS " + staging);
                    s.execute("DROP TABLE IF EXISTS " + gone);
                }
            }
        }
    }

    /**
     * Moves the staged rows into the table in one transaction with the watermark. Staging holds a key twice only when the lake
     * gave it twice or a Spark task was retried after its COPY had committed; only then is the sort of reading a key once paid.
     */
    private long move(Connection c, PublishedTable table, Source source, PublishSql sql, List<Row> goneKeys, boolean missingFromRows,
                      String gone) throws SQLException {
        try {
            return inOneTransaction(c, table, source, () -> statements(c, sql, goneKeys, missingFromRows, gone));
        } catch (SQLException e) {
            if (!KEY_TWICE.contains(e.getSQLState())) {
                throw e;
            }
            PublishSql once = sql.readingAKeyOnce();
            return inOneTransaction(c, table, source, () -> statements(c, once, goneKeys, missingFromRows, gone));
        }
    }

    /**
     * What moves the staged rows into the table, decided inside the publish's transaction with the table locked against other
     * writers: into an empty table (a first load) one INSERT; else the deletes, children first, then the upsert.
     */
    private List<String> statements(Connection c, PublishSql sql, List<Row> goneKeys, boolean missingFromRows, String gone)
            throws SQLException {
        PublishedTable table = sql.table();
        if (table.write() != PublishedTable.Write.UPDATE_COLUMNS && lockedAndEmpty(c, sql.qualified())) {
            return List.of(sql.firstLoad());
        }
        List<String> statements = new ArrayList<>();
        if (!goneKeys.isEmpty() || missingFromRows) {
            try (Statement s = c.createStatement()) {
                s.execute(goneKeys.isEmpty() ? sql.createMissingKeyTable(gone) : sql.createKeyTable(gone));
            }
            if (!goneKeys.isEmpty()) {
                try {
                    CopyPartition.copy(c, sql.copyKeysInto(gone), goneKeys.iterator());
                } catch (IOException e) {
                    throw new SQLException("staging the keys to delete from " + table.pgTable() + " failed: " + e.getMessage(), e);
                }
            }
            for (ForeignKey child : foreignKeysTo(c, table.pgTable())) {
                statements.add(PublishSql.deleteChildren(child.table(), child.columns(), child.referred(), gone));
            }
            statements.add(sql.deleteGone(gone));
        }
        statements.addAll(sql.write());
        return statements;
    }

    /** Locks the table against other writers until the commit (readers go on), and says whether it has no rows. */
    private static boolean lockedAndEmpty(Connection c, String qualified) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("LOCK TABLE " + qualified + " IN SHARE ROW EXCLUSIVE MODE");
            try (ResultSet rs = s.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM " + qualified + ")")) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * COPYs rows straight into a table of the target schema: no deduplication, staging, upsert or watermark. The floor the
     * publish path is measured against ({@code furlong bench}). Returns the rows copied.
     */
    public long copyInto(String table, Dataset<Row> rows) {
        LongAccumulator copied = rows.sparkSession().sparkContext().longAccumulator("rows copied");
        rows.foreachPartition(new CopyPartition(target, "COPY " + ident(target.schema()) + "." + ident(table) + " ("
                + PublishSql.list(Arrays.asList(rows.columns()), "") + ") FROM STDIN", copied));
        return copied.value();
    }

    /** A foreign key of {@code table} (schema-qualified and quoted): its columns and the columns of the table they refer to. */
    private record ForeignKey(String table, List<String> columns, List<String> referred) {
    }

    /** The foreign keys of other tables of the schema that refer to {@code table}, from the catalog. */
    private List<ForeignKey> foreignKeysTo(Connection c, String table) throws SQLException {
        List<ForeignKey> keys = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT tn.nspname, t.relname, " + FOREIGN_KEY_COLUMNS
                + "JOIN pg_namespace tn ON tn.oid = t.relnamespace JOIN pg_class ref ON ref.oid = f.confrelid "
                + "JOIN pg_namespace n ON n.oid = ref.relnamespace "
                + "WHERE f.contype = 'f' AND n.nspname = ? AND ref.relname = ? AND t.oid <> ref.oid ORDER BY 1, 2")) {
            p.setString(1, target.schema());
            p.setString(2, table);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    keys.add(new ForeignKey(ident(rs.getString(1)) + "." + ident(rs.getString(2)), List.of(rs.getString(3).split(",")),
                            List.of(rs.getString(4).split(","))));
                }
            }
        }
        return keys;
    }

    /** What a transaction runs, chosen once it has begun. */
    private interface Plan {
        List<String> statements() throws SQLException;
    }

    /** Plans and runs the statements and moves the watermark in one transaction; returns the rows they wrote. */
    private long inOneTransaction(Connection c, PublishedTable table, Source source, Plan plan) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            long written = 0;
            List<String> statements = plan.statements();
            try (Statement s = c.createStatement()) {
                for (String sql : statements) {
                    written += s.executeLargeUpdate(sql);
                }
            }
            moveWatermark(c, table, source, written);
            c.commit();
            return written;
        } catch (SQLException e) {
            c.rollback();
            throw new SQLException("publishing " + table.watermark() + " failed, nothing of it was written: " + e.getMessage(),
                    e.getSQLState(), e);
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private void moveWatermark(Connection c, PublishedTable table, Source source, long written) throws SQLException {
        try (PreparedStatement w = c.prepareStatement("INSERT INTO " + ident(target.schema()) + ".etl_watermarks "
                + "(table_name, source_version, source_id, published_at, rows_written) VALUES (?, ?, ?, now(), ?) "
                + "ON CONFLICT (table_name) DO UPDATE SET source_version = EXCLUDED.source_version, "
                + "source_id = EXCLUDED.source_id, published_at = EXCLUDED.published_at, rows_written = EXCLUDED.rows_written")) {
            w.setString(1, table.watermark());
            w.setLong(2, source.version());
            w.setString(3, source.id());
            w.setLong(4, written);
            w.executeUpdate();
        }
    }

    /** A version of a Delta table, identified by the table's id: what a watermark records. */
    public record Source(String id, long version) {
    }

    /** The watermark of a table, or null when it was never published. */
    public Source watermark(String watermark) throws SQLException {
        try (Connection c = target.connect()) {
            return watermark(c, watermark);
        }
    }

    private Source watermark(Connection c, String table) throws SQLException {
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

    /**
     * A foreign key failed: names every staged key (up to ten per foreign key) whose parent row is missing, not just the
     * first one Postgres met. Column and table names come from the catalog, not from data.
     */
    private SQLException withMissingParents(Connection c, PublishedTable table, String staging, SQLException e) throws SQLException {
        List<String> found = new ArrayList<>();
        List<String[]> foreignKeys = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT ref.relname, " + FOREIGN_KEY_COLUMNS
                + "JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_class ref ON ref.oid = f.confrelid "
                + "WHERE f.contype = 'f' AND n.nspname = ? AND t.relname = ?")) {
            p.setString(1, target.schema());
            p.setString(2, table.pgTable());
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    foreignKeys.add(new String[]{rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
        }
        try (Statement s = c.createStatement()) {
            for (String[] fk : foreignKeys) {
                List<String> cols = List.of(fk[1].split(","));
                List<String> refs = List.of(fk[2].split(","));
                String shown = cols.stream().map(col -> "s." + ident(col) + "::text").collect(Collectors.joining(" || ',' || "));
                String notNull = cols.stream().map(col -> "s." + ident(col) + " IS NOT NULL").collect(Collectors.joining(" AND "));
                StringBuilder join = new StringBuilder();
                for (int i = 0; i < cols.size(); i++) {
                    join.append(i > 0 ? " AND " : "").append("r.").append(ident(refs.get(i))).append(" = s.").append(ident(cols.get(i)));
                }
                String keys = table.keys().stream().map(k -> "s." + ident(k) + "::text").collect(Collectors.joining(" || '/' || "));
                try (ResultSet rs = s.executeQuery("SELECT " + keys + ", " + shown + " FROM " + staging + " s WHERE " + notNull
                        + " AND NOT EXISTS (SELECT 1 FROM " + ident(target.schema()) + "." + ident(fk[0]) + " r WHERE " + join
                        + ") ORDER BY 1 LIMIT 10")) {
                    while (rs.next()) {
                        found.add(rs.getString(1) + " (" + fk[1] + " " + rs.getString(2) + " not in " + fk[0] + ")");
                    }
                }
            }
        }
        return found.isEmpty() ? e : new SQLException(e.getMessage() + "; rows whose parent is missing (at most ten per foreign key): "
                + String.join(", ", found), e.getSQLState(), e);
    }

    private static String ident(String name) {
        return PublishSql.ident(name);
    }
}
