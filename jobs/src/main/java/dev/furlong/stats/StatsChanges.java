package dev.furlong.stats;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a change of some starts reaches, so a sync recomputes only that (StatsJob's incremental run). {@code changed} is one row
 * per start as it was and as it is now ({@code race_id, horse_id, race_date} and the entity ids): a corrected answer that
 * moves a runner to another jockey changes the old jockey's figures as well as the new one's.
 */
final class StatsChanges {

    /** The trainer and jockey figures of runner_statistics look back 14 days, plus the day of a race with an unknown off. */
    static final int PEOPLE_WINDOW_DAYS = 15;
    /** The longest window of entity_statistics (runs_30d). */
    static final int ENTITY_WINDOW_DAYS = 30;

    private static final List<String> ENTITY_TYPES = List.of("jockey", "trainer", "owner", "sire", "dam", "damsire");

    private StatsChanges() {
    }

    /**
     * The runner_statistics rows ({@code race_id, horse_id}) a change reaches: every start of a changed horse from the day of
     * its earliest change on (its career figures), and every start of a changed trainer or jockey in the 15 days from a day
     * it changed (their 14-day figures).
     */
    static Dataset<Row> runnerTargets(Dataset<Row> starts, Dataset<Row> changed) {
        Dataset<Row> keys = starts.select("race_id", "horse_id", "race_date", "trainer_id", "jockey_id");
        // A change whose date is unknown reaches the horse's whole career.
        Column changedOn = coalesce(col("race_date"), lit(LocalDate.of(1900, 1, 1)));
        Dataset<Row> horses = changed.groupBy("horse_id").agg(min(changedOn).as("from"));
        Dataset<Row> targets = keys.join(broadcast(horses), "horse_id").where(col("race_date").geq(col("from")))
                .select("race_id", "horse_id");
        for (String person : List.of("trainer_id", "jockey_id")) {
            Dataset<Row> days = changed.where(col(person).isNotNull()).select(col(person), changedOn.as("changed_on")).distinct();
            targets = targets.unionByName(keys.join(broadcast(days), person)
                    .where(col("race_date").between(col("changed_on"), date_add(col("changed_on"), PEOPLE_WINDOW_DAYS)))
                    .select("race_id", "horse_id"));
        }
        return targets.distinct();
    }

    /**
     * The starts the target rows' figures are computed from: each target horse's whole career, and each target trainer's and
     * jockey's starts from 15 days before their earliest target row.
     */
    static Dataset<Row> runnerInputs(Dataset<Row> starts, Dataset<Row> targets) {
        Dataset<Row> rows = starts.select("race_id", "horse_id", "race_date", "trainer_id", "jockey_id")
                .join(targets, scala.jdk.javaapi.CollectionConverters.asScala(List.of("race_id", "horse_id")).toSeq(), "left_semi");
        Dataset<Row> horses = rows.select(col("horse_id").as("career_of")).distinct();
        Dataset<Row> trainers = rows.groupBy(col("trainer_id").as("trainer_of")).agg(min("race_date").as("trainer_from"));
        Dataset<Row> jockeys = rows.groupBy(col("jockey_id").as("jockey_of")).agg(min("race_date").as("jockey_from"));
        Column needed = col("career_of").isNotNull()
                .or(coalesce(col("race_date").geq(date_sub(col("trainer_from"), PEOPLE_WINDOW_DAYS)), lit(false)))
                .or(coalesce(col("race_date").geq(date_sub(col("jockey_from"), PEOPLE_WINDOW_DAYS)), lit(false)));
        return starts.join(broadcast(horses), col("horse_id").equalTo(col("career_of")), "left")
                .join(broadcast(trainers), col("trainer_id").equalTo(col("trainer_of")), "left")
                .join(broadcast(jockeys), col("jockey_id").equalTo(col("jockey_of")), "left")
                .where(needed)
                .drop("career_of", "trainer_of", "trainer_from", "jockey_of", "jockey_from");
    }

    /**
     * The entities ({@code entity_type, entity_id}) whose entity_statistics a change reaches: those of the changed starts, and
     * every jockey, trainer and owner with a run in the 30-day windows of either as-of date (their windowed figures move with
     * the date, whether or not they ran again).
     */
    static Dataset<Row> entities(Dataset<Row> changed, Dataset<Row> runs, LocalDate asOf, LocalDate previousAsOf) {
        LocalDate first = asOf.isBefore(previousAsOf) ? asOf : previousAsOf;
        LocalDate last = asOf.isBefore(previousAsOf) ? previousAsOf : asOf;
        Dataset<Row> recent = runs.where(col("race_date").gt(lit(first.minusDays(ENTITY_WINDOW_DAYS))).and(col("race_date").leq(lit(last))));
        return EntityType.perEntity(changed, ENTITY_TYPES).select("entity_type", "entity_id")
                .unionByName(EntityType.perEntity(recent, EntityStatistics.PEOPLE).select("entity_type", "entity_id"))
                .distinct();
    }
}
