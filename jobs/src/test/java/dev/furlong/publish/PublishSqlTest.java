package dev.furlong.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The publisher's SQL for a two-column-key table, written out: what each step sends to Postgres. */
class PublishSqlTest {

    static final String T = "\"public\".\"ra_scores\"";
    static final String S = "\"furlong_staging\".\"ra_scores__run1\"";
    static final String G = "\"furlong_staging\".\"ra_scores__run1__gone\"";

    static PublishSql sql(PublishedTable.Write write) {
        PublishedTable table = new PublishedTable("gold/scores", "ra_scores", List.of("race_id", "horse_id"), write, "ra_scores",
                List.of("calculated_at"), Function.identity());
        return new PublishSql(table, T, S, List.of("race_id", "horse_id", "score", "calculated_at"));
    }

    @Test
    void stagingCopiesTheColumnsWithoutTheirConstraints() {
        assertEquals("CREATE UNLOGGED TABLE " + S + " AS SELECT \"race_id\", \"horse_id\", \"score\", \"calculated_at\" FROM " + T
                + " WITH NO DATA", sql(PublishedTable.Write.UPSERT).createStaging());
        assertEquals("COPY " + S + " (\"race_id\", \"horse_id\", \"score\", \"calculated_at\") FROM STDIN",
                sql(PublishedTable.Write.UPSERT).copyInto(S));
    }

    @Test
    void aFirstLoadIsOneInsertOfTheStagedRows() {
        assertEquals("INSERT INTO " + T + " (\"race_id\", \"horse_id\", \"score\", \"calculated_at\") SELECT \"race_id\", "
                + "\"horse_id\", \"score\", \"calculated_at\" FROM " + S, sql(PublishedTable.Write.UPSERT).firstLoad());
    }

    @Test
    void whenStagingHoldsAKeyTwiceTheRowsAreReadAKeyOnce() {
        assertEquals("INSERT INTO " + T + " (\"race_id\", \"horse_id\", \"score\", \"calculated_at\") SELECT DISTINCT ON "
                + "(\"race_id\", \"horse_id\") \"race_id\", \"horse_id\", \"score\", \"calculated_at\" FROM " + S
                + " ORDER BY \"race_id\", \"horse_id\"", sql(PublishedTable.Write.UPSERT).readingAKeyOnce().firstLoad());
    }

    @Test
    void anUpsertWritesOnlyRowsThatDifferInAColumnThatCounts() {
        assertEquals(List.of("INSERT INTO " + T + " AS t (\"race_id\", \"horse_id\", \"score\", \"calculated_at\") SELECT "
                + "\"race_id\", \"horse_id\", \"score\", \"calculated_at\" FROM " + S
                + " ON CONFLICT (\"race_id\", \"horse_id\") DO UPDATE SET \"score\" = EXCLUDED.\"score\", "
                + "\"calculated_at\" = EXCLUDED.\"calculated_at\" WHERE (t.\"score\") IS DISTINCT FROM (EXCLUDED.\"score\")"),
                sql(PublishedTable.Write.UPSERT).write());
    }

    @Test
    void statisticsColumnsUpdateExistingRowsOnly() {
        assertEquals(List.of("UPDATE " + T + " t SET \"score\" = s.\"score\", \"calculated_at\" = s.\"calculated_at\" FROM (SELECT "
                + "\"race_id\", \"horse_id\", \"score\", \"calculated_at\" FROM " + S
                + ") s WHERE t.\"race_id\" = s.\"race_id\" AND t.\"horse_id\" = s.\"horse_id\" AND "
                + "(t.\"score\") IS DISTINCT FROM (s.\"score\")"), sql(PublishedTable.Write.UPDATE_COLUMNS).write());
    }

    @Test
    void deletesGoChildrenFirstByTheirForeignKey() {
        assertEquals("CREATE UNLOGGED TABLE " + G + " AS SELECT \"race_id\", \"horse_id\" FROM " + T + " t WHERE NOT EXISTS "
                + "(SELECT 1 FROM " + S + " s WHERE t.\"race_id\" = s.\"race_id\" AND t.\"horse_id\" = s.\"horse_id\")",
                sql(PublishedTable.Write.UPSERT).createMissingKeyTable(G));
        assertEquals("DELETE FROM \"public\".\"ra_notes\" c USING " + G + " g WHERE c.\"race\" = g.\"race_id\" AND c.\"horse\" = "
                + "g.\"horse_id\"", PublishSql.deleteChildren("\"public\".\"ra_notes\"", List.of("race", "horse"),
                List.of("race_id", "horse_id"), G));
        assertEquals("DELETE FROM " + T + " t USING " + G + " g WHERE t.\"race_id\" = g.\"race_id\" AND t.\"horse_id\" = g.\"horse_id\"",
                sql(PublishedTable.Write.UPSERT).deleteGone(G));
    }

    @Test
    void onlyPlainIdentifiersReachTheText() {
        assertThrows(IllegalArgumentException.class, () -> PublishSql.ident("ra_races\"; DROP TABLE ra_races; --"));
        assertThrows(IllegalArgumentException.class, () -> PublishSql.ident("RaRaces"));
    }
}
