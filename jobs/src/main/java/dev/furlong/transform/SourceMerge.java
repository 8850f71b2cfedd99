package dev.furlong.transform;

import static dev.furlong.transform.Normalise.text;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.try_to_timestamp;
import static org.apache.spark.sql.functions.upper;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The result side and the racecard side of a race or runner made into one row by column ownership (DATA-MODEL.md, "How two
 * sources become one row"): a shared column takes the result's value when it has one, else the card's; an owned column comes
 * only from its owner. Both sides hold every answer bronze has for the race, so the row is the same whatever order they came in.
 */
public final class SourceMerge {

    public static final List<String> RACE_KEYS = List.of("race_id");
    public static final List<String> RUNNER_KEYS = List.of("race_id", "horse_id");

    /**
     * A lake-only column of races, runners and race_results: the first day of the race's month, by which they are stored, so a
     * day's change rewrites one month of them. Not published.
     */
    public static final String RACE_MONTH = "race_month";

    static final List<String> RACE_SHARED = List.of("race_date", "course_id", "course_name", "region", "race_name", "off_time",
            "off_time_local", "race_type", "race_class", "is_handicap", "pattern", "rating_band", "age_band", "sex_restriction",
            "distance_yards", "distance_furlongs", "distance_metres", "distance_display", "going", "surface", "jumps");
    static final List<String> RACE_CARD = List.of("going_detailed", "rail_movements", "stalls", "weather", "prize_text",
            "prize_amount", "prize_currency", "field_size", "is_big_race", "race_status", "tip", "verdict", "betting_forecast");
    static final List<String> RACE_RESULT = List.of("winning_time_text", "winning_time_seconds", "non_runners_text",
            "result_comments");

    static final List<String> RUNNER_SHARED = List.of("horse_name", "horse_region", "number", "draw", "age", "sex_code",
            "headgear", "weight_lbs", "official_rating", "jockey_id", "jockey_name", "jockey_claim_lbs", "trainer_id",
            "trainer_name", "owner_id", "owner_name", "sire_id", "dam_id", "damsire_id");
    static final List<String> RUNNER_CARD = List.of("colour", "dob", "trainer_location", "headgear_run", "wind_surgery",
            "wind_surgery_run", "form", "last_run_days", "trainer_rtf", "spotlight", "pre_race_comment", "silk_url",
            "pre_race_rpr", "pre_race_topspeed", "past_results_flags", "racecard_extras");
    static final List<String> RUNNER_RESULT = List.of("position", "position_code", "beaten_lengths", "overall_beaten_lengths",
            "sp_fractional", "sp_decimal", "is_favourite", "finishing_time_text", "finishing_time_seconds", "prize_won",
            "prize_currency", "race_rpr", "race_topspeed", "in_running_comment", "weight_st_lbs", "bsp");

    private SourceMerge() {
    }

    /**
     * The {@link #RACE_SHARED} columns (and the key) of a race struct {@code r}, read the same way from either source; the
     * arguments name the fields the two sources spell differently, and {@code yards} is the source's best distance.
     */
    static List<Column> sharedRaceColumns(String offLocal, String raceClass, String sexRestriction, String distance, Column yards) {
        return new ArrayList<>(List.of(
                text(col("r.race_id")).as("race_id"),
                to_date(text(col("r.date"))).as("race_date"),
                text(col("r.course_id")).as("course_id"),
                Normalise.courseName(col("r.course")).as("course_name"),
                upper(text(col("r.region"))).as("region"),
                text(col("r.race_name")).as("race_name"),
                try_to_timestamp(text(col("r.off_dt"))).as("off_time"),
                text(col("r." + offLocal)).as("off_time_local"),
                Normalise.raceType(col("r.type")).as("race_type"),
                Normalise.raceClass(col("r." + raceClass)).as("race_class"),
                coalesce(lower(col("r.race_name")).contains("handicap"), lit(false)).as("is_handicap"),
                text(col("r.pattern")).as("pattern"),
                text(col("r.rating_band")).as("rating_band"),
                text(col("r.age_band")).as("age_band"),
                text(col("r." + sexRestriction)).as("sex_restriction"),
                yards.as("distance_yards"),
                Normalise.furlongsOfYards(yards).as("distance_furlongs"),
                Normalise.metresOfYards(yards).as("distance_metres"),
                text(col("r." + distance)).as("distance_display"),
                text(col("r.going")).as("going"),
                text(col("r.surface")).as("surface"),
                text(col("r.jumps")).as("jumps")));
    }

    public static Column raceMonth(Column raceDate) {
        return trunc(raceDate, "month");
    }

    /** Silver {@code races} from the result side and the card side (either may be empty for a race). */
    public static Dataset<Row> races(Dataset<Row> result, Dataset<Row> card) {
        Column on = col("res.race_id").equalTo(col("card.race_id"));
        List<Column> out = new ArrayList<>();
        out.add(coalesce(col("res.race_id"), col("card.race_id")).as("race_id"));
        RACE_SHARED.forEach(c -> out.add(coalesce(col("res." + c), col("card." + c)).as(c)));
        RACE_CARD.forEach(c -> out.add(col("card." + c).as(c)));
        RACE_RESULT.forEach(c -> out.add(col("res." + c).as(c)));
        out.add(coalesce(col("res.is_abandoned"), lit(false)).or(coalesce(col("card.is_abandoned"), lit(false))).as("is_abandoned"));
        out.add(col("card.race_id").isNotNull().as("has_racecard"));
        out.add(col("res.race_id").isNotNull().as("has_result"));
        return result.as("res").join(card.as("card"), on, "full_outer").select(out.toArray(Column[]::new));
    }

    /**
     * Silver {@code runners}; each side carries its {@code race_date}, for {@link #RACE_MONTH}. {@code racesWithResult} holds the
     * ids of the races that have a result, and {@code quarantinedInResult} the (race_id, horse_id) of the runner records results
     * gave that were quarantined: a horse declared on the card of a race with a result, but in none of its result records, did
     * not run. Both are small and looked up on the card side before the one join by key, so the wide rows are shuffled once.
     */
    public static Dataset<Row> runners(Dataset<Row> result, Dataset<Row> card, Dataset<Row> quarantinedInResult,
                                       Dataset<Row> racesWithResult) {
        Dataset<Row> withResult = racesWithResult.select(col("race_id"), lit(true).as("race_has_result")).distinct();
        Dataset<Row> inResult = quarantinedInResult.select(col("race_id"), col("horse_id"), lit(true).as("in_result")).distinct();
        Dataset<Row> cardSide = card
                .join(broadcast(withResult), CollectionConverters.asScala(RACE_KEYS).toSeq(), "left")
                .join(broadcast(inResult), CollectionConverters.asScala(RUNNER_KEYS).toSeq(), "left");
        Column on = col("res.race_id").equalTo(col("card.race_id")).and(col("res.horse_id").equalTo(col("card.horse_id")));
        List<Column> out = new ArrayList<>();
        out.add(coalesce(col("res.race_id"), col("card.race_id")).as("race_id"));
        out.add(coalesce(col("res.horse_id"), col("card.horse_id")).as("horse_id"));
        RUNNER_SHARED.forEach(c -> out.add(coalesce(col("res." + c), col("card." + c)).as(c)));
        RUNNER_CARD.forEach(c -> out.add(col("card." + c).as(c)));
        RUNNER_RESULT.forEach(c -> out.add(col("res." + c).as(c)));
        out.add(raceMonth(coalesce(col("res.race_date"), col("card.race_date"))).as(RACE_MONTH));
        // A row with a result record ran; a card-only row did not when its race has a result that does not name the horse.
        out.add(col("res.race_id").isNull().and(coalesce(col("card.race_has_result"), lit(false)))
                .and(coalesce(col("card.in_result"), lit(false)).unary_$bang()).as("is_non_runner"));
        return result.as("res").join(cardSide.as("card"), on, "full_outer").select(out.toArray(Column[]::new));
    }
}
