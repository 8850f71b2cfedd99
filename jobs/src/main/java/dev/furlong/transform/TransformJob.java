package dev.furlong.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;

import dev.furlong.lake.DeltaTables;
import dev.furlong.lake.Lake;
import dev.furlong.lake.LakeColumns;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Future;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.LogicalRDD;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Bronze → the 14 silver tables and {@code silver/quarantine}. Incremental: only answers that are new or changed since the
 * last run are read (see {@link TransformLog}), and for a race date that has any, every results and racecards answer of that
 * date is read, so each race is rebuilt from all its sources at once and comes out the same whatever order they arrived in.
 * The rows are {@link SilverTransform}'s; this job chooses the answers, hands over the stored rows, and writes what comes
 * out. Silver is merged by key and a row changes only when its content does. Checks at the end that every runner in the answers it
 * read is in silver, in quarantine, or counted as outside the configured regions.
 */
public final class TransformJob {

    /**
     * A run of at most a month of race days and a few thousand horse answers (a daily sync) shuffles a few thousand rows: it
     * uses this many partitions rather than the many a backfill needs. That spares hundreds of near-empty tasks; a daily
     * transform on this 2-core machine takes about 4 s less.
     */
    private static final int SMALL_RUN_PARTITIONS = 2;
    private static final int SMALL_RUN_RACE_DAYS = 31;
    private static final long SMALL_RUN_HORSE_ANSWERS = 10_000;
    private static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";

    private static final Set<String> RACE_ENDPOINTS = java.util.Arrays.stream(PageSource.values())
            .flatMap(s -> s.endpoints().stream()).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private final SparkSession spark;
    private final Lake lake;
    private final List<String> regions;
    private final String runId;
    private final LocalDate from;
    private final LocalDate to;

    public TransformJob(SparkSession spark, Lake lake, List<String> regions, String runId) {
        this(spark, lake, regions, runId, null, null);
    }

    /** With {@code from}/{@code to}: every answer of those race dates is transformed again, whether new or not. */
    public TransformJob(SparkSession spark, Lake lake, List<String> regions, String runId, LocalDate from, LocalDate to) {
        this.spark = spark;
        this.lake = lake;
        this.regions = regions;
        this.runId = runId;
        this.from = from;
        this.to = to;
    }

    /** {@code sync --scope people}: the jockey, trainer and owner tables rebuilt from every runner in silver ({@link PeopleRebuild}). */
    public TransformReport rebuildPeople() {
        if (!DeltaTables.exists(spark, lake.silver("runners"))) {
            return TransformReport.nothing("silver has no runners yet: no people to rebuild");
        }
        Dataset<Row> runners = spark.read().format("delta").load(lake.silver("runners"));
        Dataset<Row> races = spark.read().format("delta").load(lake.silver("races"));
        List<TableCounts> counts = new ArrayList<>();
        try (SilverWriter writer = new SilverWriter(spark, lake)) {
            for (Entities.Table table : PeopleRebuild.TABLES) {
                Dataset<Row> rows = PeopleRebuild.rows(table, runners, races).localCheckpoint(true);
                long deleted = DeltaTables.deleteMissing(spark, lake.silver(table.name()), rows, List.of(Entities.idColumn(table)));
                // A value unchanged keeps the time it was first observed at: only changed rows take the rebuild's times.
                TableCounts c = writer.upsertNow(table.name(), rows, List.of(Entities.idColumn(table)), LakeColumns.SOURCE_FETCHED_AT,
                        LakeColumns.ATTRIBUTE_FETCHED_AT);
                counts.add(new TableCounts(table.name(), c.rowsIn(), c.inserted(), c.updated(), deleted, 0, 0));
            }
        }
        return new TransformReport("every runner in silver", counts, 0, true, "jockeys, trainers and owners as silver's runners name them");
    }

