package dev.furlong.publish;

import dev.furlong.lake.DeltaTables;
import dev.furlong.lake.Lake;
import dev.furlong.transform.SourceMerge;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Publishes silver into Postgres in dependency order (races before runners), after applying the migrations. */
public final class PublishJob {

    /** A silver table and the Postgres table it is served as. */
    public record Mapping(String silverTable, String pgTable, List<String> keys) {
    }

    public static final List<Mapping> TABLES = List.of(
            new Mapping("races", "ra_races", SourceMerge.RACE_KEYS),
            new Mapping("runners", "ra_runners", SourceMerge.RUNNER_KEYS));

    private final SparkSession spark;
    private final Lake lake;
    private final PgTarget target;
    private final String runId;

    public PublishJob(SparkSession spark, Lake lake, PgTarget target, String runId) {
        this.spark = spark;
        this.lake = lake;
        this.target = target;
        this.runId = runId;
    }

    public List<PublishResult> run(boolean full) throws SQLException {
        Migrations.apply(target);
        TablePublisher publisher = new TablePublisher(target, runId);
        List<PublishResult> results = new ArrayList<>();
        for (Mapping m : TABLES) {
            String path = lake.silver(m.silverTable());
            long version = DeltaTables.version(spark, path);
            if (version < 0) {
                continue; // nothing transformed yet
            }
            Dataset<Row> rows = spark.read().format("delta").option("versionAsOf", version).load(path).drop(SourceMerge.RACE_MONTH);
            TablePublisher.Source source = new TablePublisher.Source(DeltaTables.tableId(spark, path), version);
            results.add(publisher.publish(m.pgTable(), rows, m.keys(), source, full));
        }
        return results;
    }
}
