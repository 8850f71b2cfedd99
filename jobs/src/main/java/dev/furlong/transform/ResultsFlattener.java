package dev.furlong.transform;

import static dev.furlong.transform.Normalise.clockSeconds;
import static dev.furlong.transform.Normalise.decimal;
import static dev.furlong.transform.Normalise.integer;
import static dev.furlong.transform.Normalise.isFavourite;
import static dev.furlong.transform.Normalise.jockeyName;
import static dev.furlong.transform.Normalise.longTimeSeconds;
import static dev.furlong.transform.Normalise.money;
import static dev.furlong.transform.Normalise.nameWithoutRegion;
import static dev.furlong.transform.Normalise.regionOfName;
import static dev.furlong.transform.Normalise.sexCode;
import static dev.furlong.transform.Normalise.spDecimal;
import static dev.furlong.transform.Normalise.spFractional;
import static dev.furlong.transform.Normalise.text;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import dev.furlong.transform.Quarantine.Check;
import dev.furlong.transform.Quarantine.FieldCheck;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Pure transformations from {@code /v1/results} races and runners (as {@link BronzePages} opens them) to the result side of
 * silver: the result-owned and shared columns of {@code races} and {@code runners}, {@code race_results}, and what results say
 * about horses, people and pedigree.
 */
public final class ResultsFlattener {

    private ResultsFlattener() {
    }

    /** The result side of {@code races} (DATA-MODEL.md, ra_races: the columns results own or share), plus fetched_at. */
    public static Dataset<Row> races(Dataset<Row> races) {
        Column yards = coalesce(integer(col("r.dist_y")), Normalise.distanceYards(col("r.dist")));
        List<Column> columns = SourceMerge.sharedRaceColumns("off", "class", "sex_rest", "dist", yards);
        columns.addAll(List.of(
                text(col("r.winning_time_detail")).as("winning_time_text"),
                longTimeSeconds(col("r.winning_time_detail")).as("winning_time_seconds"),
                text(col("r.non_runners")).as("non_runners_text"),
                text(col("r.comments")).as("result_comments"),
                coalesce(size(col("r.runners")), lit(0)).equalTo(0).as("is_abandoned"),
                col("fetched_at")));
        return races.select(columns.toArray(Column[]::new));
    }

    /**
     * {@code race_results}: one row per race with a result. {@code runners} are the race's valid silver runner rows. Every horse
     * placed first is a winner ({@code winner_horse_ids}, by saddle-cloth number); in a dead heat {@code winner_horse_id} and
     * {@code winner_sp_decimal} are the dead-heater's with the lowest number.
     */
    public static Dataset<Row> raceResults(Dataset<Row> races, Dataset<Row> runners) {
        Column winner = when(col("position").equalTo(1),
                struct(coalesce(col("number"), lit(Integer.MAX_VALUE)).as("n"), col("horse_id"), col("sp_decimal")));
        Dataset<Row> perRace = runners.groupBy("race_id").agg(
                        array_sort(collect_list(winner)).as("winners"),
                        count(lit(1)).cast("int").as("starters"),
                        count(col("position")).cast("int").as("finishers"))
                .select(col("race_id"), col("winners").getField("horse_id").as("winner_horse_ids"),
                        try_element_at(col("winners"), lit(1)).getField("horse_id").as("winner_horse_id"),
                        try_element_at(col("winners"), lit(1)).getField("sp_decimal").as("winner_sp_decimal"),
                        size(col("winners")).gt(1).as("is_dead_heat"), col("starters"), col("finishers"));
        return races.select(
                        text(col("r.race_id")).as("race_id"),
                        Normalise.date(col("r.date")).as("race_date"),
                        text(col("r.course_id")).as("course_id"),
                        text(col("r.winning_time_detail")).as("winning_time_text"),
                        longTimeSeconds(col("r.winning_time_detail")).as("winning_time_seconds"),
                        text(col("r.going")).as("going"),
                        text(col("r.non_runners")).as("non_runners_text"),
                        text(col("r.comments")).as("comments"),
                        text(col("r.tote_win")).as("tote_win"),
                        text(col("r.tote_pl")).as("tote_place"),
                        text(col("r.tote_ex")).as("tote_exacta"),
                        text(col("r.tote_csf")).as("tote_csf"),
                        text(col("r.tote_tricast")).as("tote_tricast"),
                        text(col("r.tote_trifecta")).as("tote_trifecta"),
                        col("fetched_at").as("settled_at"))
                .join(perRace, "race_id", "left")
                .withColumn("starters", coalesce(col("starters"), lit(0)))
                .withColumn("finishers", coalesce(col("finishers"), lit(0)))
                .withColumn("is_dead_heat", coalesce(col("is_dead_heat"), lit(false)))
                .select("race_id", "race_date", "course_id", "winner_horse_id", "winner_sp_decimal", "winner_horse_ids",
                        "is_dead_heat", "starters", "finishers", "winning_time_text", "winning_time_seconds", "going",
                        "non_runners_text", "comments", "tote_win", "tote_place", "tote_exacta", "tote_csf", "tote_tricast",
                        "tote_trifecta", "settled_at");
    }