    public TransformReport run() {
        if (!DeltaTables.exists(spark, lake.apiResponses())) {
            return TransformReport.nothing("bronze is empty: nothing to transform");
        }
        requireCurrentLayout();
        TransformLog log = new TransformLog(spark, lake);
        boolean chosenDates = from != null || to != null;
        Dataset<Row> bronze;
        Dataset<Row> todo;
        Long version = null;
        boolean moved = false;
        String found;
        if (chosenDates) {
            bronze = spark.read().format("delta").load(lake.apiResponses());
            todo = bronze.select("endpoint", "request_key", "body_sha256", "partition_date")
                    .where(col("endpoint").isin(RACE_ENDPOINTS.toArray())
                            .and(from == null ? lit(true) : col("partition_date").geq(Date.valueOf(from)))
                            .and(to == null ? lit(true) : col("partition_date").leq(Date.valueOf(to))))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            found = "every results and racecards answer of " + (from == null ? "the start" : from) + " to "
                    + (to == null ? "the end" : to);
        } else {
            TransformLog.Pending pending = log.untransformed(lake.apiResponses());
            bronze = pending.bronze();
            todo = pending.answers();
            version = pending.version();
            moved = pending.moved();
            found = pending.found();
        }
        try {
            List<Row> todoSummary = todo.groupBy("endpoint", "partition_date").count().collectAsList();
            if (todoSummary.isEmpty()) {
                if (moved) {
                    log.advance(version, runId);
                }
                return TransformReport.nothing("no new or changed answers in bronze since the last transform (" + found + ")");
            }
            TreeSet<LocalDate> raceDates = new TreeSet<>();
            TreeSet<LocalDate> horseDates = new TreeSet<>();
            long horseAnswerCount = 0;
            Set<String> endpoints = new TreeSet<>();
            for (Row r : todoSummary) {
                endpoints.add(r.getString(0));
                if (RACE_ENDPOINTS.contains(r.getString(0))) {
                    raceDates.add(r.getLocalDate(1));
                } else if (r.getString(0).equals("horse_pro")) {
                    horseDates.add(r.getLocalDate(1));
                    horseAnswerCount += r.getLong(2);
                }
            }
            // Partition pruning: only the bronze days that hold something to do are opened.
            Dataset<Row> raceAnswers = bronze.where(col("endpoint").isin(RACE_ENDPOINTS.toArray())
                    .and(col("partition_date").isin(raceDates.toArray())));
            Dataset<Row> horseAnswers = bronze.where(col("endpoint").equalTo("horse_pro").and(col("http_status").equalTo(200))
                            .and(col("partition_date").isin(horseDates.toArray())))
                    .join(todo.where(col("endpoint").equalTo("horse_pro")).select("request_key"),
                            CollectionConverters.asScala(List.of("request_key")).toSeq(), "left_semi");
            long answers = todoSummary.stream().mapToLong(r -> r.getLong(2)).sum();
            String configuredPartitions = spark.conf().get(SHUFFLE_PARTITIONS);
            if (raceDates.size() <= SMALL_RUN_RACE_DAYS && horseAnswerCount <= SMALL_RUN_HORSE_ANSWERS) {
                spark.conf().set(SHUFFLE_PARTITIONS, Math.min(SMALL_RUN_PARTITIONS, Integer.parseInt(configuredPartitions)));
            }
            try {
                TransformReport report = new Run(raceAnswers, raceDates, horseAnswers, bronze, endpoints,
                        answers + " answers read, " + found).execute();
                if (report.invariantHolds()) {
                    log.record(todo, runId, version);
                }
                return report;
            } finally {
                spark.conf().set(SHUFFLE_PARTITIONS, configuredPartitions);
            }
        } finally {
            todo.unpersist();
        }
    }

