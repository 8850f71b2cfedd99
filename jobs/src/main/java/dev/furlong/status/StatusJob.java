package dev.furlong.status;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.unix_timestamp;
import static org.apache.spark.sql.functions.year;

import dev.furlong.api.Endpoint;
import dev.furlong.ingest.HorsesToEnrich;
import dev.furlong.lake.DeltaTables;
import dev.furlong.lake.Lake;
import dev.furlong.lake.RunHistory;
import dev.furlong.publish.PublishedTable;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Gathers {@link Status} from the lake and, when it can be read, the serving Postgres. Reads only. */
public final class StatusJob {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private final SparkSession spark;
    private final Lake lake;
    private final LocalDate today;

    public StatusJob(SparkSession spark, Lake lake, LocalDate today) {
        this.spark = spark;
        this.lake = lake;
        this.today = today;
    }

    /** The status; {@code database} is null with {@code databaseProblem} saying why when Postgres cannot be read. */
    public Status collect(Connection database, String databaseName, String schema, String databaseProblem) throws SQLException {
        boolean hasLake = DeltaTables.exists(spark, lake.apiResponses());
        String lakeEmpty = hasLake ? null : "the lake at " + lake.root() + " holds no answers yet (./furlong backfill, or ./furlong demo)";
        String problem = databaseProblem;
        Map<String, Long> watermarks = Map.of();
        if (database != null && problem == null) {
            if (!exists(database, schema, "etl_watermarks")) {
                problem = "nothing published yet: schema " + schema + " has no Furlong tables (./furlong publish)";
            } else {
                watermarks = watermarks(database, schema);
            }
        }
        Connection db = problem == null ? database : null;
        return new Status(lake.root(), lakeEmpty, databaseName, problem, tables(db, schema, watermarks), years(db, schema), runs(),
                hasLake ? backlog() : new Status.Backlog(Map.of(), 0), apiToday());
    }

    private List<Status.Table> tables(Connection db, String schema, Map<String, Long> watermarks) throws SQLException {
        List<Status.Table> tables = new ArrayList<>();
        for (PublishedTable t : PublishedTable.ALL) {
            if (t.write() != PublishedTable.Write.UPSERT) {
                continue; // the per-entity statistics columns: their rows are the ra_mst_* tables'
            }
            String path = t.path(lake);
            boolean inLake = DeltaTables.exists(spark, path);
            Long lakeRows = inLake ? spark.read().format("delta").load(path).count() : null;
            Long lakeVersion = inLake ? DeltaTables.version(spark, path) : null;
            Long pgRows = db == null || !exists(db, schema, t.pgTable()) ? null : scalar(db, "SELECT count(*) FROM " + q(schema) + "." + q(t.pgTable()));
            Long published = watermarks.get(t.watermark());
            if (published != null && inLake && published >= 0 && !sameTable(db, schema, t, path)) {
                published = -1L;
            }
            tables.add(new Status.Table(t.lakeTable(), t.pgTable(), lakeRows, lakeVersion, pgRows, published));
        }
        return tables;
    }

