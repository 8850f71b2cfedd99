package dev.furlong.transform;

import static dev.furlong.transform.Normalise.text;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.try_to_timestamp;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import dev.furlong.lake.LakeColumns;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The result side and the racecard side of a race or runner made into one row by column ownership (DATA-MODEL.md, "How two
 * sources become one row"): a shared column takes the result's value when it has one, else the card's (names: the later
 * answer's; the silk: the card's); an owned column comes only from its owner. Each side is the latest answer of its source for
 * the race, so the row is the same whatever order they came in.
 */
public final class SourceMerge {

    public static final List<String> RACE_KEYS = List.of("race_id");
    public static final List<String> RUNNER_KEYS = List.of("race_id", "horse_id");

    /** See {@link LakeColumns#RACE_MONTH}. */
    public static final String RACE_MONTH = LakeColumns.RACE_MONTH;

    static final List<String> RACE_SHARED = List.of("race_date", "course_id", "course_name", "region", "race_name", "off_time",
            "off_time_local", "race_type", "race_class", "is_handicap", "pattern", "rating_band", "age_band", "sex_restriction",
            "distance_yards", "distance_furlongs", "distance_metres", "distance_display", "going", "surface", "jumps");
    static final List<String> RACE_CARD = List.of("going_detailed", "rail_movements", "stalls", "weather", "prize_text",
            "prize_amount", "prize_currency", "field_size", "is_big_race", "race_status", "tip", "verdict", "betting_forecast");
    static final List<String> RACE_RESULT = List.of("winning_time_text", "winning_time_seconds", "non_runners_text",
            "result_comments");

    static final List<String> RUNNER_SHARED = List.of("horse_name", "horse_region", "number", "draw", "age", "sex_code",
            "headgear", "weight_lbs", "official_rating", "jockey_id", "jockey_name", "jockey_claim_lbs", "trainer_id",
            "trainer_name", "owner_id", "owner_name", "sire_id", "dam_id", "damsire_id", "silk_url");

    /**
     * Shared columns that are names (DATA-MODEL.md, rule 2's exception): the later answer's wins, with the id column it names
     * (null for the horse and course: the row's key or the race's own). A name follows the later answer only while both sources
     * name the same id, so a name never lands beside another person's id.
     */
    static final java.util.Map<String, String> RUNNER_NAMES = java.util.Map.of("horse_name", "", "jockey_name", "jockey_id",
            "trainer_name", "trainer_id", "owner_name", "owner_id");
    static final java.util.Map<String, String> RACE_NAMES = java.util.Map.of("course_name", "course_id", "race_name", "");

    /** Shared columns the card fills first: the silk is the card's image, the result's only where there is no card. */
    static final List<String> CARD_FIRST = List.of("silk_url");
    static final List<String> RUNNER_CARD = List.of("colour", "dob", "trainer_location", "headgear_run", "wind_surgery",
            "wind_surgery_run", "form", "last_run_days", "trainer_rtf", "spotlight", "pre_race_comment",
            "pre_race_rpr", "pre_race_topspeed", "past_results_flags", "racecard_extras");
    static final List<String> RUNNER_RESULT = List.of("position", "position_code", "beaten_lengths", "overall_beaten_lengths",
            "sp_fractional", "sp_decimal", "is_favourite", "favourite_kind", "finishing_time_text", "finishing_time_seconds", "prize_won",
            "prize_currency", "race_rpr", "race_topspeed", "in_running_comment", "weight_st_lbs", "bsp", "placed_ew");

    private SourceMerge() {
    }

