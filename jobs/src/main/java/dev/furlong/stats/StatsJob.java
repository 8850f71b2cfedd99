package dev.furlong.stats;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.furlong.lake.ChangeFeed;
import dev.furlong.lake.DeltaTables;
import dev.furlong.lake.Lake;
import dev.furlong.lake.WatermarkedVersion;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code furlong stats}: silver races and runners → the gold statistics tables. {@link #run} computes a profile again from the
 * whole of silver (a statistic of a race depends on every race before it); {@link #update}, the sync's, recomputes only the
 * runner_statistics rows and entity_statistics entities that the starts changed since the last run reach, and must give the
 * same rows. Either way a gold table is changed only where a row differs (its {@code calculated_at} and {@code stats_as_of}
 * aside), so its change feed, and then the publish, carries just those rows. The four profile tables keep each profile's rows
 * beside the others'; entity_statistics has no profile.
 */
public final class StatsJob {

    public static final String ENTITY_COMBINATIONS = "entity_combinations";
    public static final String PERFORMANCE_BY_DISTANCE = "performance_by_distance";
    public static final String PERFORMANCE_BY_VENUE = "performance_by_venue";
    public static final String RUNNER_STATISTICS = "runner_statistics";
    public static final String ENTITY_STATISTICS = "entity_statistics";

    private static final Map<String, List<String>> KEYS = Map.of(
            ENTITY_COMBINATIONS, List.of("profile", "entity1_type", "entity1_id", "entity2_type", "entity2_id"),
            PERFORMANCE_BY_DISTANCE, List.of("profile", "entity_type", "entity_id", "code", "distance_band_f"),
            PERFORMANCE_BY_VENUE, List.of("profile", "entity_type", "entity_id", "course_id", "code"),
            RUNNER_STATISTICS, List.of("profile", "race_id", "horse_id"),
            ENTITY_STATISTICS, List.of("entity_type", "entity_id"));

    /** When the figures were computed and the date they are as of: a row whose figures are unchanged keeps its own. */
    private static final List<String> STAMPS = List.of("calculated_at", "stats_as_of");

    private final SparkSession spark;
    private final Lake lake;

    public StatsJob(SparkSession spark, Lake lake) {
        this.spark = spark;
        this.lake = lake;
    }

    /**
     * @param asOf         the last race date counted, and the day the 14/30-day windows end
     * @param calculatedAt stamped on every row written
     */
    public StatsReport run(StatsProfile profile, LocalDate asOf, Instant calculatedAt) {
        long started = System.nanoTime();
        StatsWatermark.Silver silver = StatsWatermark.Silver.now(spark, lake);
        Dataset<Row> starts = starts(silver).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> runs = runs(starts, asOf).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Row counts = runs.agg(count(lit(1)), count(when(col("going_group").equalTo("other"), 1)),
                    count(when(col("code").isNull(), 1)), count(when(col("distance_band_f").isNull(), 1))).head();
            double prepared = (System.nanoTime() - started) / 1e9;
            Timestamp at = Timestamp.from(calculatedAt);
            Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
            tables.put(ENTITY_COMBINATIONS, EntityCombinations.compute(runs, profile, at));
            tables.put(PERFORMANCE_BY_DISTANCE, PerformanceByDistance.compute(runs, profile, at));
            tables.put(PERFORMANCE_BY_VENUE, PerformanceByVenue.compute(runs, profile, at));
            tables.put(RUNNER_STATISTICS, RunnerStatistics.compute(starts, profile, asOf, at));
            tables.put(ENTITY_STATISTICS, EntityStatistics.compute(runs, asOf));
            Map<String, StatsReport.Written> written = new LinkedHashMap<>();
            tables.forEach((table, rows) -> {
                long tableStarted = System.nanoTime();
                // entity_statistics has no profile: its scope is the whole table.
                long count = write(table, rows, table.equals(ENTITY_STATISTICS) ? null : profile, null).changed();
                written.put(table, new StatsReport.Written(count, (System.nanoTime() - tableStarted) / 1e9));
            });
            new StatsWatermark(profile.name(), asOf, silver).write(spark, lake);
            new StatsWatermark(StatsWatermark.ENTITIES, asOf, silver).write(spark, lake);
            return new StatsReport(profile, asOf, counts.getLong(0), counts.getLong(1), counts.getLong(2), counts.getLong(3),
                    prepared, written);
        } finally {
            runs.unpersist();
            starts.unpersist();
        }
    }

    /**
     * Only gold/entity_statistics, every entity's figures as of {@code asOf}, from the whole of silver (what {@code sync --scope
     * people} refreshes after rebuilding the people); returns the rows changed.
     */
    public long runEntityStatistics(LocalDate asOf) {
        StatsWatermark.Silver silver = StatsWatermark.Silver.now(spark, lake);
        long changed = write(ENTITY_STATISTICS, EntityStatistics.compute(runs(starts(silver), asOf), asOf), null, null).changed();
        new StatsWatermark(StatsWatermark.ENTITIES, asOf, silver).write(spark, lake);
        return changed;
    }

    /** The silver versions the statistics' watermarks record: what a sync's statistics read the change feed on from. */
    public static List<WatermarkedVersion> versionsInUse(SparkSession spark, Lake lake) {
        return StatsWatermark.versionsInUse(spark, lake);
    }

    /**
     * What one part of {@link #update} did.
     *
     * @param statistics  "runner_statistics (standard)", "entity_statistics"...
     * @param how         incrementally from how many changed starts, or in full and why
     * @param recomputed  rows (or entities) computed again; -1 for all of them
     * @param changed     rows of gold inserted, updated or deleted
     * @param seconds     how long it took
     */
    public record Updated(String statistics, String how, long recomputed, long changed, double seconds) {
        public String render() {
            return String.format("%-34s %10s recomputed %,8d changed %5.0f s  %s", statistics,
                    recomputed < 0 ? "all" : String.format("%,d", recomputed), changed, seconds, how);
        }
    }

    /**
     * The sync's statistics: runner_statistics of each named profile computed before (standard, high_quality) and
     * entity_statistics brought to {@code asOf}, recomputing only what the starts changed since each was last brought up to
     * date reach ({@link StatsChanges}). A profile never computed is left to {@code furlong stats}, except that with no
     * statistics at all the standard profile is computed in full; a set whose change feed cannot be read is computed in full.
     * The other three profile tables are left to the full runs.
     */
    public List<Updated> update(LocalDate asOf, Instant calculatedAt) {
        List<StatsWatermark> marks = new ArrayList<>();
        for (StatsProfile p : List.of(StatsProfile.STANDARD, StatsProfile.HIGH_QUALITY)) {
            StatsWatermark.read(spark, lake, p.name()).ifPresent(marks::add);
        }
        if (marks.isEmpty()) {
            StatsReport full = run(StatsProfile.STANDARD, asOf, calculatedAt);
            List<Updated> all = new ArrayList<>();
            full.written().forEach((table, w) -> all.add(new Updated(table + " (standard)", "in full: no statistics yet", -1, w.rows(),
                    w.seconds())));
            return all;
        }
        StatsWatermark.Silver silver = StatsWatermark.Silver.now(spark, lake);
        Dataset<Row> starts = starts(silver).persist(StorageLevel.MEMORY_AND_DISK());
        Timestamp at = Timestamp.from(calculatedAt);
        List<Updated> updated = new ArrayList<>();
        try {
            for (StatsWatermark mark : marks) {
                updated.add(updateRunners(mark, silver, starts, asOf, at));
                advance(mark, new StatsWatermark(mark.name(), asOf, silver));
            }
            Optional<StatsWatermark> entities = StatsWatermark.read(spark, lake, StatsWatermark.ENTITIES);
            updated.add(updateEntities(entities, silver, starts, asOf));
            advance(entities.orElse(null), new StatsWatermark(StatsWatermark.ENTITIES, asOf, silver));
            return updated;
        } finally {
            starts.unpersist();
        }
    }

    /** Writes the new watermark, unless it is the one already stored. */
    private void advance(StatsWatermark stored, StatsWatermark now) {
        if (!now.equals(stored)) {
            now.write(spark, lake);
        }
    }

    private Updated updateRunners(StatsWatermark mark, StatsWatermark.Silver silver, Dataset<Row> starts, LocalDate asOf,
                                  Timestamp at) {
        long started = System.nanoTime();
        StatsProfile profile = StatsProfile.named(mark.name());
        String what = RUNNER_STATISTICS + " (" + profile.name() + ")";
        Changed changed = changedStarts(mark, silver, starts, asOf);
        try {
            if (changed.count() == 0) {
                return new Updated(what, "nothing changed since", 0, 0, since(started));
            }
            if (!changed.known()) {
                long n = write(RUNNER_STATISTICS, RunnerStatistics.compute(starts, profile, asOf, at), profile, null).changed();
                return new Updated(what, "in full: " + changed.why(), -1, n, since(started));
            }
            Dataset<Row> targets = StatsChanges.runnerTargets(starts, changed.starts()).persist(StorageLevel.MEMORY_AND_DISK());
            try {
                Dataset<Row> rows = RunnerStatistics.compute(StatsChanges.runnerInputs(starts, targets), profile, asOf, at)
                        .join(targets, seq("race_id", "horse_id"), "left_semi");
                // The keys of starts a correction removed are in scope too: their rows go.
                Dataset<Row> scope = targets.unionByName(changed.starts().select("race_id", "horse_id")).distinct();
                Column ofProfile = col("profile").equalTo(profile.name());
                DeltaTables.Replaced r = write(RUNNER_STATISTICS, rows, profile,
                        t -> t.where(ofProfile).join(scope, seq("race_id", "horse_id"), "left_semi"));
                return new Updated(what, "from " + changed.count() + " changed starts", targets.count(), r.changed(),
                        since(started));
            } finally {
                targets.unpersist();
            }
        } finally {
            changed.release();
        }
    }

    private Updated updateEntities(Optional<StatsWatermark> mark, StatsWatermark.Silver silver, Dataset<Row> starts,
                                   LocalDate asOf) {
        long started = System.nanoTime();
        Dataset<Row> runs = runs(starts, asOf);
        Changed changed = mark.map(m -> changedStarts(m, silver, starts, asOf))
                .orElse(Changed.unknown("never computed", List.of()));
        try {
            if (changed.count() == 0) {
                return new Updated(ENTITY_STATISTICS, "nothing changed since", 0, 0, since(started));
            }
            if (!changed.known()) {
                long n = write(ENTITY_STATISTICS, EntityStatistics.compute(runs, asOf), null, null).changed();
                return new Updated(ENTITY_STATISTICS, "in full: " + changed.why(), -1, n, since(started));
            }
            Dataset<Row> entities = StatsChanges.entities(changed.starts(), runs, asOf, changed.previousAsOf())
                    .persist(StorageLevel.MEMORY_AND_DISK());
            try {
                DeltaTables.Replaced r = write(ENTITY_STATISTICS, EntityStatistics.compute(runs, asOf, entities), null,
                        t -> t.join(entities, seq("entity_type", "entity_id"), "left_semi"));
                return new Updated(ENTITY_STATISTICS, "from " + changed.count() + " changed starts", entities.count(), r.changed(),
                        since(started));
            } finally {
                entities.unpersist();
            }
        } finally {
            changed.release();
        }
    }

    /**
     * The starts changed since a watermark, as they were and as they are ({@link StatsChanges}): those of runner and race rows
     * silver changed since its versions, and those the move of the as-of date brings in or out. Unknown when silver was rebuilt
     * or its change feed cannot be read.
     */
    private record Changed(Dataset<Row> starts, long count, LocalDate previousAsOf, String why, List<Dataset<Row>> held) {
        static Changed unknown(String why, List<Dataset<Row>> held) {
            return new Changed(null, -1, null, why, held);
        }

        boolean known() {
            return starts != null;
        }

        /** Frees what was cached to find the changes: a sync's JVM may run many. */
        void release() {
            if (starts != null) {
                starts.unpersist();
            }
            held.forEach(Dataset::unpersist);
        }
    }

    private static final String[] CHANGED_COLUMNS = {"race_id", "horse_id", "race_date", "jockey_id", "trainer_id", "owner_id",
            "sire_id", "dam_id", "damsire_id"};

    private Changed changedStarts(StatsWatermark mark, StatsWatermark.Silver silver, Dataset<Row> starts, LocalDate asOf) {
        if (!mark.silver().sameTablesAs(silver)) {
            return Changed.unknown("silver was rebuilt since", List.of());
        }
        Column[] ids = java.util.Arrays.stream(CHANGED_COLUMNS).map(functions::col).toArray(Column[]::new);
        Dataset<Row> races = load("races", silver.racesVersion()).select("race_id", "race_date");
        List<Dataset<Row>> parts = new ArrayList<>();
        List<Dataset<Row>> held = new ArrayList<>();
        if (silver.racesVersion() > mark.silver().racesVersion()) {
            ChangeFeed.Read<Dataset<Row>> raceChanges = ChangeFeed.read(spark, lake.silver("races"),
                    mark.silver().racesVersion() + 1, silver.racesVersion(), changes -> held(held, ChangeFeed.net(changes,
                            Starts.RACE_COLUMNS).select("race_id", "race_date")));
            if (!raceChanges.readable()) {
                return Changed.unknown("the change feed of silver races cannot be read: " + raceChanges.unreadable(), held);
            }
            races = races.unionByName(raceChanges.value());
            parts.add(starts.join(raceChanges.value().select("race_id").distinct(), "race_id").select(ids));
        }
        if (silver.runnersVersion() > mark.silver().runnersVersion()) {
            ChangeFeed.Read<Dataset<Row>> runnerChanges = ChangeFeed.read(spark, lake.silver("runners"),
                    mark.silver().runnersVersion() + 1, silver.runnersVersion(),
                    changes -> held(held, ChangeFeed.net(changes, Starts.RUNNER_COLUMNS).select("race_id", "horse_id",
                            "jockey_id", "trainer_id", "owner_id", "sire_id", "dam_id", "damsire_id")));
            if (!runnerChanges.readable()) {
                return Changed.unknown("the change feed of silver runners cannot be read: " + runnerChanges.unreadable(), held);
            }
            Dataset<Row> raceDates = races.groupBy("race_id").agg(functions.min("race_date").as("race_date"));
            parts.add(runnerChanges.value().join(raceDates, seq("race_id"), "left").select(ids));
        }
        if (!mark.asOf().equals(asOf)) {
            LocalDate first = asOf.isBefore(mark.asOf()) ? asOf : mark.asOf();
            LocalDate last = asOf.isBefore(mark.asOf()) ? mark.asOf() : asOf;
            parts.add(starts.where(col("race_date").gt(lit(first)).and(col("race_date").leq(lit(last)))).select(ids));
        }
        Dataset<Row> all = parts.stream().reduce(Dataset::unionByName)
                .orElseGet(() -> starts.select(ids).limit(0)).distinct().persist(StorageLevel.MEMORY_AND_DISK());
        return new Changed(all, all.count(), mark.asOf(), null, held);
    }

    /** A change feed's rows read now (ChangeFeed needs the read inside its call), kept until {@code held} is released. */
    private static Dataset<Row> held(List<Dataset<Row>> held, Dataset<Row> rows) {
        Dataset<Row> kept = rows.persist(StorageLevel.MEMORY_AND_DISK());
        kept.count();
        held.add(kept);
        return kept;
    }

    private static double since(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static scala.collection.immutable.Seq<String> seq(String... columns) {
        return scala.jdk.javaapi.CollectionConverters.asScala(List.of(columns)).toSeq();
    }

    private static Dataset<Row> runs(Dataset<Row> starts, LocalDate asOf) {
        return starts.where(col("is_run").and(col("race_date").leq(lit(asOf))));
    }

    /** Every start of silver at the given versions: races and runners joined, the input of every statistic. */
    private Dataset<Row> starts(StatsWatermark.Silver silver) {
        return Starts.of(load("races", silver.racesVersion()), load("runners", silver.runnersVersion()));
    }

    private Dataset<Row> load(String table, long version) {
        if (version < 0) {
            throw new IllegalStateException("stats: there is no silver " + table + " in " + lake.root()
                    + " yet; run `furlong transform` first");
        }
        return spark.read().format("delta").option("versionAsOf", version).load(lake.silver(table));
    }

    /**
     * Makes the gold table's rows in {@code scope} (null: all of the profile's, or the whole table without a profile) equal to
     * {@code rows}, touching only rows that differ.
     */
    private DeltaTables.Replaced write(String table, Dataset<Row> rows, StatsProfile profile, UnaryOperator<Dataset<Row>> scope) {
        UnaryOperator<Dataset<Row>> within = scope != null ? scope
                : profile == null ? UnaryOperator.identity() : t -> t.where(col("profile").equalTo(profile.name()));
        // Stored by profile, so one profile's rows are found without reading the others'.
        return DeltaTables.mergeScope(spark, lake.gold(table), rows, KEYS.get(table), within, STAMPS, profile == null ? null : "profile");
    }
}
