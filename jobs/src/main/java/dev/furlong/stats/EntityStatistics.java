package dev.furlong.stats;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * gold/entity_statistics: one row per jockey, trainer, owner, sire, dam and damsire with a run, published into the
 * statistics columns of its ra_mst_* table. Not thresholded and not per profile: every entity gets its figures.
 * <ul>
 * <li>jockeys, trainers, owners: the {@link RunMetrics}, last run and last win dates, and runs / wins in the 14 and 30 days
 *     ending on the as-of date (as-of included); owners also the number of horses that ran for them;</li>
 * <li>sires, dams, damsires, over their progeny's runs: the {@link RunMetrics}, {@code progeny} (the horses that ran), and
 *     {@code best_distance_group} / {@code best_going_group}: the group with the highest ae_index among those with ≥ 10 runs
 *     (ties to the group first in alphabetical order; "other" going is not a group).</li>
 * </ul>
 * The columns the other kind does not have are null.
 */
public final class EntityStatistics {

    static final List<String> PEOPLE = List.of("jockey", "trainer", "owner");
    static final List<String> PARENTS = List.of("sire", "dam", "damsire");
    static final int BEST_GROUP_MIN_RUNS = 10;

    private EntityStatistics() {
    }

    public static Dataset<Row> compute(Dataset<Row> runs, LocalDate asOf) {
        return compute(runs, asOf, null);
    }

    /** As {@link #compute(Dataset, LocalDate)}, for only the {@code entities} ({@code entity_type, entity_id}) when not null. */
    static Dataset<Row> compute(Dataset<Row> runs, LocalDate asOf, Dataset<Row> entities) {
        Column owner = col("entity_type").equalTo("owner");
        Dataset<Row> people = RunMetrics.aggregate(only(EntityType.perEntity(runs, PEOPLE), entities),
                        List.of(col("entity_type"), col("entity_id")),
                        max("race_date").as("last_run_date"),
                        max(when(col("win").equalTo(1), col("race_date"))).as("last_win_date"),
                        within(14, asOf, lit(1)).as("runs_14d"), within(14, asOf, col("win")).as("wins_14d"),
                        within(30, asOf, lit(1)).as("runs_30d"), within(30, asOf, col("win")).as("wins_30d"),
                        // Only owners report horses: a jockey's or trainer's rows then add no distinct values to sort out.
                        countDistinct(when(owner, col("horse_id"))).cast(DataTypes.IntegerType).as("distinct_horses"))
                .withColumn("horses", when(owner, col("distinct_horses")))
                .withColumn("progeny", lit(null).cast(DataTypes.IntegerType))
                .withColumn("best_distance_group", lit(null).cast(DataTypes.StringType))
                .withColumn("best_going_group", lit(null).cast(DataTypes.StringType));

        Dataset<Row> progenyRuns = only(EntityType.perEntity(runs, PARENTS), entities);
        Dataset<Row> parents = RunMetrics.aggregate(progenyRuns, List.of(col("entity_type"), col("entity_id")),
                        countDistinct("horse_id").cast(DataTypes.IntegerType).as("progeny"))
                .join(best(progenyRuns, "distance_group"), new String[] {"entity_type", "entity_id"}, "left")
                .join(best(progenyRuns.where(col("going_group").notEqual("other")), "going_group"),
                        new String[] {"entity_type", "entity_id"}, "left");
        for (String missing : List.of("last_run_date", "last_win_date")) {
            parents = parents.withColumn(missing, lit(null).cast(DataTypes.DateType));
        }
        for (String missing : List.of("runs_14d", "wins_14d", "runs_30d", "wins_30d", "horses")) {
            parents = parents.withColumn(missing, lit(null).cast(DataTypes.IntegerType));
        }
        return select(people, asOf).unionByName(select(parents, asOf));
    }

    private static Dataset<Row> only(Dataset<Row> perEntity, Dataset<Row> entities) {
        return entities == null ? perEntity : perEntity.join(broadcast(entities),
                scala.jdk.javaapi.CollectionConverters.asScala(List.of("entity_type", "entity_id")).toSeq(), "left_semi");
    }

    /** Runs (or wins) with a race date in the {@code days} days that end on the as-of date. */
    private static Column within(int days, LocalDate asOf, Column count) {
        return sum(when(col("race_date").gt(date_sub(lit(asOf), days)), count).otherwise(0)).cast(DataTypes.IntegerType);
    }

    /** Per entity, the group of {@code column} with the highest ae_index among groups with enough runs. */
    private static Dataset<Row> best(Dataset<Row> runs, String column) {
        return RunMetrics.aggregate(runs.where(col(column).isNotNull()), List.of(col("entity_type"), col("entity_id"), col(column)))
                .where(col("runs").geq(BEST_GROUP_MIN_RUNS).and(col("ae_index").isNotNull()))
                .withColumn("rank", row_number().over(Window.partitionBy("entity_type", "entity_id")
                        .orderBy(col("ae_index").desc(), col(column))))
                .where(col("rank").equalTo(1))
                .select(col("entity_type"), col("entity_id"), col(column).as("best_" + column));
    }

    private static Dataset<Row> select(Dataset<Row> rows, LocalDate asOf) {
        List<Column> columns = new ArrayList<>(List.of(col("entity_type"), col("entity_id")));
        RunMetrics.COLUMNS.forEach(c -> columns.add(col(c)));
        for (String c : List.of("last_run_date", "last_win_date", "runs_14d", "wins_14d", "runs_30d", "wins_30d", "horses",
                "progeny", "best_distance_group", "best_going_group")) {
            columns.add(col(c));
        }
        columns.add(lit(asOf).as("stats_as_of"));
        return rows.select(columns.toArray(Column[]::new));
    }
}
