package dev.furlong.transform;

import static dev.furlong.transform.Normalise.text;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.posexplode_outer;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.try_to_timestamp;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Bronze answers of one {@link PageSource} opened into races and runners, each with the request it came from and its JSON
 * path, so that any record can be traced back and quarantined with its place. Pure: no storage here.
 */
public final class BronzePages {

    private BronzePages() {
    }

    /**
     * The source's answers parsed once: {@code request_key}, {@code fetched_at}, {@code page}, {@code parseable}, and
     * {@code unreadable_body}: the body of an answer that is not parseable (null for the rest), so that it can be quarantined
     * without reading bronze again. Worth caching: races, runners and unreadable pages are all read from it.
     */
    public static Dataset<Row> parse(Dataset<Row> bronze, PageSource source) {
        return bronze.where(col("endpoint").isin(source.endpoints().toArray()).and(col("http_status").equalTo(200)))
                .select(col("request_key"), col("fetched_at"), col("body"), from_json(col("body"), source.pageSchema()).as("page"))
                .withColumn("parseable", parseable(source))
                .withColumn("unreadable_body", when(col("parseable"), lit(null).cast(DataTypes.StringType)).otherwise(col("body")))
                .drop("body");
    }

    /** A page is usable when it parsed and carries its list and {@code total} (every page of both endpoints has them). */
    private static Column parseable(PageSource source) {
        return col("page").isNotNull().and(col("page.total").isNotNull()).and(col("page." + source.itemsField()).isNotNull());
    }

    /**
     * Races of every usable page ({@link #parse}d), one row per race and source: the copy with the latest {@code fetched_at}
     * when several pages hold it. Columns {@code request_key}, {@code fetched_at}, {@code json_path}, {@code r} (the race
     * struct). Races without an id are kept: {@link #quarantinedRaces} picks them out.
     */
    public static Dataset<Row> races(Dataset<Row> pages, PageSource source) {
        Dataset<Row> races = pages.where(col("parseable"))
                .select(col("request_key"), col("fetched_at"),
                        posexplode_outer(col("page." + source.itemsField())).as(new String[]{"i", "r"}))
                .where(col("r").isNotNull())
                .withColumn("json_path", concat(lit("$." + source.itemsField() + "["), col("i").cast(DataTypes.StringType), lit("]")))
                .drop("i");
        // The older copies are found on the keys alone, so the race structs themselves are never shuffled.
        Column raceId = text(col("r.race_id"));
        Dataset<Row> superseded = races.select(raceId.as("race_id"), col("fetched_at"), col("request_key"), col("json_path"))
                .where(col("race_id").isNotNull())
                .withColumn("rn", row_number().over(Window.partitionBy(col("race_id"))
                        .orderBy(col("fetched_at").desc(), col("request_key").desc(), col("json_path"))))
                .where(col("rn").gt(1)).select("request_key", "json_path");
        return races.join(broadcast(superseded), CollectionConverters.asScala(List.of("request_key", "json_path")).toSeq(),
                "left_anti");
    }

    /** Answers of the source ({@link #parse}d) whose body is not a page of it at all: quarantined whole, with the body. */
    public static Dataset<Row> unparseablePages(Dataset<Row> pages, PageSource source) {
        Dataset<Row> bad = pages.where(col("parseable").unary_$bang()).withColumn("json_path", lit("$"));
        return Quarantine.rows(bad, source, "page",
                lit("the body is not a " + source.itemsField() + " page (malformed JSON or wrong shape)"), col("unreadable_body"));
    }

    /** A race Furlong can key and date. */
    public static Column isValidRace() {
        return text(col("r.race_id")).isNotNull().and(Normalise.date(col("r.date")).isNotNull());
    }

    public static Dataset<Row> quarantinedRaces(Dataset<Row> races, PageSource source) {
        return Quarantine.rows(races.where(isValidRace().unary_$bang()), source, "race",
                when(text(col("r.race_id")).isNull(), lit("race without race_id")).otherwise(lit("race without a readable date")),
                to_json(col("r")));
    }

    /**
     * Every present value of a race that silver types and that does not parse (the off time, and the results' distance in
     * yards or the card's field size): set null, and quarantined as a field.
     */
    public static Column raceFieldProblems(PageSource source) {
        List<Quarantine.FieldCheck> checks = new ArrayList<>();
        checks.add(Quarantine.unparseable("off_dt", col("r.off_dt"), try_to_timestamp(text(col("r.off_dt"))), "a time"));
        checks.add(source == PageSource.RESULTS
                ? Quarantine.unparseable("dist_y", col("r.dist_y"), Normalise.integer(col("r.dist_y")), "a whole number")
                : Quarantine.unparseable("field_size", col("r.field_size"), Normalise.integer(col("r.field_size")), "a whole number"));
        return Quarantine.fieldProblems(checks);
    }

    /** A valid race whose region is one of the given (lower-case) codes. */
    public static Column isInRegions(List<String> regions) {
        Column member = lower(text(col("r.region"))).isin(regions.toArray());
        return isValidRace().and(coalesce(member, lit(false)));
    }

    /** A valid race whose region is not one of the given codes: counted and skipped, not quarantined. */
    public static Column isOutsideRegions(List<String> regions) {
        return isValidRace().and(isInRegions(regions).unary_$bang());
    }

    /**
     * Every runner of the given races: columns {@code request_key}, {@code fetched_at}, {@code json_path}, {@code race_id},
     * {@code race_date}, {@code region}, {@code horse_id}, {@code u} (the runner struct), and {@code repeat}: true when the
     * horse already came earlier in its race's list (looked up in that list, so nothing is shuffled).
     */
    public static Dataset<Row> runners(Dataset<Row> races) {
        return races.select(col("request_key"), col("fetched_at"), col("json_path").as("race_path"),
                        text(col("r.race_id")).as("race_id"), Normalise.date(col("r.date")).as("race_date"),
                        upper(text(col("r.region"))).as("region"),
                        col("r.runners.horse_id").as("ids"),
                        posexplode_outer(col("r.runners")).as(new String[]{"i", "u"}))
                .where(col("u").isNotNull())
                .withColumn("json_path", concat(col("race_path"), lit(".runners["), col("i").cast(DataTypes.StringType), lit("]")))
                .withColumn("horse_id", text(col("u.horse_id")))
                .withColumn("repeat", coalesce(array_position(col("ids"), col("u.horse_id")).lt(col("i").plus(1)), lit(false)))
                .drop("race_path", "i", "ids");
    }

    /** The checks every runner of either source must pass before it becomes a silver row. */
    public static Quarantine.Check[] keyChecks() {
        return new Quarantine.Check[]{
                Quarantine.missing("horse_id", col("u.horse_id")),
                new Quarantine.Check(col("horse_id").isNotNull().and(col("repeat")), lit("the same horse twice in one race"))};
    }
}
