package dev.furlong.stats;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Column;

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
}
