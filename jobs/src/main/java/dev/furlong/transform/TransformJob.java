package dev.furlong.transform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.furlong.api.model.Odds;
import dev.furlong.lake.DeltaTables;
import dev.furlong.lake.Lake;
import dev.furlong.lake.LakeColumns;
import dev.furlong.spark.ApiReadSchema;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.LogicalRDD;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Bronze → the 14 silver tables and {@code silver/quarantine}. Incremental: only answers that are new or changed since the
 * last run are read (see {@link TransformLog}), and for a race date that has any, every results and racecards answer of that
 * date is read, so each race is rebuilt from all its sources at once and comes out the same whatever order they arrived in.
 * Silver is merged by key and a row changes only when its content does. Checks at the end that every runner in the answers it
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

    /** A card runner's bookmakers' prices. */
    private static final ArrayType ODDS = new ArrayType(ApiReadSchema.of(Odds.class), true);

    private static final Set<String> RACE_ENDPOINTS = Set.of(PageSource.RESULTS.endpoint(), PageSource.RACECARDS.endpoint());

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
        this.regions = regions.stream().map(String::toLowerCase).toList();
        this.runId = runId;
        this.from = from;
        this.to = to;
    }

    public TransformReport run() {
        if (!DeltaTables.exists(spark, lake.apiResponses())) {
            return TransformReport.nothing("bronze is empty: nothing to transform");
        }
        // A race's rows are replaced a month at a time, keeping the month's other rows as stored: silver written by an older
        // layout would mix rows without the columns this one fills (and that Postgres requires).
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

    /** One run over a chosen set of answers; keeps its cached intermediate results and releases them at the end. */
    private final class Run {
        private final Dataset<Row> raceAnswers;
        private final Set<LocalDate> raceDates;
        private final Dataset<Row> horseAnswers;
        private final Dataset<Row> bronze;
        private final Set<String> endpoints;
        private final String read;
        private final List<Dataset<Row>> cached = new ArrayList<>();
        private final Map<PageSource, Dataset<Row>> pages = new EnumMap<>(PageSource.class);
        private final Map<PageSource, Dataset<Row>> races = new EnumMap<>(PageSource.class);
        private final Map<PageSource, Dataset<Row>> runnerRows = new EnumMap<>(PageSource.class);

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
         * Computes {@code d} once and keeps it for the run. A local checkpoint rather than a cache: later plans start from the
         * stored rows instead of carrying (and re-analysing) the whole lineage from JSON.
         */
        private Dataset<Row> keep(Dataset<Row> d) {
            Dataset<Row> c = d.localCheckpoint(true, StorageLevel.MEMORY_AND_DISK());
            cached.add(c);
            return c;
        }

        TransformReport execute() {
            try (SilverWriter writer = new SilverWriter(spark, lake)) {
                for (PageSource s : PageSource.values()) {
                    pages.put(s, keep(BronzePages.parse(raceAnswers, s)));
                    races.put(s, BronzePages.races(pages.get(s), s));
                    Dataset<Row> opened = BronzePages.runners(races.get(s).where(BronzePages.isInRegions(regions)));
                    runnerRows.put(s, keep(s == PageSource.RESULTS ? ResultsFlattener.runners(opened) : RacecardsFlattener.runners(opened)));
                }
                Accounting accounting = account();
                Dataset<Row> resultRaces = races.get(PageSource.RESULTS).where(BronzePages.isInRegions(regions));
                Dataset<Row> cardRaces = races.get(PageSource.RACECARDS).where(BronzePages.isInRegions(regions));
                Dataset<Row> validResults = valid(PageSource.RESULTS);
                Dataset<Row> validCards = valid(PageSource.RACECARDS);
                Dataset<Row> observations = keep(Entities.observationsOfRunners(validResults)
                        .unionByName(Entities.observationsOfRunners(validCards))
                        .unionByName(Entities.observationsOfHorseDetails(horseAnswers)));

                // A race's rows are rebuilt from the latest answers of each source, so they replace what silver held for the
                // race dates read: a correction's nulls land, and a runner or race the answers no longer hold is deleted.
                Dataset<Row> silverRaces = keep(byMonth(SourceMerge.races(ResultsFlattener.races(resultRaces),
                        RacecardsFlattener.races(cardRaces))));
                Dataset<Row> scope = keep(racesOfDates(silverRaces));
                writer.replace("races", silverRaces, SourceMerge.RACE_KEYS, scope, accounting.racesQuarantined, accounting.racesOutside);
                Dataset<Row> quarantinedInResult = runnerRows.get(PageSource.RESULTS)
                        .where(col("problems").isNotNull().and(col("horse_id").isNotNull())).select("race_id", "horse_id");
                Dataset<Row> silverRunners = SourceMerge.runners(
                        EachWay.withPlacedEw(validResults, silverRaces).select(columns(SourceMerge.RUNNER_SHARED, SourceMerge.RUNNER_RESULT)),
                        validCards.select(columns(SourceMerge.RUNNER_SHARED, SourceMerge.RUNNER_CARD)),
                        quarantinedInResult, resultRaces.select(Normalise.text(col("r.race_id")).as("race_id"),
                                Normalise.text(col("r.non_runners")).as("non_runners_text")));
                writer.replace("runners", silverRunners, SourceMerge.RUNNER_KEYS, scope, accounting.runnersQuarantined(),
                        accounting.runnersOutside());
                writer.replace("race_results", byMonth(ResultsFlattener.raceResults(resultRaces, validResults)), SourceMerge.RACE_KEYS,
                        scope, 0, accounting.racesOutside);
                for (Entities.Table table : Entities.ALL) {
                    writer.write(() -> upsertEntities(writer, table, observations));
                }
                if (endpoints.contains("courses")) {
                    writer.upsert("mst_courses", ReferenceTables.courses(bronze), List.of("id"));
                }
                if (endpoints.contains("regions")) {
                    writer.upsert("mst_regions", ReferenceTables.regions(bronze), List.of("code"));
                }
                writer.write(() -> upsertBookmakers(writer, validCards));
                Future<Long> quarantined = writer.beside(this::quarantine);
                List<TableCounts> counts = writer.counts();
                linkParentsToHorses();

                long landed = spark.read().format("delta").load(lake.silver("runners"))
                        .join(Stream.of(validResults, validCards).map(d -> d.select("race_id", "horse_id"))
                                        .reduce(Dataset::union).orElseThrow().distinct(),
                                CollectionConverters.asScala(SourceMerge.RUNNER_KEYS).toSeq(), "left_semi").count();
                long expected = counts.stream().filter(c -> c.table().equals("runners")).mapToLong(TableCounts::rowsIn).sum();
                boolean holds = accounting.balances() && landed == expected;
                String detail = accounting.describe() + (landed == expected ? ""
                        : "; but only " + landed + " of the " + expected + " runner rows are readable in silver")
                        + "; " + SilverWriter.done(quarantined) + " records quarantined in all (" + accounting.fieldsQuarantined
                        + " of them single fields of rows in silver)";
                return new TransformReport(read, counts, accounting.runnersInBronze(), holds, detail);
            } finally {
                cached.forEach(TransformJob::release);
            }
        }

        private Dataset<Row> valid(PageSource s) {
            return runnerRows.get(s).where(col("problems").isNull());
        }

        /** Runner records per source: in the answers, usable, quarantined, in quarantined races, outside the regions. */
        private Accounting account() {
            Accounting a = new Accounting();
            for (PageSource s : PageSource.values()) {
                Column size = coalesce(size(col("r.runners")), lit(0)).cast(DataTypes.LongType);
                Column invalid = BronzePages.isValidRace().unary_$bang();
                Column outside = BronzePages.isOutsideRegions(regions);
                Row c = races.get(s).agg(
                        sum(size),
                        sum(when(invalid, size).otherwise(0L)),
                        sum(when(outside, size).otherwise(0L)),
                        sum(when(invalid, 1L).otherwise(0L)),
                        sum(when(outside, 1L).otherwise(0L)),
                        sum(when(BronzePages.isInRegions(regions), Quarantine.fieldProblemCount(BronzePages.raceFieldProblems(s)))
                                .otherwise(0))).head();
                Row r = runnerRows.get(s).agg(sum(when(col("problems").isNull(), 1L).otherwise(0L)),
                        sum(when(col("problems").isNotNull(), 1L).otherwise(0L)),
                        sum(when(col("problems").isNull(), Quarantine.fieldProblemCount(col("field_problems"))).otherwise(0))).head();
                a.add(s, new RunnerRecords(longOf(c, 0), longOf(c, 1), longOf(c, 2), longOf(r, 0), longOf(r, 1)));
                a.fieldsQuarantined += longOf(r, 2) + longOf(c, 5);
                a.racesQuarantined += longOf(c, 3);
                a.racesOutside += longOf(c, 4);
            }
            return a;
        }

        /** One entity table: the stored rows of the keys observed now, reduced together with the new observations. */
        private TableCounts upsertEntities(SilverWriter writer, Entities.Table table, Dataset<Row> observations) {
            Dataset<Row> fresh = Entities.rows(table, observations);
            String path = lake.silver(table.name());
            String id = Entities.idColumn(table);
            Dataset<Row> rows = fresh;
            if (DeltaTables.exists(spark, path)) {
                Dataset<Row> stored = spark.read().format("delta").load(path)
                        .join(fresh.select(id), CollectionConverters.asScala(List.of(id)).toSeq(), "left_semi");
                rows = Entities.reduce(table, Entities.asObservations(table, stored)
                        .unionByName(Entities.asObservations(table, fresh)));
            }
            if (table == Entities.SIRES || table == Entities.DAMS || table == Entities.DAMSIRES) {
                rows = rows.withColumn("horse_id", lit(null).cast(DataTypes.StringType));
            }
            // An attribute's time moving on is a change: the stored value was confirmed later, and must beat older answers.
            return writer.upsertNow(table.name(), rows, List.of(id), LakeColumns.SOURCE_FETCHED_AT);
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

        private TableCounts upsertBookmakers(SilverWriter writer, Dataset<Row> validCards) {
            List<String> seen = validCards.where(col("odds").isNotNull())
                    .select(explode(from_json(col("odds"), ODDS)).as("o"))
                    .select(Normalise.text(col("o.bookmaker"))).where(col("o.bookmaker").isNotNull()).distinct()
                    .collectAsList().stream().map(r -> r.getString(0)).filter(s -> s != null).toList();
            String path = lake.silver("mst_bookmakers");
            List<Bookmakers.Bookmaker> known = new ArrayList<>(Bookmakers.maintained());
            if (DeltaTables.exists(spark, path)) {
                for (Row r : spark.read().format("delta").load(path).collectAsList()) {
                    known.add(new Bookmakers.Bookmaker(r.getAs("code"), r.getAs("name"), r.getAs("type"), r.getAs("is_active"),
                            r.getList(r.fieldIndex("api_names"))));
                }
            }
            List<Row> rows = Bookmakers.merge(known, seen).stream()
                    .map(b -> RowFactory.create(b.code(), b.name(), b.type(), b.active(), CollectionConverters.asScala(b.apiNames()).toSeq()))
                    .toList();
            StructType schema = new StructType().add("code", DataTypes.StringType, false).add("name", DataTypes.StringType)
                    .add("type", DataTypes.StringType).add("is_active", DataTypes.BooleanType)
                    .add("api_names", DataTypes.createArrayType(DataTypes.StringType));
            return writer.upsertNow("mst_bookmakers", spark.createDataFrame(rows, schema), List.of("code"));
        }

        private long quarantine() {
            Dataset<Row> q = null;
            for (PageSource s : PageSource.values()) {
                Dataset<Row> part = BronzePages.unparseablePages(pages.get(s), s)
                        .unionByName(BronzePages.quarantinedRaces(races.get(s), s))
                        .unionByName(Quarantine.rows(runnerRows.get(s).where(col("problems").isNotNull()), s, "runner",
                                col("problems"), col("record")))
                        .unionByName(Quarantine.fieldRows(valid(s), s))
                        .unionByName(Quarantine.fieldRows(races.get(s).where(BronzePages.isInRegions(regions))
                                .withColumn("field_problems", BronzePages.raceFieldProblems(s)), s));
                q = q == null ? part : q.unionByName(part);
            }
            Dataset<Row> rows = q.withColumn("run_id", lit(runId)).withColumn("quarantined_at", current_timestamp());
            return DeltaTables.upsert(spark, lake.quarantine(), rows, Quarantine.KEYS, List.of("run_id", "quarantined_at")).rows();
        }

        /**
         * The races ({@code race_id}, {@code race_month}) whose rows this run rebuilds: those it built, and those silver holds for
         * the race dates it read (a race its answers no longer hold is deleted). Read before any table is written.
         */
        private Dataset<Row> racesOfDates(Dataset<Row> builtRaces) {
            Dataset<Row> built = builtRaces.select("race_id", SourceMerge.RACE_MONTH);
            if (!DeltaTables.exists(spark, lake.silver("races"))) {
                return built;
            }
            // Only the configured regions: a run with fewer regions leaves the others' races alone. The month first, so only the
            // months of the dates are read.
            Dataset<Row> stored = spark.read().format("delta").load(lake.silver("races"))
                    .where(col(SourceMerge.RACE_MONTH).isin(raceDates.stream().map(d -> Date.valueOf(d.withDayOfMonth(1))).distinct().toArray())
                            .and(col("race_date").isin(raceDates.stream().map(Date::valueOf).toArray()))
                            .and(lower(col("region")).isin(regions.toArray())))
                    .select("race_id", SourceMerge.RACE_MONTH);
            return built.union(stored).distinct();
        }
    }

    /** Silver races, runners and race results are stored by race month, so a day's change rewrites one month, not years. */
    private static Dataset<Row> byMonth(Dataset<Row> rows) {
        return rows.withColumn(SourceMerge.RACE_MONTH, SourceMerge.raceMonth(col("race_date")));
    }

    /** Frees the blocks of a {@link Run#keep} result now rather than whenever the cleaner gets to them. */
    private static void release(Dataset<Row> kept) {
        if (kept.queryExecution().logical() instanceof LogicalRDD stored) {
            stored.rdd().unpersist(false);
        }
    }

    private static Column[] columns(List<String> a, List<String> b) {
        return Stream.of(SourceMerge.RUNNER_KEYS, List.of("race_date", "fetched_at"), a, b).flatMap(List::stream).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    }

    private static long longOf(Row r, int i) {
        return r.isNullAt(i) ? 0 : r.getLong(i);
    }

    /**
     * Where the runner records of one source's answers went: every record in the answers is in a race that could not be read,
     * in a race outside the configured regions, in silver, or quarantined alone.
     */
    record RunnerRecords(long inAnswers, long inUnreadableRaces, long outsideRegions, long inSilver, long quarantined) {
        boolean balances() {
            return inAnswers == inSilver + quarantined + inUnreadableRaces + outsideRegions;
        }
    }

    /** Where every runner record of the answers read went, per source. */
    private static final class Accounting {
        private final Map<PageSource, RunnerRecords> bySource = new EnumMap<>(PageSource.class);
        long racesQuarantined;
        long racesOutside;
        /** Fields of usable races and runners that could not be read: set null, each quarantined alone. */
        long fieldsQuarantined;

        void add(PageSource s, RunnerRecords r) {
            bySource.put(s, r);
        }

        long runnersInBronze() {
            return bySource.values().stream().mapToLong(RunnerRecords::inAnswers).sum();
        }

        long runnersQuarantined() {
            return bySource.values().stream().mapToLong(r -> r.inUnreadableRaces() + r.quarantined()).sum();
        }

        long runnersOutside() {
            return bySource.values().stream().mapToLong(RunnerRecords::outsideRegions).sum();
        }

        boolean balances() {
            return bySource.values().stream().allMatch(RunnerRecords::balances);
        }

        String describe() {
            List<String> parts = new ArrayList<>();
            bySource.forEach((s, r) -> parts.add(String.format("%s: %d runner records = %d in silver + %d quarantined + %d outside regions",
                    s.endpoint(), r.inAnswers(), r.inSilver(), r.inUnreadableRaces() + r.quarantined(), r.outsideRegions())));
            return String.join("; ", parts);
        }
    }
}