    private boolean sameTable(Connection db, String schema, PublishedTable t, String path) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT source_id FROM " + q(schema)
                + ".etl_watermarks WHERE table_name = '" + t.watermark().replace("'", "''") + "'")) {
            return rs.next() && DeltaTables.tableId(spark, path).equals(rs.getString(1));
        }
    }

    private List<Status.Year> years(Connection db, String schema) throws SQLException {
        Map<Integer, long[]> lakeYears = new TreeMap<>();
        String[] tables = {"races", "runners", "race_results"};
        for (int i = 0; i < tables.length; i++) {
            String path = lake.silver(tables[i]);
            if (!DeltaTables.exists(spark, path)) {
                continue;
            }
            for (Row r : spark.read().format("delta").load(path).groupBy(year(col("race_month")).as("y")).count().collectAsList()) {
                lakeYears.computeIfAbsent(r.getInt(0), y -> new long[3])[i] = r.getLong(1);
            }
        }
        Map<Integer, long[]> pgYears = new HashMap<>();
        boolean published = db != null && exists(db, schema, "ra_races");
        if (published) {
            String races = q(schema) + ".ra_races";
            String[] sql = {
                "SELECT extract(year FROM race_date)::int, count(*) FROM " + races + " GROUP BY 1",
                "SELECT extract(year FROM r.race_date)::int, count(*) FROM " + q(schema) + ".ra_runners u JOIN " + races + " r USING (race_id) GROUP BY 1",
                "SELECT extract(year FROM r.race_date)::int, count(*) FROM " + q(schema) + ".ra_race_results x JOIN " + races + " r USING (race_id) GROUP BY 1"};
            for (int i = 0; i < sql.length; i++) {
                try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql[i])) {
                    while (rs.next()) {
                        pgYears.computeIfAbsent(rs.getInt(1), y -> new long[3])[i] = rs.getLong(2);
                    }
                }
            }
        }
        java.util.TreeSet<Integer> all = new java.util.TreeSet<>(lakeYears.keySet());
        all.addAll(pgYears.keySet());
        List<Status.Year> years = new ArrayList<>();
        for (int y : all) {
            long[] l = lakeYears.getOrDefault(y, new long[3]);
            long[] pg = pgYears.getOrDefault(y, new long[3]);
            years.add(new Status.Year(y, l[0], l[1], l[2], published ? pg[0] : null, published ? pg[1] : null, published ? pg[2] : null));
        }
        return years;
    }

    /** The latest success of each command's stage from the lake's run history, and a later failure if any. */
    private List<Status.LastRun> runs() {
        Map<String, RunHistory.Stage> succeeded = new TreeMap<>();
        Map<String, RunHistory.Stage> failed = new TreeMap<>();
        for (RunHistory.Stage s : RunHistory.endedSince(spark, lake, null)) {
            String key = s.command() + " " + s.stage();
            (s.succeeded() ? succeeded : failed).merge(key, s, (a, b) -> a.endedAt().isAfter(b.endedAt()) ? a : b);
        }
        java.util.TreeSet<String> keys = new java.util.TreeSet<>(succeeded.keySet());
        keys.addAll(failed.keySet());
        List<Status.LastRun> runs = new ArrayList<>();
        for (String key : keys) {
            RunHistory.Stage ok = succeeded.get(key);
            RunHistory.Stage bad = failed.get(key);
            if (bad != null && ok != null && !bad.endedAt().isAfter(ok.endedAt())) {
                bad = null;
            }
            RunHistory.Stage any = ok != null ? ok : bad;
            runs.add(new Status.LastRun(any.command(), any.stage(), ok == null ? null : ok.endedAt().toString(),
                    ok == null ? null : Duration.between(ok.startedAt(), ok.endedAt()).toMillis() / 1000.0,
                    bad == null ? null : bad.endedAt().toString(), bad == null ? null : bad.message()));
        }
        return runs;
    }

    private Status.Backlog backlog() {
        Map<String, Long> failed = new TreeMap<>();
        if (DeltaTables.exists(spark, lake.fetchLog())) {
            Dataset<Row> latest = spark.read().format("delta").load(lake.fetchLog()).groupBy("endpoint", "request_key")
                    .agg(max_by(col("outcome"), col("at")).as("outcome"));
            // A unit whose answer bronze holds is done, whatever a later failed re-read says.
            Dataset<Row> stored = spark.read().format("delta").load(lake.apiResponses()).select("endpoint", "request_key");
            for (Row r : latest.where(col("outcome").equalTo("failed")).join(stored,
                            scala.jdk.javaapi.CollectionConverters.asScala(List.of("endpoint", "request_key")).toSeq(), "left_anti")
                    .groupBy("endpoint").count().collectAsList()) {
                failed.put(r.getString(0), r.getLong(1));
            }
        }
        long horses = HorsesToEnrich.from(spark.read().format("delta").load(lake.apiResponses())).size();
        return new Status.Backlog(failed, horses);
    }

    /** Today's calls per endpoint from the run history, and the busiest ten seconds of the fetch log. */
    private List<Status.ApiUse> apiToday() {
        Instant start = today.atStartOfDay(LONDON).toInstant();
        Map<String, Long> calls = new TreeMap<>();
        for (RunHistory.Stage s : RunHistory.endedSince(spark, lake, start)) {
            if (s.stage().equals(RunHistory.RUN) && !s.startedAt().isBefore(start)) {
                s.apiCalls().forEach((endpoint, n) -> calls.merge(endpoint, n, Long::sum));
            }
        }
        // Over ten seconds, as the API's edge counts (100 requests in 10 s); a single second's count says little of a rate.
        Map<String, Long> peaks = new HashMap<>();
        if (DeltaTables.exists(spark, lake.fetchLog())) {
            for (Row r : spark.read().format("delta").load(lake.fetchLog()).where(col("at").geq(lit(java.sql.Timestamp.from(start))))
                    .groupBy(col("endpoint"), floor(unix_timestamp(col("at")).divide(10))).agg(count(lit(1)).as("n"))
                    .groupBy("endpoint").agg(max("n")).collectAsList()) {
                peaks.put(r.getString(0), r.getLong(1));
            }
        }
        List<Status.ApiUse> use = new ArrayList<>();
        for (Endpoint e : Endpoint.values()) {
            long n = calls.getOrDefault(e.bronzeName(), 0L);
            if (n > 0 || peaks.containsKey(e.bronzeName())) {
                use.add(new Status.ApiUse(e.bronzeName(), n, peaks.getOrDefault(e.bronzeName(), 0L) / 10.0, e.documentedRatePerSecond()));
            }
        }
        return use;
    }

    private static Map<String, Long> watermarks(Connection db, String schema) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT table_name, source_version FROM " + q(schema)
                + ".etl_watermarks")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    private static boolean exists(Connection db, String schema, String table) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT to_regclass('" + q(schema) + "." + q(table) + "') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static long scalar(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A quoted identifier: the schema is a checked lower-case name (SettingsLoader), the tables are constants. */
    private static String q(String identifier) {
        return "\"" + identifier + "\"";
    }
}
