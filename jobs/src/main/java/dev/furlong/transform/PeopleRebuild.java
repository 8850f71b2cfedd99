package dev.furlong.transform;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.jdk.javaapi.CollectionConverters;

/**
 * {@code sync --scope people}: the jockey, trainer and owner tables as every runner in silver describes them. The transform
 * keeps these tables current from the answers it reads; the rebuild makes them agree with all of silver again, dropping a person
 * no runner names any more (an id a correction replaced) and taking every name from the runners as they now stand.
 */
public final class PeopleRebuild {

    public static final List<Entities.Table> TABLES = List.of(Entities.JOCKEYS, Entities.TRAINERS, Entities.OWNERS);

    private PeopleRebuild() {
    }

    /**
     * The rows {@code table} should hold, from silver runners and the races they ran in: each runner row is an observation of
     * its race's date, made when the row last changed (so the name of the runner most recently corrected or added wins).
     */
    public static Dataset<Row> rows(Entities.Table table, Dataset<Row> silverRunners, Dataset<Row> silverRaces) {
        Dataset<Row> runners = silverRunners.join(silverRaces.select("race_id", "race_date"),
                        CollectionConverters.asScala(List.of("race_id")).toSeq())
                .withColumn("fetched_at", col("updated_at"));
        return Entities.rows(table, Entities.observationsOfRunners(runners));
    }
}
