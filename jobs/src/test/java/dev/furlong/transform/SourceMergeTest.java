package dev.furlong.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.furlong.testing.SparkTestSession;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** A race's runners from its result and its card: who ran, who did not, and whose values win. */
class SourceMergeTest {

    private static final SparkSession spark = SparkTestSession.get();
    private static final LocalDate DAY = LocalDate.of(2025, 10, 13);

    /** Runner rows of one side: (race_id, horse_id, horse_name), every other column of that side null. */
    private static Dataset<Row> side(List<String> own, String... raceHorseName) {
        StructType schema = new StructType().add("race_id", DataTypes.StringType).add("horse_id", DataTypes.StringType)
                .add("horse_name", DataTypes.StringType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < raceHorseName.length; i += 3) {
            rows.add(RowFactory.create(raceHorseName[i], raceHorseName[i + 1], raceHorseName[i + 2]));
        }
        Dataset<Row> d = spark.createDataFrame(rows, schema).withColumn("race_date", lit(java.sql.Date.valueOf(DAY)))
                .withColumn("fetched_at", lit(java.sql.Timestamp.valueOf("2025-10-13 20:00:00")));
        for (String c : Stream.concat(SourceMerge.RUNNER_SHARED.stream(), own.stream()).toList()) {
            if (!Arrays.asList(d.columns()).contains(c)) {
                d = d.withColumn(c, lit(null).cast(DataTypes.StringType));
            }
        }
        return d;
    }

    @Test
    void aHorseOnTheCardButInNoResultRecordOfItsRaceDidNotRun() {
        Dataset<Row> result = side(SourceMerge.RUNNER_RESULT,
                "rac_1", "hrs_1", "Alpha");
        Dataset<Row> card = side(SourceMerge.RUNNER_CARD,
                "rac_1", "hrs_1", "Alpha (card)",
                "rac_1", "hrs_2", "Beta",   // declared, absent from the result: a non-runner
                "rac_1", "hrs_3", "Gamma",  // in the result, but its record there was quarantined: it ran
                "rac_2", "hrs_4", "Delta"); // its race has no result yet: not a non-runner
        Dataset<Row> quarantinedInResult = spark.createDataFrame(List.of(RowFactory.create("rac_1", "hrs_3")),
                new StructType().add("race_id", DataTypes.StringType).add("horse_id", DataTypes.StringType));
        Dataset<Row> racesWithResult = spark.createDataset(List.of("rac_1"), Encoders.STRING()).toDF("race_id")
                .withColumn("non_runners_text", lit(null).cast(DataTypes.StringType));

        Map<String, String> merged = SourceMerge.runners(result, card, quarantinedInResult, racesWithResult)
                .select(col("horse_id"), col("horse_name"), col("is_non_runner"), col(SourceMerge.RACE_MONTH)).collectAsList()
                .stream().collect(Collectors.toMap(r -> r.getString(0),
                        r -> r.getString(1) + ", non-runner " + r.getBoolean(2) + ", " + r.get(3)));

        assertEquals(Map.of(
                "hrs_1", "Alpha, non-runner false, 2025-10-01",
                "hrs_2", "Beta, non-runner true, 2025-10-01",
                "hrs_3", "Gamma, non-runner false, 2025-10-01",
                "hrs_4", "Delta, non-runner false, 2025-10-01"), merged);
    }
}
