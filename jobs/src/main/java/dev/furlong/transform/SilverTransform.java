package dev.furlong.transform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.furlong.api.model.Odds;
import dev.furlong.spark.ApiReadSchema;
import java.sql.Date;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Bronze answers, and the stored rows a merge needs, to the silver datasets: a transformation that reads only the datasets it
 * is given and writes nothing. {@link TransformJob} chooses the answers, hands over the stored rows and writes what comes out;
 * {@code SilverTransformTest} builds one from a few bronze rows in memory.
 */
public final class SilverTransform {

    /** A card runner's bookmakers' prices. */
    private static final ArrayType ODDS = new ArrayType(ApiReadSchema.of(Odds.class), true);

    private final List<String> regions;
    private final Map<PageSource, Dataset<Row>> pages = new EnumMap<>(PageSource.class);
    private final Map<PageSource, Dataset<Row>> races = new EnumMap<>(PageSource.class);
    private final Map<PageSource, Dataset<Row>> runnerRows = new EnumMap<>(PageSource.class);
    private final Dataset<Row> observations;
    private final Dataset<Row> silverRaces;

    /**
     * @param raceAnswers  bronze rows of results and racecards answers (other endpoints and statuses are ignored)
     * @param horseAnswers bronze rows of horse details answers ({@code horse_pro}, status 200) to read
     * @param regions      the region codes to keep; races elsewhere are counted and skipped
     * @param keep         applied to each intermediate result read more than once: the job checkpoints them, so later plans
     *                     start from stored rows rather than re-analysing the lineage from JSON (and the constructor computes
     *                     them); a test may cache them or pass {@code UnaryOperator.identity()}
     */
    public SilverTransform(Dataset<Row> raceAnswers, Dataset<Row> horseAnswers, List<String> regions, UnaryOperator<Dataset<Row>> keep) {
        this.regions = regions.stream().map(r -> r.toLowerCase(Locale.ROOT)).toList();
        for (PageSource s : PageSource.values()) {
            pages.put(s, keep.apply(BronzePages.parse(raceAnswers, s)));
            races.put(s, BronzePages.races(pages.get(s), s));
            Dataset<Row> opened = BronzePages.runners(inRegions(s));
            runnerRows.put(s, keep.apply(s == PageSource.RESULTS ? ResultsFlattener.runners(opened) : RacecardsFlattener.runners(opened)));
        }
        observations = keep.apply(Entities.observationsOfRunners(valid(PageSource.RESULTS))
                .unionByName(Entities.observationsOfRunners(valid(PageSource.RACECARDS)))
                .unionByName(Entities.observationsOfHorseDetails(horseAnswers)));
        silverRaces = keep.apply(byMonth(SourceMerge.races(ResultsFlattener.races(inRegions(PageSource.RESULTS)),
                RacecardsFlattener.races(inRegions(PageSource.RACECARDS)))));
    }

    /** Silver races: one row per race, from its latest results and racecards answers. */
    public Dataset<Row> races() {
        return silverRaces;
    }

    /** Silver runners: one row per race and horse, the result's and the card's columns merged, with each-way places. */
    public Dataset<Row> runners() {
        Dataset<Row> validResults = valid(PageSource.RESULTS);
        Dataset<Row> quarantinedInResult = runnerRows.get(PageSource.RESULTS)
                .where(col("problems").isNotNull().and(col("horse_id").isNotNull())).select("race_id", "horse_id");
        return SourceMerge.runners(
                EachWay.withPlacedEw(validResults, silverRaces).select(columns(SourceMerge.RUNNER_SHARED, SourceMerge.RUNNER_RESULT)),
                valid(PageSource.RACECARDS).select(columns(SourceMerge.RUNNER_SHARED, SourceMerge.RUNNER_CARD)),
                quarantinedInResult, inRegions(PageSource.RESULTS).select(Normalise.text(col("r.race_id")).as("race_id"),
                        Normalise.text(col("r.non_runners")).as("non_runners_text")));
    }

    /** Silver race results: one row per resulted race (winner, dead heat, tote). */
    public Dataset<Row> raceResults() {
        return byMonth(ResultsFlattener.raceResults(inRegions(PageSource.RESULTS), valid(PageSource.RESULTS)));
    }

