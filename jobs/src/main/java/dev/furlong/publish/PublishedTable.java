package dev.furlong.publish;

import static org.apache.spark.sql.functions.col;

import dev.furlong.lake.Lake;
import dev.furlong.lake.LakeColumns;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A lake table and the Postgres table it is served as: where it is read, how its rows are written, and under which name its
 * watermark is kept.
 *
 * @param lakeTable        the Delta table, relative to the lake root ("silver/races")
 * @param pgTable          the ra_* table (a constant of this class, never data)
 * @param keys             the primary key columns
 * @param write            how rows land
 * @param watermark        the etl_watermarks row: the table's name, or e.g. "ra_mst_jockeys#stats" for its statistics columns
 * @param ignoredForChange columns that follow their row but do not make it differ (a statistic's calculated_at)
 * @param shape            lake rows → the Postgres table's columns
 */
public record PublishedTable(String lakeTable, String pgTable, List<String> keys, Write write, String watermark,
                             List<String> ignoredForChange, Function<Dataset<Row>, Dataset<Row>> shape) {

    /** How a table's rows land in Postgres. */
    public enum Write {
        /** Insert new keys, update rows that differ; rows changed since the watermark are published. */
        UPSERT,
        /** Update some columns of rows that exist (per-entity statistics into the ra_mst_* tables). */
        UPDATE_COLUMNS
    }

    /** Columns that exist only in the lake: how silver is stored (race_month) and what merging needs (source_fetched_at). */
    public static final List<String> LAKE_ONLY = LakeColumns.ALL;

    /**
     * True for the tables whose lake rows are replaced race by race (races, runners, race results) and for the statistics
     * tables: a row the lake no longer holds is deleted from Postgres too. The other silver tables only gain rows.
     */
    public boolean followsLakeDeletes() {
        return List.of("silver/races", "silver/runners", "silver/race_results").contains(lakeTable)
                || lakeTable.startsWith("gold/") && write == Write.UPSERT;
    }

    public String path(Lake lake) {
        return lake.root() + "/" + lakeTable;
    }

    static PublishedTable silver(String name, String... keys) {
        String pg = "ra_" + name;
        return new PublishedTable("silver/" + name, pg, List.of(keys), Write.UPSERT, pg, List.of(),
                rows -> rows.drop(LAKE_ONLY.toArray(new String[0])));
    }

    static PublishedTable statistics(String name, String... keys) {
        String pg = "ra_" + name;
        return new PublishedTable("gold/" + name, pg, List.of(keys), Write.UPSERT, pg, List.of("calculated_at"),
                Function.identity());
    }

    /** One entity type's rows of gold/entity_statistics, as the given columns of its ra_mst_* table keyed by id. */
    static PublishedTable entityStatistics(String pgTable, String entityType, List<String> columns) {
        List<Column> select = new ArrayList<>();
        select.add(col("entity_id").as("id"));
        columns.forEach(c -> select.add(col(c)));
        return new PublishedTable("gold/entity_statistics", pgTable, List.of("id"), Write.UPDATE_COLUMNS, pgTable + "#stats",
                List.of(), rows -> rows.where(col("entity_type").equalTo(entityType)).select(select.toArray(Column[]::new)));
    }

    private static final List<String> PEOPLE_STATISTICS = List.of("runs", "wins", "places", "ew_places", "win_pct",
            "place_pct", "runs_with_sp", "profit_loss_1u", "ae_index", "last_run_date", "last_win_date", "runs_14d", "wins_14d", "runs_30d",
            "wins_30d", "stats_as_of");
    private static final List<String> PROGENY_STATISTICS = List.of("progeny", "runs", "wins", "places", "ew_places", "win_pct",
            "runs_with_sp", "ae_index", "profit_loss_1u", "best_distance_group", "best_going_group", "stats_as_of");

    private static List<String> plus(List<String> list, String column) {
        List<String> out = new ArrayList<>(list);
        out.add(out.size() - 1, column);
        return List.copyOf(out);
    }

    /**
     * Every published table in dependency order (ARCHITECTURE.md, Publishing): what a foreign key points to is published
     * before what points to it, so the keys hold at every commit.
     */
    public static final List<PublishedTable> ALL = List.of(
            silver("mst_regions", "code"),
            silver("mst_courses", "id"),
            silver("mst_bookmakers", "code"),
            silver("mst_jockeys", "id"),
            silver("mst_trainers", "id"),
            silver("mst_owners", "id"),
            silver("mst_sires", "id"),
            silver("mst_dams", "id"),
            silver("mst_damsires", "id"),
            silver("mst_horses", "id"),
            silver("horse_pedigree", "horse_id"),
            silver("races", "race_id"),
            silver("runners", "race_id", "horse_id"),
            silver("race_results", "race_id"),
            entityStatistics("ra_mst_jockeys", "jockey", PEOPLE_STATISTICS),
            entityStatistics("ra_mst_trainers", "trainer", PEOPLE_STATISTICS),
            entityStatistics("ra_mst_owners", "owner", plus(PEOPLE_STATISTICS, "horses")),
            entityStatistics("ra_mst_sires", "sire", PROGENY_STATISTICS),
            entityStatistics("ra_mst_dams", "dam", PROGENY_STATISTICS),
            entityStatistics("ra_mst_damsires", "damsire", PROGENY_STATISTICS),
            statistics("entity_combinations", "profile", "entity1_type", "entity1_id", "entity2_type", "entity2_id"),
            statistics("performance_by_distance", "profile", "entity_type", "entity_id", "code", "distance_band_f"),
            statistics("performance_by_venue", "profile", "entity_type", "entity_id", "course_id", "code"),
            statistics("runner_statistics", "profile", "race_id", "horse_id"));
}
