package dev.furlong.validate;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import dev.furlong.config.ValidationThresholds;
import dev.furlong.lake.ChangeFeed;
import dev.furlong.lake.DeltaTables;
import dev.furlong.lake.Lake;
import dev.furlong.publish.PublishedTable;
import dev.furlong.transform.BronzePages;
import dev.furlong.transform.PageSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.jdk.javaapi.CollectionConverters;

/** The checks the lake answers, alone (keys, bronze against silver, quarantine) and against what Postgres published. Reads only. */
final class LakeChecks {

    private final SparkSession spark;
    private final Lake lake;
    private final List<String> regions;
    private final ValidationThresholds limits;
    private final List<Check> checks = new ArrayList<>();

    LakeChecks(SparkSession spark, Lake lake, List<String> regions, ValidationThresholds limits) {
        this.spark = spark;
        this.lake = lake;
        this.regions = regions;
        this.limits = limits;
    }

    List<Check> checks() {
        return checks;
    }

    /** Every published table's keys are unique in the lake (Postgres enforces its own primary keys). */
    LakeChecks duplicateKeys() {
        long total = 0;
        List<String> found = new ArrayList<>();
        int tables = 0;
        for (PublishedTable t : upserted()) {
            if (!DeltaTables.exists(spark, t.path(lake))) {
                continue;
            }
            tables++;
            Dataset<Row> rows = spark.read().format("delta").load(t.path(lake));
            Row r = rows.groupBy(columns(t.keys())).count().where(col("count").gt(1))
                    .agg(coalesce(sum(col("count").minus(1)), lit(0L)), count(lit(1))).head();
            long extra = r.getLong(0);
            if (extra > 0) {
                found.add(String.format("%s: %,d keys held %,d times too many", t.lakeTable(), r.getLong(1), extra));
                total += extra;
            }
        }
        checks.add(Check.of("duplicate_keys", Severity.ERROR, "0", String.format("%,d", total), (double) total, total == 0,
                found.isEmpty() ? tables + " lake tables, keys as in Postgres" : String.join("; ", found)));
        return this;
    }

    /**
     * Every runner record bronze's latest answers hold, in the configured regions, is a silver runner or quarantined, and every
     * silver runner comes from one; counted on distinct (race_id, horse_id). Also the quarantine's size and top reasons.
     */
    LakeChecks bronzeAgainstSilver() {
        Dataset<Row> bronze = spark.read().format("delta").load(lake.apiResponses());
        Dataset<Row> inRegions = null;
        Dataset<Row> outside = null;
        for (PageSource s : PageSource.values()) {
            Dataset<Row> races = BronzePages.races(BronzePages.parse(bronze, s), s);
            Dataset<Row> in = BronzePages.runners(races.where(BronzePages.isInRegions(regions)))
                    .select(lit(s.endpoint()).as("source_endpoint"), col("request_key"), col("json_path"), col("race_id"), col("horse_id"));
            Dataset<Row> out = BronzePages.runners(races.where(BronzePages.isOutsideRegions(regions))).select("race_id", "horse_id");
            inRegions = inRegions == null ? in : inRegions.unionByName(in);
            outside = outside == null ? out : outside.unionByName(out);
        }
        Dataset<Row> pairs = inRegions.where(col("race_id").isNotNull().and(col("horse_id").isNotNull())).cache();
        try {
            long bronzePairs = pairs.select("race_id", "horse_id").distinct().count();
            long outsidePairs = outside.where(col("race_id").isNotNull()).select("race_id", "horse_id").distinct().count();
            String silverPath = lake.silver("runners");
            Dataset<Row> silver = DeltaTables.exists(spark, silverPath)
                    ? spark.read().format("delta").load(silverPath).select("race_id", "horse_id")
                    : pairs.select("race_id", "horse_id").limit(0);
            long silverPairs = silver.distinct().count();
            Dataset<Row> quarantine = DeltaTables.exists(spark, lake.quarantine())
                    ? spark.read().format("delta").load(lake.quarantine()) : null;
            Dataset<Row> missing = pairs.join(silver, seq("race_id", "horse_id"), "left_anti");
            long quarantinedPairs = 0;
            if (quarantine != null) {
                // A runner is quarantined with its own path, or with its race's or its page's when those could not be read.
                Dataset<Row> q = quarantine.select(col("source_endpoint").as("q_source"), col("request_key").as("q_key"),
                        col("json_path").as("q_path"));
                Column explained = col("source_endpoint").equalTo(col("q_source")).and(col("request_key").equalTo(col("q_key")))
                        .and(col("json_path").equalTo(col("q_path")).or(col("json_path").startsWith(concat(col("q_path"), lit(".")))));
                Dataset<Row> quarantined = missing.join(broadcast(q), explained, "left_semi");
                quarantinedPairs = quarantined.select("race_id", "horse_id").distinct().count();
                missing = missing.join(broadcast(q), explained, "left_anti");
            }
            long unexplained = missing.select("race_id", "horse_id").distinct().count();
            long unsourced = silver.join(pairs, seq("race_id", "horse_id"), "left_anti").distinct().count();
            long off = unexplained + unsourced;
            List<String> sample = missing.select("race_id", "horse_id").distinct().limit(3).collectAsList().stream()
                    .map(r -> r.getString(0) + "/" + r.getString(1)).toList();
            checks.add(Check.of("bronze_reconciles", Severity.ERROR, "bronze = silver + quarantine + outside regions",
                    String.format("%,d unaccounted", off), (double) off, off == 0,
                    String.format("%,d runners in bronze's latest answers in the regions = %,d in silver + %,d quarantined%s%s; "
                                    + "%,d outside the regions", bronzePairs, silverPairs - unsourced, quarantinedPairs,
                            unexplained > 0 ? String.format(" + %,d missing (e.g. %s)", unexplained, String.join(", ", sample)) : "",
                            unsourced > 0 ? String.format("; %,d silver runners no answer holds", unsourced) : "", outsidePairs)));
            quarantine(quarantine, quarantinedPairs, bronzePairs);
        } finally {
            pairs.unpersist();
        }
        return this;
    }