    /**
     * The {@link #RACE_SHARED} columns (and the key) of a race struct {@code r}, read the same way from either source; the
     * arguments name the fields the two sources spell differently, and {@code yards} is the source's best distance.
     */
    static List<Column> sharedRaceColumns(String offLocal, String raceClass, String sexRestriction, String distance, Column yards) {
        return new ArrayList<>(List.of(
                text(col("r.race_id")).as("race_id"),
                Normalise.date(col("r.date")).as("race_date"),
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

    /**
     * A shared column of the joined sides {@code res} and {@code card}: the result's value when it has one, else the card's; a
     * name ({@code nameOf} not null) is the later answer's when both sides name the same id ({@code nameOf} empty: the row's
     * own); the silk is the card's first.
     */
    private static Column shared(String c, String nameOf) {
        Column res = col("res." + c);
        Column card = col("card." + c);
        if (CARD_FIRST.contains(c)) {
            return coalesce(card, res);
        }
        if (nameOf == null) {
            return coalesce(res, card);
        }
        Column sameId = nameOf.isEmpty() ? lit(true)
                : col("res." + nameOf).isNull().or(col("card." + nameOf).isNull()).or(col("res." + nameOf).equalTo(col("card." + nameOf)));
        return when(sameId.and(col("card.fetched_at").gt(col("res.fetched_at"))), coalesce(card, res)).otherwise(coalesce(res, card));
    }

    /** Silver {@code races} from the result side and the card side (either may be empty for a race). */
    public static Dataset<Row> races(Dataset<Row> result, Dataset<Row> card) {
        Column on = col("res.race_id").equalTo(col("card.race_id"));
        List<Column> out = new ArrayList<>();
        out.add(coalesce(col("res.race_id"), col("card.race_id")).as("race_id"));
        RACE_SHARED.forEach(c -> out.add(shared(c, RACE_NAMES.get(c)).as(c)));
        RACE_CARD.forEach(c -> out.add(col("card." + c).as(c)));
        RACE_RESULT.forEach(c -> out.add(col("res." + c).as(c)));
        out.add(coalesce(col("res.is_abandoned"), lit(false)).or(coalesce(col("card.is_abandoned"), lit(false))).as("is_abandoned"));
        out.add(col("card.race_id").isNotNull().as("has_racecard"));
        out.add(col("res.race_id").isNotNull().as("has_result"));
        return result.as("res").join(card.as("card"), on, "full_outer").select(out.toArray(Column[]::new));
    }

    /**
     * Silver {@code runners}; each side carries its {@code race_date}, for {@link #RACE_MONTH}, and its {@code fetched_at}.
     * {@code resultRaces} holds the id and {@code non_runners_text} of every race with a result, and {@code quarantinedInResult}
     * the (race_id, horse_id) of the runner records results gave that were quarantined. A horse declared on the card is a
     * non-runner when the result names it among the non-runners (matched by name within the race; the reason kept), or when the
     * race has a result that does not hold it. Both lookups are small and made on the card side before the one join by key,
     * so the wide rows are shuffled once.
     */
    public static Dataset<Row> runners(Dataset<Row> result, Dataset<Row> card, Dataset<Row> quarantinedInResult,
                                       Dataset<Row> resultRaces) {
        Dataset<Row> withResult = resultRaces.select(col("race_id"), lit(true).as("race_has_result")).distinct();
        Dataset<Row> inResult = quarantinedInResult.select(col("race_id"), col("horse_id"), lit(true).as("in_result")).distinct();
        Dataset<Row> named = namedNonRunners(resultRaces);
        Dataset<Row> cardSide = owned(card, RUNNER_CARD)
                .withColumn("name_key", Normalise.nameKey(col("horse_name")))
                .join(broadcast(withResult), CollectionConverters.asScala(RACE_KEYS).toSeq(), "left")
                .join(broadcast(inResult), CollectionConverters.asScala(RUNNER_KEYS).toSeq(), "left")
                .join(broadcast(named), CollectionConverters.asScala(List.of("race_id", "name_key")).toSeq(), "left")
                // A card-only row did not run when the result names it a non-runner, or when its race has a result that does
                // not hold it (and did not set it aside as unreadable). Worked out here so the join carries one column for it.
                .withColumn("not_run", col("named_non_runner").isNotNull().or(coalesce(col("race_has_result"), lit(false))
                        .and(coalesce(col("in_result"), lit(false)).unary_$bang())))
                .drop("name_key", "named_non_runner", "race_has_result", "in_result");
        Column on = col("res.race_id").equalTo(col("card.race_id")).and(col("res.horse_id").equalTo(col("card.horse_id")));
        List<Column> out = new ArrayList<>();
        out.add(coalesce(col("res.race_id"), col("card.race_id")).as("race_id"));
        out.add(coalesce(col("res.horse_id"), col("card.horse_id")).as("horse_id"));
        RUNNER_SHARED.forEach(c -> out.add(shared(c, RUNNER_NAMES.get(c)).as(c)));
        RUNNER_CARD.forEach(c -> out.add(col("card." + OWNED + "." + c).as(c)));
        RUNNER_RESULT.forEach(c -> out.add(col("res." + OWNED + "." + c).as(c)));
        out.add(raceMonth(coalesce(col("res.race_date"), col("card.race_date"))).as(RACE_MONTH));
        // A row with a result record ran.
        out.add(col("res.race_id").isNull().and(col("card.not_run")).as("is_non_runner"));
        out.add(when(col("res.race_id").isNull(), col("card.non_runner_reason")).as("non_runner_reason"));
        return owned(result, RUNNER_RESULT).as("res").join(cardSide.as("card"), on, "full_outer").select(out.toArray(Column[]::new));
    }

    private static final String OWNED = "_owned";

    /**
     * The side's owned columns carried through the join as one struct: they take no part in the merge, and with each one a
     * column of its own the join's generated code passed the size HotSpot compiles, so Spark ran the join without it (ten years:
     * 24 s of work against 16 s).
     */
    private static Dataset<Row> owned(Dataset<Row> side, List<String> columns) {
        return side.withColumn(OWNED, struct(columns.stream().map(functions::col).toArray(Column[]::new)))
                .drop(columns.toArray(String[]::new));
    }

    /**
     * The horses a result's {@code non_runners} text names, per race: "Fletcher's Flight (self certificate, colic), Harb
     * (unsuitable ground)" → (fletchersflight, "self certificate, colic"), (harb, "unsuitable ground"). Commas inside the
     * brackets do not split. Columns race_id, name_key, named_non_runner, non_runner_reason.
     */
    static Dataset<Row> namedNonRunners(Dataset<Row> resultRaces) {
        String item = "^\\s*(.*?)\\s*(?:\\(([^()]*)\\))?\\s*$";
        return resultRaces.where(col("non_runners_text").isNotNull())
                .select(col("race_id"), explode(split(col("non_runners_text"), ",\\s*(?![^()]*\\))")).as("item"))
                .select(col("race_id"), Normalise.nameKey(regexp_extract(col("item"), item, 1)).as("name_key"),
                        lit(true).as("named_non_runner"), reason(regexp_extract(col("item"), item, 2)).as("non_runner_reason"))
                .where(col("name_key").isNotNull())
                .dropDuplicates("race_id", "name_key");
    }

    /** The bracketed text of a named non-runner as its reason: "Harb (IRE)" gives a region, not a reason. */
    private static Column reason(Column bracketed) {
        Column t = Normalise.text(bracketed);
        return when(t.rlike("^[A-Z]{2,3}$").unary_$bang(), t);
    }
}
