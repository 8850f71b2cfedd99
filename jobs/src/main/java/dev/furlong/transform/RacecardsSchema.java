package dev.furlong.transform;

import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructType;

/**
 * The explicit schema of a {@code /v1/racecards/pro} page. As with results, every scalar is read as a string; the nested
 * lists a card carries beside the modelled fields (odds, quotes, previous trainers...) are read as strings too, which Spark
 * fills with the raw JSON text, so they reach {@code racecard_extras} exactly as sent.
 */
public final class RacecardsSchema {

    private RacecardsSchema() {
    }

    /** Runner fields kept whole in {@code racecard_extras}. */
    public static final String[] EXTRAS = {"prev_trainers", "prev_owners", "trainer_14_days", "medical", "quotes", "stable_tour",
            "odds"};

    public static final StructType RUNNER = strings(EXTRAS, "horse_id", "horse", "dob", "age", "sex", "sex_code", "colour", "region",
            "breeder", "dam", "dam_id", "dam_region", "sire", "sire_id", "sire_region", "damsire", "damsire_id", "damsire_region",
            "trainer", "trainer_id", "trainer_location", "owner", "owner_id", "comment", "spotlight", "number", "draw",
            "headgear", "headgear_run", "wind_surgery", "wind_surgery_run", "past_results_flags", "lbs", "ofr", "rpr", "ts",
            "jockey", "jockey_id", "silk_url", "last_run", "form", "trainer_rtf");

    public static final StructType RACE = strings("race_id", "course", "course_id", "date", "off_time", "off_dt", "race_name",
            "distance_round", "distance", "distance_f", "region", "pattern", "sex_restriction", "race_class", "type", "age_band",
            "rating_band", "prize", "field_size", "going_detailed", "rail_movements", "stalls", "weather", "going", "surface",
            "jumps", "big_race", "is_abandoned", "race_status", "tip", "verdict", "betting_forecast")
            .add("runners", new ArrayType(RUNNER, true), true);

    public static final StructType PAGE = new StructType()
            .add("racecards", new ArrayType(RACE, true), true)
            .add("total", StringType, true)
            .add("limit", StringType, true)
            .add("skip", StringType, true);

    /** A bookmaker's quote inside a runner's odds. */
    public static final ArrayType ODDS = new ArrayType(strings("bookmaker", "fractional", "decimal", "updated"), true);

    private static StructType strings(String[] last, String... names) {
        StructType s = strings(names);
        for (String n : last) {
            s = s.add(n, StringType, true);
        }
        return s;
    }

    static StructType strings(String... names) {
        StructType s = new StructType();
        for (String n : names) {
            s = s.add(n, StringType, true);
        }
        return s;
    }
}
