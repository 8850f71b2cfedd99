package dev.furlong.stats;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * ra_entity_combinations: how two connections do together — jockey–trainer, jockey–horse, trainer–owner, sire–trainer
 * (entity1 first as written). The metrics of {@link RunMetrics} over the runs they share, with the first and last race date;
 * emitted when runs ≥ the profile's min-runs.
 */
public final class EntityCombinations {

    static final List<List<String>> PAIRS = List.of(List.of("jockey", "trainer"), List.of("jockey", "horse"),
            List.of("trainer", "owner"), List.of("sire", "trainer"));

    private EntityCombinations() {
    }

    public static Dataset<Row> compute(Dataset<Row> runs, StatsProfile profile, Timestamp calculatedAt) {
        return RunMetrics.aggregate(EntityType.perPair(runs, PAIRS),
                        List.of(col("entity1_type"), col("entity1_id"), col("entity2_type"), col("entity2_id")),
                        min("race_date").as("first_date"), max("race_date").as("last_date"))
                .where(col("runs").geq(profile.minRuns()))
                .select(StatsColumns.of(lit(profile.name()).as("profile"), col("entity1_type"), col("entity1_id"),
                        col("entity2_type"), col("entity2_id")).metrics().then(col("first_date"), col("last_date"))
                        .calculatedAt(calculatedAt));
    }
}
