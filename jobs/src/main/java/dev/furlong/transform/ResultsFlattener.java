package dev.furlong.transform;

import static dev.furlong.transform.Normalise.clockSeconds;
import static dev.furlong.transform.Normalise.decimal;
import static dev.furlong.transform.Normalise.furlongsOfYards;
import static dev.furlong.transform.Normalise.integer;
import static dev.furlong.transform.Normalise.isFavourite;
import static dev.furlong.transform.Normalise.jockeyName;
import static dev.furlong.transform.Normalise.longTimeSeconds;
import static dev.furlong.transform.Normalise.metresOfYards;
import static dev.furlong.transform.Normalise.money;
import static dev.furlong.transform.Normalise.nameWithoutRegion;
import static dev.furlong.transform.Normalise.raceClass;
import static dev.furlong.transform.Normalise.raceType;
import static dev.furlong.transform.Normalise.regionOfName;
import static dev.furlong.transform.Normalise.sexCode;
import static dev.furlong.transform.Normalise.spDecimal;
import static dev.furlong.transform.Normalise.spFractional;
import static dev.furlong.transform.Normalise.text;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.posexplode_outer;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.try_to_timestamp;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * Pure transformations from bronze {@code results} answers to silver {@code races} and {@code runners}. Nothing here reads or
 * writes storage, so each step can be tested on a few rows.
 */
public final class ResultsFlattener {

    /** Quarantine columns: where the record came from, what it was, and why it was set aside. */
    public static final List<String> QUARANTINE_COLUMNS = List.of("source_endpoint", "request_key", "json_path", "entity",
            "reason", "record");

    private ResultsFlattener() {
    }

    /**
     * Races of every parseable page, one row per race (the copy with the latest {@code fetched_at} when several pages hold
     * it): columns {@code request_key}, {@code fetched_at}, {@code json_path}, {@code r} (the race struct). Rows without a
     * race id are left in: {@link #quarantinedRaces} picks them out.
     */
    public static Dataset<Row> races(Dataset<Row> bronzeResults) {
        Dataset<Row> pages = bronzeResults
                .where(col("endpoint").equalTo("results").and(col("http_status").equalTo(200)))
                .select(col("request_key"), col("fetched_at"), from_json(col("body"), ResultsSchema.PAGE).as("page"));
        Dataset<Row> races = pages.where(parseable())
                .select(col("request_key"), col("fetched_at"), posexplode_outer(col("page.results")).as(new String[]{"i", "r"}))
                .where(col("r").isNotNull())
                .withColumn("json_path", concat(lit("$.results["), col("i").cast(DataTypes.StringType), lit("]")))
                .drop("i");
        Column raceId = text(col("r.race_id"));
        Dataset<Row> withId = races.where(raceId.isNotNull());
        Dataset<Row> latest = withId
                .withColumn("rn", row_number().over(Window.partitionBy(raceId)
                        .orderBy(col("fetched_at").desc(), col("request_key").desc())))
                .where(col("rn").equalTo(1)).drop("rn");
        return latest.unionByName(races.where(raceId.isNull()));
    }

    /** A page is parseable when the envelope's {@code total} came through (every results page has it). */
    private static Column parseable() {
        return col("page").isNotNull().and(col("page.total").isNotNull());
    }

    /** Bronze answers whose body is not a results page at all. */
    public static Dataset<Row> unparseablePages(Dataset<Row> bronzeResults) {
        return bronzeResults
                .where(col("endpoint").equalTo("results").and(col("http_status").equalTo(200)))
                .withColumn("page", from_json(col("body"), ResultsSchema.PAGE))
                .where(parseable().unary_$bang())
                .select(lit("results").as("source_endpoint"), col("request_key"), lit("$").as("json_path"),
                        lit("page").as("entity"), lit("the body is not a results page (malformed JSON or wrong shape)").as("reason"),
                        col("body").as("record"));
    }

    /** A race Furlong can key and date; anything else is quarantined with its reason. */
    public static Column isValidRace() {
        return text(col("r.race_id")).isNotNull().and(to_date(text(col("r.date"))).isNotNull());
    }

    public static Dataset<Row> quarantinedRaces(Dataset<Row> races) {
        return races.where(isValidRace().unary_$bang())
                .select(lit("results").as("source_endpoint"), col("request_key"), col("json_path"), lit("race").as("entity"),
                        when(text(col("r.race_id")).isNull(), lit("race without race_id"))
                                .otherwise(lit("race without a readable date")).as("reason"),
                        to_json(col("r")).as("record"));
    }

    /** Races with an id, split by whether their region is one of the configured ones. */
    public static Dataset<Row> inRegions(Dataset<Row> races, List<String> regions, boolean inside) {
        return races.where(inside ? isInRegions(regions) : isOutsideRegions(regions));
    }

    /** A race with an id whose region is one of the given (lower-case) codes. */
    public static Column isInRegions(List<String> regions) {
        Column member = lower(text(col("r.region"))).isin(regions.toArray());
        return isValidRace().and(coalesce(member, lit(false)));
    }

    /** A race with an id whose region is not one of the given codes: counted and skipped, not quarantined. */
    public static Column isOutsideRegions(List<String> regions) {
        return isValidRace().and(isInRegions(regions).unary_$bang());
    }

