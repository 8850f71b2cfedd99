package dev.furlong.stats;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The entity types of STATISTICS.md and the runner column that names each. */
final class EntityType {

    private EntityType() {
    }

    /** The id column of a runner's horse, jockey, trainer, owner, sire, dam or damsire. */
    static Column id(String type) {
        return switch (type) {
            case "horse", "jockey", "trainer", "owner", "sire", "dam", "damsire" -> col(type + "_id");
            default -> throw new IllegalArgumentException("no entity type " + type);
        };
    }

    /**
     * Each run once per entity type that has it, as {@code entity_type} and {@code entity_id} beside the run's columns: one
     * aggregation then computes every type's groups, instead of one job per type.
     */
    static Dataset<Row> perEntity(Dataset<Row> runs, List<String> types) {
        Column[] entities = types.stream().map(t -> struct(lit(t).as("entity_type"), id(t).as("entity_id")))
                .toArray(Column[]::new);
        return runs.withColumn("entity", explode(array(entities)))
                .select(col("*"), col("entity.entity_type"), col("entity.entity_id"))
                .drop("entity")
                .where(col("entity_id").isNotNull());
    }

    /** As {@link #perEntity}, for pairs: {@code entity1_type, entity1_id, entity2_type, entity2_id}. */
    static Dataset<Row> perPair(Dataset<Row> runs, List<List<String>> pairs) {
        Column[] entities = pairs.stream().map(p -> struct(lit(p.get(0)).as("entity1_type"), id(p.get(0)).as("entity1_id"),
                lit(p.get(1)).as("entity2_type"), id(p.get(1)).as("entity2_id"))).toArray(Column[]::new);
        return runs.withColumn("pair", explode(array(entities)))
                .select(col("*"), col("pair.entity1_type"), col("pair.entity1_id"), col("pair.entity2_type"),
                        col("pair.entity2_id"))
                .drop("pair")
                .where(col("entity1_id").isNotNull().and(col("entity2_id").isNotNull()));
    }
}
