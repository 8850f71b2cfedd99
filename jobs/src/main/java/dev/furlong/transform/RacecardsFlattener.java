package dev.furlong.transform;

import static dev.furlong.transform.Normalise.integer;
import static dev.furlong.transform.Normalise.jockeyName;
import static dev.furlong.transform.Normalise.money;
import static dev.furlong.transform.Normalise.nameWithoutRegion;
import static dev.furlong.transform.Normalise.regionOfName;
import static dev.furlong.transform.Normalise.sexCode;
import static dev.furlong.transform.Normalise.text;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import dev.furlong.transform.Quarantine.FieldCheck;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Pure transformations from {@code /v1/racecards/pro} races and runners to the racecard side of silver: the racecard-owned and
 * shared columns of {@code races} and {@code runners}, and what cards say about horses, people and pedigree.
 */
public final class RacecardsFlattener {

    private RacecardsFlattener() {
    }

    /** The racecard side of {@code races}, plus fetched_at. */
    public static Dataset<Row> races(Dataset<Row> races) {
        Column yards = Normalise.distanceYards(col("r.distance"));
        List<Column> columns = SourceMerge.sharedRaceColumns("off_time", "race_class", "sex_restriction", "distance", yards);
        columns.addAll(List.of(
                text(col("r.going_detailed")).as("going_detailed"),
                text(col("r.rail_movements")).as("rail_movements"),
                text(col("r.stalls")).as("stalls"),
                text(col("r.weather")).as("weather"),
                text(col("r.prize")).as("prize_text"),
                money(col("r.prize")).as("prize_amount"),
                Normalise.currencyOfPrize(col("r.prize")).as("prize_currency"),
                Normalise.positiveInteger(col("r.field_size")).as("field_size"),
                lower(text(col("r.big_race"))).equalTo("true").as("is_big_race"),
                text(col("r.race_status")).as("race_status"),
                text(col("r.tip")).as("tip"),
                text(col("r.verdict")).as("verdict"),
                text(col("r.betting_forecast")).as("betting_forecast"),
                coalesce(lower(text(col("r.is_abandoned"))).equalTo("true"), lit(false)).as("is_abandoned"),
                col("fetched_at")));
        return races.select(columns.toArray(Column[]::new));
    }

    /** Why a racecard runner cannot be used, or null: its key. */
    public static Column problems() {
        return Quarantine.problems(BronzePages.keyChecks());
    }

    /** Every present value of a card runner that does not parse: set null, and quarantined as a field. */
    public static Column fieldProblems() {
        List<FieldCheck> checks = new ArrayList<>();
        for (String f : List.of("number", "draw", "age", "lbs", "ofr", "rpr", "ts", "last_run", "trainer_rtf")) {
            checks.add(Quarantine.unparseable(f, col("u." + f), integer(col("u." + f)), "a whole number"));
        }
        checks.add(Quarantine.unparseable("dob", col("u.dob"), Normalise.date(col("u.dob")), "a date"));
        checks.add(Quarantine.unparseable("sex_code", coalesce(text(col("u.sex_code")), text(col("u.sex"))),
                sexCode(coalesce(text(col("u.sex_code")), text(col("u.sex")))), "a sex"));
        return Quarantine.fieldProblems(checks);
    }

    /** Runner fields kept whole in {@code racecard_extras}: what a card says beside the modelled fields. */
    static final String[] EXTRAS = {"prev_trainers", "prev_owners", "trainer_14_days", "medical", "quotes", "stable_tour", "odds"};

    /** Everything a card runner holds that {@code runners} does not model, kept as JSON. */
    private static Column extras() {
        List<Column> parts = new ArrayList<>();
        parts.add(lit("{"));
        for (int i = 0; i < EXTRAS.length; i++) {
            String f = EXTRAS[i];
            parts.add(lit((i == 0 ? "" : ",") + "\"" + f + "\":"));
            parts.add(coalesce(col("u." + f), lit("null")));
        }
        parts.add(lit("}"));
        return concat(parts.toArray(Column[]::new));
    }

    /** Runner rows with the racecard side of {@code runners}, pedigree and horse details, and the trace columns. */
    public static Dataset<Row> runners(Dataset<Row> runners) {
        Column sex = sexCode(coalesce(text(col("u.sex_code")), text(col("u.sex"))));
        return runners.select(
                col("race_id"),
                col("horse_id"),
                nameWithoutRegion(col("u.horse")).as("horse_name"),
                coalesce(upper(text(col("u.region"))), regionOfName(col("u.horse"))).as("horse_region"),
                integer(col("u.number")).as("number"),
                Normalise.positiveInteger(col("u.draw")).as("draw"),
                integer(col("u.age")).as("age"),
                sex.as("sex_code"),
                text(col("u.headgear")).as("headgear"),
                integer(col("u.lbs")).as("weight_lbs"),
                integer(col("u.ofr")).as("official_rating"),
                text(col("u.jockey_id")).as("jockey_id"),
                jockeyName(col("u.jockey")).as("jockey_name"),
                Normalise.jockeyClaim(col("u.jockey")).as("jockey_claim_lbs"),
                text(col("u.trainer_id")).as("trainer_id"),
                text(col("u.trainer")).as("trainer_name"),
                text(col("u.owner_id")).as("owner_id"),
                text(col("u.owner")).as("owner_name"),
                text(col("u.sire_id")).as("sire_id"),
                text(col("u.dam_id")).as("dam_id"),
                text(col("u.damsire_id")).as("damsire_id"),
                text(col("u.colour")).as("colour"),
                Normalise.date(col("u.dob")).as("dob"),
                text(col("u.trainer_location")).as("trainer_location"),
                text(col("u.headgear_run")).as("headgear_run"),
                text(col("u.wind_surgery")).as("wind_surgery"),
                text(col("u.wind_surgery_run")).as("wind_surgery_run"),
                text(col("u.form")).as("form"),
                integer(col("u.last_run")).as("last_run_days"),
                integer(col("u.trainer_rtf")).as("trainer_rtf"),
                text(col("u.spotlight")).as("spotlight"),
                text(col("u.comment")).as("pre_race_comment"),
                text(col("u.silk_url")).as("silk_url"),
                integer(col("u.rpr")).as("pre_race_rpr"),
                integer(col("u.ts")).as("pre_race_topspeed"),
                col("u.past_results_flags").as("past_results_flags"),
                extras().as("racecard_extras"),
                nameWithoutRegion(col("u.sire")).as("sire_name"),
                coalesce(upper(text(col("u.sire_region"))), regionOfName(col("u.sire"))).as("sire_region"),
                nameWithoutRegion(col("u.dam")).as("dam_name"),
                coalesce(upper(text(col("u.dam_region"))), regionOfName(col("u.dam"))).as("dam_region"),
                nameWithoutRegion(col("u.damsire")).as("damsire_name"),
                coalesce(upper(text(col("u.damsire_region"))), regionOfName(col("u.damsire"))).as("damsire_region"),
                text(col("u.breeder")).as("breeder"),
                col("u.odds").as("odds"),
                col("request_key"), col("json_path"), col("fetched_at"), col("race_date"),
                problems().as("problems"),
                fieldProblems().as("field_problems"),
                col("u"))
                .withColumn("record", when(col("problems").isNotNull(), to_json(col("u")))) // only a quarantined record needs it
                .drop("u");
    }
}
