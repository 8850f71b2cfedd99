package dev.furlong.publish;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL of publishing one table, as pure functions of its shape: the staging table, the COPY, the first load, the upsert,
 * the deletes. Identifiers come from code and the catalog, quoted by {@link #ident}; values never appear in the text, they
 * travel through COPY.
 *
 * @param table     the published table: its keys, how it is written, the columns that do not count as a change
 * @param qualified the Postgres table, schema-qualified and quoted
 * @param staging   the run's staging table, qualified and quoted
 * @param columns   the columns published, in the order of the rows
 * @param keyOnce   read the staged rows a key once ({@code DISTINCT ON}, a sort): needed only when staging holds a key twice
 */
record PublishSql(PublishedTable table, String qualified, String staging, List<String> columns, boolean keyOnce) {

    PublishSql(PublishedTable table, String qualified, String staging, List<String> columns) {
        this(table, qualified, staging, columns, false);
    }

    /**
     * The same statements reading the staged rows a key once: for when staging holds a key twice (the lake gave it twice, or a
     * Spark task was retried after its COPY had committed).
     */
    PublishSql readingAKeyOnce() {
        return new PublishSql(table, qualified, staging, columns, true);
    }

    /** An empty copy of the table's columns, without their constraints: a bad row is refused by the real table, and named. */
    String createStaging() {
        return "CREATE UNLOGGED TABLE " + staging + " AS SELECT " + list(columns, "") + " FROM " + qualified + " WITH NO DATA";
    }

    /** COPY of the rows into {@code into} (the staging table, or any table with these columns). */
    String copyInto(String into) {
        return "COPY " + into + " (" + list(columns, "") + ") FROM STDIN";
    }

    /** The staged rows into an empty table, in one statement: no conflict to look for, no row to compare. */
    String firstLoad() {
        return "INSERT INTO " + qualified + " (" + list(columns, "") + ") " + staged();
    }

    /**
     * The staged rows into a table that has rows: new keys inserted, rows that differ updated; for per-entity statistics, only existing rows' columns updated.
     */
    List<String> write() {
        String upsert = "INSERT INTO " + qualified + " AS t (" + list(columns, "") + ") " + staged() + " ON CONFLICT ("
                + list(table.keys(), "") + ") DO UPDATE SET " + set("EXCLUDED.") + " WHERE " + differs("EXCLUDED.");
        return switch (table.write()) {
            case UPSERT -> List.of(upsert);
            case UPDATE_COLUMNS -> List.of("UPDATE " + qualified + " t SET " + set("s.") + " FROM (" + staged() + ") s WHERE "
                    + sameKey("s") + " AND " + differs("s."));
        };
    }

    /** A table {@code gone} for the keys of rows to delete, empty. */
    String createKeyTable(String gone) {
        return "CREATE UNLOGGED TABLE " + gone + " AS SELECT " + list(table.keys(), "") + " FROM " + qualified + " WITH NO DATA";
    }

    /** A table {@code gone} of the stored keys that the staged rows lack: the rows the lake no longer has. */
    String createMissingKeyTable(String gone) {
        return "CREATE UNLOGGED TABLE " + gone + " AS SELECT " + list(table.keys(), "") + " FROM " + qualified
                + " t WHERE NOT EXISTS (SELECT 1 FROM " + staging + " s WHERE " + sameKey("s") + ")";
    }

    /** COPY of keys into the table {@code gone}. */
    String copyKeysInto(String gone) {
        return "COPY " + gone + " (" + list(table.keys(), "") + ") FROM STDIN";
    }

    /**
     * Deletes the rows of a child table whose foreign key ({@code columns}, referring to this table's {@code referred}) points at
     * a key in {@code gone}: run before {@link #deleteGone}, so the foreign key holds at the commit.
     */
    static String deleteChildren(String child, List<String> columns, List<String> referred, String gone) {
        StringBuilder join = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            join.append(i > 0 ? " AND " : "").append("c.").append(ident(columns.get(i))).append(" = g.").append(ident(referred.get(i)));
        }
        return "DELETE FROM " + child + " c USING " + gone + " g WHERE " + join;
    }

    /** Deletes this table's rows whose key is in {@code gone}. */
    String deleteGone(String gone) {
        return "DELETE FROM " + qualified + " t USING " + gone + " g WHERE " + sameKey("g");
    }

    /** The staged rows; with {@link #keyOnce}, one row per key. */
    private String staged() {
        if (!keyOnce) {
            return "SELECT " + list(columns, "") + " FROM " + staging;
        }
        String keys = list(table.keys(), "");
        return "SELECT DISTINCT ON (" + keys + ") " + list(columns, "") + " FROM " + staging + " ORDER BY " + keys;
    }

    private String sameKey(String alias) {
        return table.keys().stream().map(k -> "t." + ident(k) + " = " + alias + "." + ident(k)).collect(Collectors.joining(" AND "));
    }

    private List<String> values() {
        return columns.stream().filter(col -> !table.keys().contains(col)).toList();
    }

    /** Every non-key column set from the new row ({@code from} is its alias). */
    private String set(String from) {
        return values().stream().map(v -> ident(v) + " = " + from + ident(v)).collect(Collectors.joining(", "));
    }

    /** The stored row ({@code t}) differs from the new one in a column that counts. */
    private String differs(String from) {
        List<String> compared = values().stream().filter(col -> !table.ignoredForChange().contains(col)).toList();
        return compared.isEmpty() ? "false" : "(" + list(compared, "t.") + ") IS DISTINCT FROM (" + list(compared, from) + ")";
    }

    static String list(List<String> columns, String prefix) {
        return columns.stream().map(col -> prefix + ident(col)).collect(Collectors.joining(", "));
    }

    /** Quotes an identifier that comes from code or a validated setting. */
    static String ident(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain SQL identifier: " + name);
        }
        return "\"" + name + "\"";
    }
}