    /**
     * The races ({@code race_id}, {@code race_month}) whose rows these datasets replace: those built here, and those
     * {@code storedRaces} holds for {@code raceDates} in the configured regions (a race its answers no longer hold is deleted;
     * a run with fewer regions leaves the others' races alone).
     */
    public Dataset<Row> racesToReplace(Optional<Dataset<Row>> storedRaces, Set<LocalDate> raceDates) {
        Dataset<Row> built = silverRaces.select("race_id", SourceMerge.RACE_MONTH);
        return storedRaces.map(stored -> built.union(stored
                        // The month first, so only the months of the dates are read.
                        .where(col(SourceMerge.RACE_MONTH).isin(raceDates.stream().map(d -> Date.valueOf(d.withDayOfMonth(1))).distinct().toArray())
                                .and(col("race_date").isin(raceDates.stream().map(Date::valueOf).toArray()))
                                .and(lower(col("region")).isin(regions.toArray())))
                        .select("race_id", SourceMerge.RACE_MONTH)).distinct())
                .orElse(built);
    }

    /**
     * One entity table's rows: its stored rows of the keys observed now, reduced together with the new observations, so an
     * attribute keeps its latest answer whichever run saw it. Parents come out with {@code horse_id} still to be linked.
     */
    public Dataset<Row> entities(Entities.Table table, Optional<Dataset<Row>> stored) {
        Dataset<Row> fresh = Entities.rows(table, observations);
        String id = Entities.idColumn(table);
        Dataset<Row> rows = stored.map(s -> Entities.reduce(table, Entities.asObservations(table,
                                s.join(fresh.select(id), CollectionConverters.asScala(List.of(id)).toSeq(), "left_semi"))
                        .unionByName(Entities.asObservations(table, fresh))))
                .orElse(fresh);
        return table == Entities.SIRES || table == Entities.DAMS || table == Entities.DAMSIRES
                ? rows.withColumn("horse_id", lit(null).cast(DataTypes.StringType))
                : rows;
    }

    /** The distinct bookmaker names the cards' prices use ({@code name}). */
    public Dataset<Row> bookmakerNames() {
        return valid(PageSource.RACECARDS).where(col("odds").isNotNull())
                .select(explode(from_json(col("odds"), ODDS)).as("o"))
                .select(Normalise.text(col("o.bookmaker")).as("name")).where(col("name").isNotNull()).distinct();
    }

    /** Every record that cannot become (part of) a silver row, with its place in the answer and the reason. */
    public Dataset<Row> quarantine() {
        return Stream.of(PageSource.values()).map(s -> BronzePages.unparseablePages(pages.get(s), s)
                        .unionByName(BronzePages.quarantinedRaces(races.get(s), s))
                        .unionByName(Quarantine.rows(runnerRows.get(s).where(col("problems").isNotNull()), s, "runner",
                                col("problems"), col("record")))
                        .unionByName(Quarantine.fieldRows(valid(s), s))
                        .unionByName(Quarantine.fieldRows(inRegions(s).withColumn("field_problems", BronzePages.raceFieldProblems(s)), s)))
                .reduce(Dataset::unionByName).orElseThrow();
    }

    /** The ({@code race_id}, {@code horse_id}) of every usable runner record: each must be readable in silver afterwards. */
    public Dataset<Row> usableRunnerKeys() {
        return valid(PageSource.RESULTS).select("race_id", "horse_id")
                .union(valid(PageSource.RACECARDS).select("race_id", "horse_id")).distinct();
    }

    /** Counts every runner record of the answers by where it went (runs a few aggregations). */
    public RunnerAccounting accounting() {
        Map<PageSource, RunnerAccounting.RunnerRecords> bySource = new EnumMap<>(PageSource.class);
        long racesQuarantined = 0;
        long racesOutside = 0;
        long fieldsQuarantined = 0;
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
            bySource.put(s, new RunnerAccounting.RunnerRecords(longOf(c, 0), longOf(c, 1), longOf(c, 2), longOf(r, 0), longOf(r, 1)));
            fieldsQuarantined += longOf(r, 2) + longOf(c, 5);
            racesQuarantined += longOf(c, 3);
            racesOutside += longOf(c, 4);
        }
        return new RunnerAccounting(bySource, racesQuarantined, racesOutside, fieldsQuarantined);
    }

    private Dataset<Row> inRegions(PageSource s) {
        return races.get(s).where(BronzePages.isInRegions(regions));
    }

    private Dataset<Row> valid(PageSource s) {
        return runnerRows.get(s).where(col("problems").isNull());
    }

    /** Silver races, runners and race results are stored by race month, so a day's change rewrites one month, not years. */
    private static Dataset<Row> byMonth(Dataset<Row> rows) {
        return rows.withColumn(SourceMerge.RACE_MONTH, SourceMerge.raceMonth(col("race_date")));
    }

    private static Column[] columns(List<String> a, List<String> b) {
        return Stream.of(SourceMerge.RUNNER_KEYS, List.of("race_date", "fetched_at"), a, b).flatMap(List::stream)
                .map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    }

    private static long longOf(Row r, int i) {
        return r.isNullAt(i) ? 0 : r.getLong(i);
    }
}
