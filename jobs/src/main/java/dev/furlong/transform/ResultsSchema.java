package dev.furlong.transform;

import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructType;

/**
 * The explicit schema of a {@code /v1/results} page. Every scalar is read as a string (the API sends numbers as strings, and
 * reading them as strings never loses a value); typing happens afterwards, in one place ({@link Normalise}).
 */
public final class ResultsSchema {

    private ResultsSchema() {
    }

    public static final StructType RUNNER = RacecardsSchema.strings("horse_id", "horse", "sp", "sp_dec", "bsp", "number", "position", "draw",
            "btn", "ovr_btn", "age", "sex", "weight", "weight_lbs", "headgear", "time", "or", "rpr", "tsr", "prize", "jockey",
            "jockey_claim_lbs", "jockey_id", "trainer", "trainer_id", "owner", "owner_id", "sire", "sire_id", "dam", "dam_id",
            "damsire", "damsire_id", "comment", "silk_url");

    public static final StructType RACE = RacecardsSchema.strings("race_id", "date", "region", "course", "course_id", "off", "off_dt",
            "race_name", "type", "class", "pattern", "rating_band", "age_band", "sex_rest", "dist", "dist_y", "dist_m", "dist_f",
            "going", "surface", "jumps", "winning_time_detail", "comments", "non_runners", "tote_win", "tote_pl", "tote_ex",
            "tote_csf", "tote_tricast", "tote_trifecta")
            .add("runners", new ArrayType(RUNNER, true), true);

    public static final StructType PAGE = new StructType()
            .add("results", new ArrayType(RACE, true), true)
            .add("total", StringType, true)
            .add("limit", StringType, true)
            .add("skip", StringType, true);
}