    /** Silver {@code races} columns from results (DATA-MODEL.md, ra_races: the result-owned and shared columns). */
    public static Dataset<Row> silverRaces(Dataset<Row> races) {
        Column yards = integer(col("r.dist_y"));
        Column runnerCount = coalesce(size(col("r.runners")), lit(0));
        return races.select(
                text(col("r.race_id")).as("race_id"),
                to_date(text(col("r.date"))).as("race_date"),
                text(col("r.course_id")).as("course_id"),
                Normalise.courseName(col("r.course")).as("course_name"),
                upper(text(col("r.region"))).as("region"),
                text(col("r.race_name")).as("race_name"),
                try_to_timestamp(text(col("r.off_dt"))).as("off_time"),
                text(col("r.off")).as("off_time_local"),
                raceType(col("r.type")).as("race_type"),
                raceClass(col("r.class")).as("race_class"),
                coalesce(lower(col("r.race_name")).contains("handicap"), lit(false)).as("is_handicap"),
                text(col("r.pattern")).as("pattern"),
                text(col("r.rating_band")).as("rating_band"),
                text(col("r.age_band")).as("age_band"),
                text(col("r.sex_rest")).as("sex_restriction"),
                yards.as("distance_yards"),
                furlongsOfYards(yards).as("distance_furlongs"),
                metresOfYards(yards).as("distance_metres"),
                text(col("r.dist")).as("distance_display"),
                text(col("r.going")).as("going"),
                text(col("r.surface")).as("surface"),
                text(col("r.jumps")).as("jumps"),
                text(col("r.winning_time_detail")).as("winning_time_text"),
                longTimeSeconds(col("r.winning_time_detail")).as("winning_time_seconds"),
                text(col("r.non_runners")).as("non_runners_text"),
                text(col("r.comments")).as("result_comments"),
                runnerCount.equalTo(0).as("is_abandoned"),
                lit(true).as("has_result")); // has_racecard is the racecards' to set
    }

    /** Every runner of the given races, with its position in the JSON: columns request_key, json_path, race_id, region, u. */
    public static Dataset<Row> runners(Dataset<Row> races) {
        return races.select(col("request_key"), col("json_path").as("race_path"), text(col("r.race_id")).as("race_id"),
                        upper(text(col("r.region"))).as("region"), posexplode_outer(col("r.runners")).as(new String[]{"i", "u"}))
                .where(col("u").isNotNull())
                .withColumn("json_path", concat(col("race_path"), lit(".runners["), col("i").cast(DataTypes.StringType), lit("]")))
                .drop("race_path", "i");
    }

    /** Runners that cannot become a silver row, with the reason: no horse id, or the same horse twice in one race. */
    public static Dataset<Row> quarantinedRunners(Dataset<Row> runners) {
        Column horseId = text(col("u.horse_id"));
        Dataset<Row> numbered = runners.withColumn("dup", row_number().over(
                Window.partitionBy(col("race_id"), horseId).orderBy(col("json_path"))));
        return numbered.where(horseId.isNull().or(col("dup").gt(1)))
                .select(lit("results").as("source_endpoint"), col("request_key"), col("json_path"), lit("runner").as("entity"),
                        when(horseId.isNull(), lit("runner without horse_id")).otherwise(lit("the same horse twice in one race"))
                                .as("reason"),
                        to_json(col("u")).as("record"));
    }

    /** Silver {@code runners} columns from results (DATA-MODEL.md, ra_runners: the result-owned and shared columns). */
    public static Dataset<Row> silverRunners(Dataset<Row> runners) {
        Column horseId = text(col("u.horse_id"));
        Dataset<Row> valid = runners.where(horseId.isNotNull())
                .withColumn("dup", row_number().over(Window.partitionBy(col("race_id"), horseId).orderBy(col("json_path"))))
                .where(col("dup").equalTo(1));
        return valid.select(
                col("race_id"),
                horseId.as("horse_id"),
                nameWithoutRegion(col("u.horse")).as("horse_name"),
                regionOfName(col("u.horse")).as("horse_region"),
                integer(col("u.number")).as("number"),
                integer(col("u.draw")).as("draw"),
                integer(col("u.age")).as("age"),
                sexCode(col("u.sex")).as("sex_code"),
                text(col("u.headgear")).as("headgear"),
                integer(col("u.weight_lbs")).as("weight_lbs"),
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
                integer(col("u.position")).as("position"),
                upper(text(col("u.position"))).as("position_code"),
                decimal(col("u.btn")).as("beaten_lengths"),
                decimal(col("u.ovr_btn")).as("overall_beaten_lengths"),
                spFractional(col("u.sp")).as("sp_fractional"),
                spDecimal(col("u.sp"), col("u.sp_dec")).as("sp_decimal"),
                isFavourite(col("u.sp")).as("is_favourite"),
                text(col("u.time")).as("finishing_time_text"),
                clockSeconds(col("u.time")).as("finishing_time_seconds"),
                money(col("u.prize")).as("prize_won"),
                when(money(col("u.prize")).isNotNull(), Normalise.currencyOfRegion(col("region"))).as("prize_currency"),
                integer(col("u.rpr")).as("race_rpr"),
                integer(col("u.tsr")).as("race_topspeed"),
                text(col("u.comment")).as("in_running_comment"),
                text(col("u.weight")).as("weight_st_lbs"),
                decimal(col("u.bsp")).as("bsp"),
                lit(false).as("is_non_runner"));
    }
}
