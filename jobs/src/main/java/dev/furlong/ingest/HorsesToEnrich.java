package dev.furlong.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.regexp_extract;

import dev.furlong.api.model.RacecardsPage;
import dev.furlong.api.model.ResultsPage;
import dev.furlong.spark.ApiReadSchema;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * The horses whose details only {@code /v1/horses/{id}/pro} can supply: seen in results, never on a racecard (racecard runners
 * carry dob, colour, breeder and pedigree) and never enriched before. Newest runners first, so a budget goes where it matters.
 */
public final class HorsesToEnrich {

    private static final StructType RESULTS = ApiReadSchema.only(ApiReadSchema.of(ResultsPage.class, "results", "runners"),
            "results.date", "results.runners.horse_id");
    private static final StructType RACECARDS = ApiReadSchema.only(ApiReadSchema.of(RacecardsPage.class, "racecards", "runners"),
            "racecards.runners.horse_id");

    private HorsesToEnrich() {
    }

    /** Horse ids from bronze {@code api_responses}, most recent race date first. */
    public static List<String> from(Dataset<Row> bronze) {
        Dataset<Row> ok = bronze.where(col("http_status").equalTo(200));
        Dataset<Row> raced = ok.where(col("endpoint").isin("results", "results_today"))
                .select(explode(from_json(col("body"), RESULTS).getField("results")).as("r"))
                .select(col("r.date").as("date"), explode(col("r.runners")).as("u"))
                .select(col("u.horse_id").as("horse_id"), col("date"))
                .where(col("horse_id").rlike("^hrs_[0-9A-Za-z]+$"))
                .groupBy("horse_id").agg(max("date").as("last_ran"));
        Dataset<Row> carded = ok.where(col("endpoint").equalTo("racecards_pro"))
                .select(explode(from_json(col("body"), RACECARDS).getField("racecards")).as("c"))
                .select(explode(col("c.runners")).as("u"))
                .select(col("u.horse_id").as("horse_id"));
        Dataset<Row> enriched = bronze.where(col("endpoint").equalTo("horse_pro"))
                .select(regexp_extract(col("request_key"), "^/v1/horses/([^/]+)/pro", 1).as("horse_id"));
        return raced.join(carded, raced.col("horse_id").equalTo(carded.col("horse_id")), "left_anti")
                .join(enriched, raced.col("horse_id").equalTo(enriched.col("horse_id")), "left_anti")
                .orderBy(col("last_ran").desc(), col("horse_id"))
                .select("horse_id").as(Encoders.STRING()).collectAsList();
    }
}
