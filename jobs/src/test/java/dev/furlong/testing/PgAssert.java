package dev.furlong.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.furlong.publish.PgTarget;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Compares a Postgres table with the lake rows it was published from, value by value: numbers at the column's scale (as
 * Postgres rounds them), JSON as parsed trees, timestamps as instants, arrays as lists.
 */
public final class PgAssert {

    // Postgres's jsonb orders object keys its own way: compare the trees with keys sorted.
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private PgAssert() {
    }

    /** Asserts that {@code schema.table} holds exactly the rows of {@code expected}, in its columns. */
    public static void assertSameRows(Dataset<Row> expected, PgTarget db, String table) throws Exception {
        List<String> columns = Arrays.asList(expected.columns());
        TreeSet<String> pg = new TreeSet<>();
        List<Integer> scales = new ArrayList<>();
        List<String> types = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + String.join(", ", columns) + " FROM " + db.schema() + "." + table)) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= columns.size(); i++) {
                scales.add(md.getScale(i));
                types.add(md.getColumnTypeName(i));
            }
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns.size(); i++) {
                    values.add(canonical(fromPostgres(rs, i, types.get(i - 1)), types.get(i - 1), scales.get(i - 1)));
                }
                pg.add(String.join(" | ", values));
            }
        }
        TreeSet<String> lake = new TreeSet<>();
        for (Row r : expected.collectAsList()) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                Object v = r.get(i);
                if (v instanceof scala.collection.Seq<?> seq) {
                    v = scala.jdk.javaapi.CollectionConverters.asJava(seq);
                }
                values.add(canonical(v, types.get(i), scales.get(i)));
            }
            lake.add(String.join(" | ", values));
        }
        TreeSet<String> missing = new TreeSet<>(lake);
        missing.removeAll(pg);
        TreeSet<String> extra = new TreeSet<>(pg);
        extra.removeAll(lake);
        assertEquals(List.of(), new ArrayList<>(missing).subList(0, Math.min(3, missing.size())),
                table + ": lake rows not in Postgres (" + missing.size() + "), and Postgres rows not in the lake (" + extra.size()
                        + "), e.g. " + extra.stream().limit(3).toList() + "; columns " + columns);
        assertEquals(lake.size(), pg.size(), table + ": row count");
    }

    private static Object fromPostgres(ResultSet rs, int i, String type) throws SQLException {
        Object v = switch (type) {
            case "timestamptz" -> rs.getObject(i, OffsetDateTime.class);
            case "_text" -> rs.getArray(i) == null ? null : Arrays.asList((Object[]) rs.getArray(i).getArray());
            case "jsonb", "json" -> rs.getString(i);
            default -> rs.getObject(i);
        };
        return rs.wasNull() ? null : v;
    }

    private static String canonical(Object v, String pgType, int scale) throws Exception {
        if (v == null) {
            return "∅";
        }
        return switch (pgType) {
            case "numeric" -> new BigDecimal(v.toString()).setScale(scale, RoundingMode.HALF_UP).toPlainString();
            case "int2", "int4", "int8" -> Long.toString(((Number) v).longValue());
            case "jsonb", "json" -> JSON.writeValueAsString(JSON.readValue(v.toString(), Object.class));
            case "timestamptz" -> (v instanceof OffsetDateTime o ? o.toInstant() : (Instant) v).toString();
            default -> v.toString();
        };
    }
}