    private void quarantine(Dataset<Row> quarantine, long quarantinedRunners, long bronzeRunners) {
        long rows = quarantine == null ? 0 : quarantine.count();
        String reasons = quarantine == null ? "" : String.join("; ", quarantine.groupBy("reason").count()
                .orderBy(col("count").desc(), col("reason")).limit(5).collectAsList().stream()
                .map(r -> String.format("%,d × %s", r.getLong(1), r.getString(0))).toList());
        double share = bronzeRunners == 0 ? 0 : quarantinedRunners / (double) bronzeRunners;
        checks.add(Check.of("quarantine", Severity.WARN, "runners <= " + DatabaseChecks.pct(limits.quarantineShareMax()),
                String.format("%,d records; %s of runners", rows, DatabaseChecks.pct(share)), share, share <= limits.quarantineShareMax(),
                rows == 0 ? "nothing quarantined" : "top reasons: " + reasons));
    }

    /**
     * Against Postgres: each table holds as many rows as its Delta table held keys at the version its watermark records, and no
     * table has lake changes that were not published yet.
     */
    LakeChecks againstPostgres(Connection db) throws SQLException {
        Map<String, Long> marks = new HashMap<>();
        Map<String, String> sources = new HashMap<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT table_name, source_version, source_id FROM etl_watermarks")) {
            while (rs.next()) {
                marks.put(rs.getString(1), rs.getLong(2));
                sources.put(rs.getString(1), rs.getString(3));
            }
        }
        List<String> differ = new ArrayList<>();
        List<String> behind = new ArrayList<>();
        int compared = 0;
        for (PublishedTable t : upserted()) {
            String path = t.path(lake);
            boolean inLake = DeltaTables.exists(spark, path);
            Long version = marks.get(t.watermark());
            if (!inLake) {
                continue;
            }
            if (version == null || version < 0) {
                differ.add(t.pgTable() + " never published");
                continue;
            }
            if (sources.get(t.watermark()) != null && !sources.get(t.watermark()).equals(DeltaTables.tableId(spark, path))) {
                differ.add(t.pgTable() + " was published from another lake table (rebuilt since: publish --full)");
                continue;
            }
            compared++;
            long lakeKeys = spark.read().format("delta").option("versionAsOf", version).load(path).select(columns(t.keys())).distinct().count();
            long pgRows;
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + t.pgTable())) {
                rs.next();
                pgRows = rs.getLong(1);
            }
            if (pgRows != lakeKeys) {
                differ.add(String.format("%s %,d rows, lake %,d at version %d", t.pgTable(), pgRows, lakeKeys, version));
            }
            long current = DeltaTables.version(spark, path);
            if (current > version) {
                // A version that changed no row (a compaction) leaves nothing to publish.
                ChangeFeed.Read<Long> changes = ChangeFeed.read(spark, path, version + 1, current, Dataset::count);
                if (changes.value() == null || changes.value() > 0) {
                    behind.add(String.format("%s (published version %d, lake %d)", t.pgTable(), version, current));
                }
            }
        }
        checks.add(Check.of("lake_vs_postgres", Severity.ERROR, "Postgres rows = lake keys at the published version",
                differ.size() + " tables differ", (double) differ.size(), differ.isEmpty(),
                differ.isEmpty() ? compared + " tables compared" : String.join("; ", differ)));
        checks.add(Check.of("published", Severity.WARN, "no lake change left unpublished", behind.size() + " tables behind",
                (double) behind.size(), behind.isEmpty(), behind.isEmpty() ? "Postgres holds every lake change"
                        : String.join("; ", behind) + " (./furlong publish)"));
        return this;
    }

    private static List<PublishedTable> upserted() {
        return PublishedTable.ALL.stream().filter(t -> t.write() == PublishedTable.Write.UPSERT).toList();
    }

    private static Column[] columns(List<String> names) {
        return names.stream().map(n -> col(n)).toArray(Column[]::new);
    }

    private static scala.collection.immutable.Seq<String> seq(String... names) {
        return CollectionConverters.asScala(List.of(names)).toSeq();
    }
}