    /**
     * A race's rows are replaced a month at a time, keeping the month's other rows as stored: silver written by an older layout
     * would mix rows without the columns this one fills (and that Postgres requires).
     */
    private void requireCurrentLayout() {
        Map<String, List<String>> required = Map.of("races", List.of(SourceMerge.RACE_MONTH),
                "runners", List.of(SourceMerge.RACE_MONTH, "placed_ew"),
                "race_results", List.of(SourceMerge.RACE_MONTH, "is_dead_heat"));
        required.forEach((table, columns) -> {
            if (DeltaTables.exists(spark, lake.silver(table))
                    && !List.of(spark.read().format("delta").load(lake.silver(table)).columns()).containsAll(columns)) {
                throw new IllegalStateException("silver " + table + " was written by an older Furlong (it lacks " + columns + "): delete "
                        + lake.silver("") + " and run `furlong transform` again (bronze keeps every answer, so nothing is lost)");
            }
        });
    }

    /**
     * One run over a chosen set of answers: builds the {@link SilverTransform} of them, writes what it gives, and releases the
     * intermediate results it kept.
     */
    private final class Run {
        private final Dataset<Row> raceAnswers;
        private final Set<LocalDate> raceDates;
        private final Dataset<Row> horseAnswers;
        private final Dataset<Row> bronze;
        private final Set<String> endpoints;
        private final String read;
        private final List<Dataset<Row>> kept = new ArrayList<>();

        Run(Dataset<Row> raceAnswers, Set<LocalDate> raceDates, Dataset<Row> horseAnswers, Dataset<Row> bronze,
            Set<String> endpoints, String read) {
            this.read = read;
            this.raceDates = raceDates;
            this.raceAnswers = raceAnswers;
            this.horseAnswers = horseAnswers;
            this.bronze = bronze;
            this.endpoints = endpoints;
        }

        /**
         * Computes {@code d} now, once, and keeps it for the run. A local checkpoint rather than a cache: later plans start from
         * the stored rows instead of carrying (and re-analysing) the whole lineage from JSON. Eager, so what it keeps is read
         * before any write.
         */
        private Dataset<Row> keep(Dataset<Row> d) {
            Dataset<Row> c = d.localCheckpoint(true, StorageLevel.MEMORY_AND_DISK());
            kept.add(c);
            return c;
        }

        TransformReport execute() {
            try (SilverWriter writer = new SilverWriter(spark, lake)) {
                SilverTransform silver = new SilverTransform(raceAnswers, horseAnswers, regions, this::keep);
                RunnerAccounting accounting = silver.accounting();
                // A race's rows are rebuilt from the latest answers of each source, so they replace what silver held for the
                // race dates read: a correction's nulls land, and a runner or race the answers no longer hold is deleted. The
                // races to replace must be read before any table is written: keep() checkpoints eagerly.
                Dataset<Row> scope = keep(silver.racesToReplace(stored("races"), raceDates));
                writer.replace("races", silver.races(), SourceMerge.RACE_KEYS, scope, accounting.racesQuarantined(),
                        accounting.racesOutside());
                writer.replace("runners", silver.runners(), SourceMerge.RUNNER_KEYS, scope, accounting.runnersQuarantined(),
                        accounting.runnersOutside());
                writer.replace("race_results", silver.raceResults(), SourceMerge.RACE_KEYS, scope, 0, accounting.racesOutside());
                for (Entities.Table table : Entities.ALL) {
                    // An attribute's time moving on is a change: the stored value was confirmed later, and must beat older answers.
                    writer.write(() -> writer.upsertNow(table.name(), silver.entities(table, stored(table.name())),
                            List.of(Entities.idColumn(table)), LakeColumns.SOURCE_FETCHED_AT));
                }
                if (endpoints.contains("courses")) {
                    writer.upsert("mst_courses", ReferenceTables.courses(bronze), List.of("id"));
                }
                if (endpoints.contains("regions")) {
                    writer.upsert("mst_regions", ReferenceTables.regions(bronze), List.of("code"));
                }
                writer.write(() -> writer.upsertNow("mst_bookmakers", bookmakers(silver.bookmakerNames()), List.of("code")));
                Future<Long> quarantined = writer.beside(() -> DeltaTables.upsert(spark, lake.quarantine(), silver.quarantine()
                                .withColumn("run_id", lit(runId)).withColumn("quarantined_at", current_timestamp()),
                        Quarantine.KEYS, List.of("run_id", "quarantined_at")).rows());
                List<TableCounts> counts = writer.counts();
                linkParentsToHorses();

                long landed = spark.read().format("delta").load(lake.silver("runners"))
                        .join(silver.usableRunnerKeys(), CollectionConverters.asScala(SourceMerge.RUNNER_KEYS).toSeq(), "left_semi").count();
                long expected = counts.stream().filter(c -> c.table().equals("runners")).mapToLong(TableCounts::rowsIn).sum();
                boolean holds = accounting.balances() && landed == expected;
                String detail = accounting.describe() + (landed == expected ? ""
                        : "; but only " + landed + " of the " + expected + " runner rows are readable in silver")
                        + "; " + SilverWriter.done(quarantined) + " records quarantined in all (" + accounting.fieldsQuarantined()
                        + " of them single fields of rows in silver)";
                return new TransformReport(read, counts, accounting.runnersInAnswers(), holds, detail);
            } finally {
                kept.forEach(TransformJob::release);
            }
        }

