package dev.furlong.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.furlong.testing.SparkTestSession;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** What a changed start reaches: the rows a sync recomputes, and what it computes them from. */
class StatsChangesTest {

    private static final String COLUMNS = "race_id, horse_id, race_date, trainer_id, jockey_id, owner_id, sire_id, dam_id, damsire_id";

    private static Dataset<Row> rows(String values) {
        return SparkTestSession.get().sql("SELECT race_id, horse_id, CAST(race_date AS DATE) race_date, trainer_id, jockey_id, "
                + "owner_id, sire_id, dam_id, damsire_id FROM VALUES " + values + " AS t(" + COLUMNS + ")");
    }

    /** Horse A ran on 1, 10 and 20 November; its 10 November start (trainer T, jockey K) changed. */
    private static final Dataset<Row> STARTS = rows(String.join(", ",
            "('r1', 'hA', '2026-11-01', 'tT', 'jJ', NULL, NULL, NULL, NULL)",
            "('r2', 'hA', '2026-11-10', 'tT', 'jK', NULL, NULL, NULL, NULL)",
            "('r3', 'hA', '2026-11-20', 'tU', 'jK', NULL, NULL, NULL, NULL)",
            "('r4', 'hB', '2026-11-12', 'tT', 'jL', NULL, NULL, NULL, NULL)", // T, 2 days after the change
            "('r5', 'hB', '2026-11-30', 'tT', 'jL', NULL, NULL, NULL, NULL)", // T, 20 days after: out of its 14-day figures
            "('r6', 'hC', '2026-11-11', 'tV', 'jK', NULL, NULL, NULL, NULL)", // K, the day after
            "('r7', 'hC', '2026-10-01', 'tV', 'jM', NULL, NULL, NULL, NULL)",
            "('r8', 'hD', '2026-10-20', 'tT', 'jN', NULL, NULL, NULL, NULL)", // T, 21 days before T's first target row
            "('r9', 'hE', '2026-10-30', 'tW', 'jK', NULL, NULL, NULL, NULL)")); // K, 11 days before K's first target row
    private static final Dataset<Row> CHANGED = rows("('r2', 'hA', '2026-11-10', 'tT', 'jK', 'oX', 'sS', NULL, NULL)");

    private static List<String> keys(Dataset<Row> rows) {
        return rows.select("race_id", "horse_id").collectAsList().stream().map(Row::toString).sorted().toList();
    }

    @Test
    void aChangeReachesTheHorsesLaterRowsAndItsTrainersAndJockeysNextFifteenDays() {
        // A from its change on (r2, r3, not r1); T's r4 but not r5; K's r3 and r6.
        assertEquals(List.of("[r2,hA]", "[r3,hA]", "[r4,hB]", "[r6,hC]"), keys(StatsChanges.runnerTargets(STARTS, CHANGED)));
    }

    @Test
    void theTargetsAreComputedFromTheirHorsesCareersAndTheirPeoplesStartsFromFifteenDaysBefore() {
        Dataset<Row> targets = StatsChanges.runnerTargets(STARTS, CHANGED);
        // Horses A, B and C whole (r1-r7); T needed from 26 October (not r8), K from 26 October (r9).
        assertEquals(List.of("[r1,hA]", "[r2,hA]", "[r3,hA]", "[r4,hB]", "[r5,hB]", "[r6,hC]", "[r7,hC]", "[r9,hE]"),
                keys(StatsChanges.runnerInputs(STARTS, targets)));
    }

    @Test
    void theEntitiesReachedAreThoseOfTheChangeAndThePeopleWhoRanInTheThirtyDayWindows() {
        List<String> entities = StatsChanges.entities(CHANGED, STARTS, LocalDate.of(2026, 11, 30), LocalDate.of(2026, 11, 29))
                .collectAsList().stream().map(Row::toString).sorted().toList();
        // From the change: T, K, owner X, sire S. Ran after 30 October: r1-r6's jockeys and trainers (r9 on the 30th does not).
        assertEquals(List.of("[jockey,jJ]", "[jockey,jK]", "[jockey,jL]", "[owner,oX]", "[sire,sS]", "[trainer,tT]",
                "[trainer,tU]", "[trainer,tV]"), entities);
    }
}
