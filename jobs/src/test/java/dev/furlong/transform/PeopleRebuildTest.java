package dev.furlong.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.furlong.testing.SparkTestSession;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The people as silver's runners name them, on four runner rows of three races. */
class PeopleRebuildTest {

    static final StructType RUNNERS = new StructType()
            .add("race_id", DataTypes.StringType).add("updated_at", DataTypes.TimestampType)
            .add("horse_id", DataTypes.StringType).add("jockey_id", DataTypes.StringType).add("jockey_name", DataTypes.StringType)
            .add("trainer_id", DataTypes.StringType).add("trainer_name", DataTypes.StringType)
            .add("trainer_location", DataTypes.StringType).add("owner_id", DataTypes.StringType).add("owner_name", DataTypes.StringType);

    static Row runner(String date, String fetched, String horse, String jockey, String jockeyName, String trainer, String location) {
        return RowFactory.create("rac_" + date, Timestamp.from(Instant.parse(fetched)), horse, jockey, jockeyName,
                trainer, "J Gosden", location, "own_1", "Godolphin");
    }

    static Dataset<Row> races(String... dates) {
        return SparkTestSession.get().createDataFrame(java.util.Arrays.stream(dates)
                .map(d -> RowFactory.create("rac_" + d, Date.valueOf(LocalDate.parse(d)))).toList(),
                new StructType().add("race_id", DataTypes.StringType).add("race_date", DataTypes.DateType));
    }

    @Test
    void eachPersonOnceWithTheLatestNameAndTheDatesTheyWereSeen() {
        Dataset<Row> races = races("2026-11-20", "2026-11-25", "2026-11-27");
        Dataset<Row> runners = SparkTestSession.get().createDataFrame(List.of(
                runner("2026-11-20", "2026-11-21T06:00:00Z", "hrs_1", "jky_1", "W Buick", "trn_1", "Newmarket"),
                runner("2026-11-25", "2026-11-26T06:00:00Z", "hrs_2", "jky_1", "William Buick", "trn_1", null),
                runner("2026-11-27", "2026-11-28T06:00:00Z", "hrs_3", "jky_2", "R Moore", "trn_1", null),
                runner("2026-11-27", "2026-11-28T06:00:00Z", "hrs_4", null, null, "trn_1", null)), RUNNERS);

        List<String> jockeys = PeopleRebuild.rows(Entities.JOCKEYS, runners, races).orderBy("id")
                .select("id", "name", "first_seen_date", "last_seen_date").collectAsList().stream().map(Row::toString).toList();
        assertEquals(List.of("[jky_1,William Buick,2026-11-20,2026-11-25]", "[jky_2,R Moore,2026-11-27,2026-11-27]"), jockeys,
                "the latest name, the first and last race dates; a runner without a jockey names no one");

        Row trainer = PeopleRebuild.rows(Entities.TRAINERS, runners, races).select("id", "name", "location").head();
        assertEquals("[trn_1,J Gosden,Newmarket]", trainer.toString(), "the latest location said, not a later silence");
        assertEquals(1, PeopleRebuild.rows(Entities.OWNERS, runners, races).count());
    }
}
