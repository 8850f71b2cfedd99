package dev.furlong.maintain;

import dev.furlong.publish.PublishedTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code VACUUM ANALYZE} of the published tables: the space of the rows each upsert replaced made reusable, and the planner's
 * statistics brought up to date with what the syncs changed.
 */
public final class DatabaseMaintenance {

    private DatabaseMaintenance() {
    }

    /** One table: its rows, and the dead rows (replaced or deleted, not yet reclaimed) before and after. */
    public record Vacuumed(String table, long rows, long deadBefore, long deadAfter) {
    }

    /**
     * Vacuums and analyses every ra_* table and the run bookkeeping that exist in {@code schema}; none when the database was never
     * published to. {@code c} must be in autocommit mode (VACUUM runs outside a transaction).
     */
    public static List<Vacuumed> vacuumAnalyze(Connection c, String schema, boolean dryRun) throws SQLException {
        List<Vacuumed> done = new ArrayList<>();
        List<String> tables = Stream.concat(PublishedTable.ALL.stream().map(PublishedTable::pgTable),
                Stream.of("etl_runs", "etl_watermarks")).distinct().toList();
        for (String table : tables) {
            long[] before = counts(c, schema, table);
            if (before == null) {
                continue;
            }
            if (!dryRun) {
                try (Statement s = c.createStatement()) {
                    // Identifiers: the schema is checked to be a plain lower-case name (SettingsLoader), the tables are constants.
                    s.execute("VACUUM (ANALYZE) \"" + schema + "\".\"" + table + "\"");
                }
            }
            long[] after = dryRun ? before : counts(c, schema, table);
            done.add(new Vacuumed(table, after[0], before[1], after[1]));
        }
        return done;
    }

    /** {rows, dead rows} from Postgres's statistics, or null when the table does not exist. */
    private static long[] counts(Connection c, String schema, String table) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT coalesce(n_live_tup, 0), coalesce(n_dead_tup, 0) "
                + "FROM pg_stat_user_tables WHERE schemaname = ? AND relname = ?")) {
            p.setString(1, schema);
            p.setString(2, table);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? new long[]{rs.getLong(1), rs.getLong(2)} : null;
            }
        }
    }
}