        private void linkParentsToHorses() {
            Dataset<Row> horses = spark.read().format("delta").load(lake.silver(Entities.HORSES.name()));
            for (Entities.Table parents : List.of(Entities.SIRES, Entities.DAMS, Entities.DAMSIRES)) {
                Dataset<Row> unlinked = spark.read().format("delta").load(lake.silver(parents.name())).where(col("horse_id").isNull());
                Dataset<Row> links = Entities.horseLinks(unlinked, horses);
                DeltaTables.upsert(spark, lake.silver(parents.name()), links.withColumn("updated_at", current_timestamp()),
                        List.of("id"), List.of("updated_at"));
            }
        }

        /** The maintained bookmakers, those stored, and any new name the cards use. */
        private Dataset<Row> bookmakers(Dataset<Row> names) {
            List<String> seen = names.collectAsList().stream().map(r -> r.getString(0)).toList();
            List<Bookmakers.Bookmaker> known = new ArrayList<>(Bookmakers.maintained());
            stored("mst_bookmakers").ifPresent(stored -> {
                for (Row r : stored.collectAsList()) {
                    known.add(new Bookmakers.Bookmaker(r.getAs("code"), r.getAs("name"), r.getAs("type"), r.getAs("is_active"),
                            r.getList(r.fieldIndex("api_names"))));
                }
            });
            List<Row> rows = Bookmakers.merge(known, seen).stream()
                    .map(b -> RowFactory.create(b.code(), b.name(), b.type(), b.active(), CollectionConverters.asScala(b.apiNames()).toSeq()))
                    .toList();
            StructType schema = new StructType().add("code", DataTypes.StringType, false).add("name", DataTypes.StringType)
                    .add("type", DataTypes.StringType).add("is_active", DataTypes.BooleanType)
                    .add("api_names", DataTypes.createArrayType(DataTypes.StringType));
            return spark.createDataFrame(rows, schema);
        }
    }

    /** A silver table's stored rows, if it has been written. */
    private Optional<Dataset<Row>> stored(String table) {
        String path = lake.silver(table);
        return DeltaTables.exists(spark, path) ? Optional.of(spark.read().format("delta").load(path)) : Optional.empty();
    }

    /** Frees the blocks of a {@link Run#keep} result now rather than whenever the cleaner gets to them. */
    private static void release(Dataset<Row> kept) {
        if (kept.queryExecution().logical() instanceof LogicalRDD stored) {
            stored.rdd().unpersist(false);
        }
    }
}