    /** Why a result runner cannot be used, or null: its key or its position. */
    public static Column problems() {
        List<Check> checks = new ArrayList<>(Arrays.asList(BronzePages.keyChecks()));
        checks.add(new Check(Normalise.isKnownPosition(col("u.position")).unary_$bang(),
                concat(lit("unknown position code '"), col("u.position"), lit("'"))));
        return Quarantine.problems(checks.toArray(Check[]::new));
    }

    /** Every present value of a result runner that does not parse: set null, and quarantined as a field. */
    public static Column fieldProblems() {
        List<FieldCheck> checks = new ArrayList<>();
        for (String f : List.of("number", "draw", "age", "weight_lbs", "or", "rpr", "tsr", "jockey_claim_lbs")) {
            checks.add(Quarantine.unparseable(f, col("u." + f), integer(col("u." + f)), "a whole number"));
        }
        for (String f : List.of("btn", "ovr_btn", "sp_dec", "bsp")) {
            checks.add(Quarantine.unparseable(f, col("u." + f), decimal(col("u." + f)), "a number"));
        }
        checks.add(Quarantine.unparseable("prize", col("u.prize"), money(col("u.prize")), "an amount"));
        checks.add(Quarantine.unparseable("sp", col("u.sp"), spDecimal(col("u.sp"), lit(null)), "a starting price"));
        checks.add(Quarantine.unparseable("time", col("u.time"), clockSeconds(col("u.time")), "a time"));
        checks.add(Quarantine.unparseable("weight", col("u.weight"), Normalise.stoneLbs(col("u.weight")), "stones-pounds"));
        return Quarantine.fieldProblems(checks);
    }

    /**
     * Runner rows with the result side of {@code runners} (DATA-MODEL.md, ra_runners: the columns results own or share), what
     * results say about pedigree (names and regions of sire, dam and damsire), and the trace columns {@code request_key},
     * {@code json_path}, {@code fetched_at}, {@code race_date}, {@code problems} and {@code record}.
     */
    public static Dataset<Row> runners(Dataset<Row> runners) {
        Column position = upper(text(col("u.position")));
        Column prize = money(col("u.prize"));
        return runners.select(
                col("race_id"),
                col("horse_id"),
                nameWithoutRegion(col("u.horse")).as("horse_name"),
                regionOfName(col("u.horse")).as("horse_region"),
                integer(col("u.number")).as("number"),
                integer(col("u.draw")).as("draw"),
                integer(col("u.age")).as("age"),
                sexCode(col("u.sex")).as("sex_code"),
                text(col("u.headgear")).as("headgear"),
                coalesce(integer(col("u.weight_lbs")), Normalise.stoneLbs(col("u.weight"))).as("weight_lbs"),
                integer(col("u.or")).as("official_rating"),
                text(col("u.jockey_id")).as("jockey_id"),
                jockeyName(col("u.jockey")).as("jockey_name"),
                integer(col("u.jockey_claim_lbs")).as("jockey_claim_lbs"),
                text(col("u.trainer_id")).as("trainer_id"),
                text(col("u.trainer")).as("trainer_name"),
                text(col("u.owner_id")).as("owner_id"),
                text(col("u.owner")).as("owner_name"),
                text(col("u.sire_id")).as("sire_id"),
                text(col("u.dam_id")).as("dam_id"),
                text(col("u.damsire_id")).as("damsire_id"),
                text(col("u.silk_url")).as("silk_url"),
                when(position.rlike("^[0-9]+$"), position.try_cast("int")).as("position"),
                position.as("position_code"),
                decimal(col("u.btn")).as("beaten_lengths"),
                decimal(col("u.ovr_btn")).as("overall_beaten_lengths"),
                spFractional(col("u.sp")).as("sp_fractional"),
                spDecimal(col("u.sp"), col("u.sp_dec")).as("sp_decimal"),
                isFavourite(col("u.sp")).as("is_favourite"),
                Normalise.favouriteKind(col("u.sp")).as("favourite_kind"),
                text(col("u.time")).as("finishing_time_text"),
                clockSeconds(col("u.time")).as("finishing_time_seconds"),
                prize.as("prize_won"),
                when(prize.isNotNull(), Normalise.currencyOfRegion(col("region"))).as("prize_currency"),
                integer(col("u.rpr")).as("race_rpr"),
                integer(col("u.tsr")).as("race_topspeed"),
                text(col("u.comment")).as("in_running_comment"),
                text(col("u.weight")).as("weight_st_lbs"),
                decimal(col("u.bsp")).as("bsp"),
                nameWithoutRegion(col("u.sire")).as("sire_name"),
                regionOfName(col("u.sire")).as("sire_region"),
                nameWithoutRegion(col("u.dam")).as("dam_name"),
                regionOfName(col("u.dam")).as("dam_region"),
                nameWithoutRegion(col("u.damsire")).as("damsire_name"),
                regionOfName(col("u.damsire")).as("damsire_region"),
                col("request_key"), col("json_path"), col("fetched_at"), col("race_date"),
                problems().as("problems"),
                fieldProblems().as("field_problems"),
                col("u"))
                .withColumn("record", when(col("problems").isNotNull(), to_json(col("u")))) // only a quarantined record needs it
                .drop("u");
    }
}
