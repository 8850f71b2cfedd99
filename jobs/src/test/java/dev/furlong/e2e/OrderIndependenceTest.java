package dev.furlong.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.furlong.lake.DeltaTables;
import dev.furlong.lake.Lake;
import dev.furlong.publish.PgTarget;
import dev.furlong.publish.PublishJob;
import dev.furlong.publish.PublishedTable;
import dev.furlong.sandbox.SandboxArchive;
import dev.furlong.sandbox.SandboxConfig;
import dev.furlong.testing.Acceptance;
import dev.furlong.testing.Fixtures;
import dev.furlong.testing.SparkTestSession;
import dev.furlong.testing.TempLake;
import dev.furlong.testing.TestPostgres;
import dev.furlong.transform.TransformJob;
import dev.furlong.transform.TransformReport;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A week of sandbox racing reaches the lake as three answers per day: the cards two days before the week (placeholder draws,
 * horses scratched later), the results the morning after it (ratings pending), and the results three days later (stewards'
 * reversals and disqualifications, withdrawn ratings). Landed and transformed in three orders, each published after every
 * transform, silver and Postgres end the same, bookkeeping columns aside.
 */
@Acceptance
class OrderIndependenceTest {

    static final LocalDate FROM = LocalDate.of(2026, 11, 16);
    static final LocalDate TO = FROM.plusDays(6);
    static final LocalDate CARDS_ON = FROM.minusDays(2);
    static final LocalDate RESULTS_ON = TO.plusDays(1);
    static final LocalDate CORRECTED_ON = TO.plusDays(4);

    /** Columns that say when or by which run, not what: left out of the comparison. */
    static final Set<String> BOOKKEEPING = Set.of("updated_at", "calculated_at", "fetched_at", "source_fetched_at", "settled_at",
            "run_id", "attribute_fetched_at", "enriched_at");

    /** The silver tables compared (quarantine is a log of every answer read, so it depends on what was read). */
    static final List<String> SILVER = List.of("races", "runners", "race_results", "mst_jockeys", "mst_trainers", "mst_owners",
            "mst_horses", "mst_sires", "mst_dams", "mst_damsires", "horse_pedigree", "mst_bookmakers");

    record Answers(String endpoint, LocalDate servedOn) {
    }

    static final Answers CARDS = new Answers("racecards_pro", CARDS_ON);
    static final Answers RESULTS = new Answers("results", RESULTS_ON);
    static final Answers CORRECTED = new Answers("results", CORRECTED_ON);

    @Test
    void threeOrdersGiveTheSameSilverAndTheSamePostgres(@TempDir Path dir) throws Exception {
        Lake asTheyLand = TempLake.create(dir.resolve("a"));
        PgTarget a = TestPostgres.target("order_a");
        land(asTheyLand, CARDS);
        transformAndPublish(asTheyLand, a);
        land(asTheyLand, RESULTS);
        transformAndPublish(asTheyLand, a);
        land(asTheyLand, CORRECTED);
        transformAndPublish(asTheyLand, a);

        Lake allAtOnce = TempLake.create(dir.resolve("b"));
        PgTarget b = TestPostgres.target("order_b");
        land(allAtOnce, CARDS);
        land(allAtOnce, RESULTS);
        land(allAtOnce, CORRECTED);
        transformAndPublish(allAtOnce, b);

        Lake correctedFirst = TempLake.create(dir.resolve("c"));
        PgTarget c = TestPostgres.target("order_c");
        land(correctedFirst, CORRECTED);
        transformAndPublish(correctedFirst, c);
        land(correctedFirst, CARDS);
        transformAndPublish(correctedFirst, c);

        // The week holds what the orders must agree on: disqualifications and dead heats.
        assertTrue(TestPostgres.scalar(a, "SELECT count(*) FROM order_a.ra_runners WHERE position_code = 'DSQ'") > 0);
        assertTrue(TestPostgres.scalar(a, "SELECT count(*) FROM order_a.ra_race_results WHERE is_dead_heat") > 0);

        for (String table : SILVER) {
            Set<String> first = silver(asTheyLand, table);
            assertTrue(!first.isEmpty(), table);
            assertEquals(first, silver(allAtOnce, table), "silver " + table + ": all landed before one transform");
            assertEquals(first, silver(correctedFirst, table), "silver " + table + ": the corrected result before the card");
        }
        for (PublishedTable t : PublishedTable.ALL.stream().filter(t -> t.lakeTable().startsWith("silver/")).toList()) {
            Set<String> first = postgres(a, t.pgTable(), BOOKKEEPING);
            assertEquals(first, postgres(b, t.pgTable(), BOOKKEEPING), t.pgTable() + ": all landed before one transform");
            assertEquals(first, postgres(c, t.pgTable(), BOOKKEEPING), t.pgTable() + ": the corrected result before the card");
        }
    }

    /** Every day of the week's answers of one kind, as the sandbox serves them on their day, into bronze. */
    static void land(Lake lake, Answers answers) {
        SandboxArchive archive = new SandboxArchive(SandboxConfig.DEFAULT_SEED, answers.servedOn());
        Instant at = answers.servedOn().atTime(8, 0).toInstant(ZoneOffset.UTC);
        List<Row> rows = new ArrayList<>();
        for (LocalDate d = FROM; !d.isAfter(TO); d = d.plusDays(1)) {
            boolean results = answers.endpoint().equals("results");
            String key = results ? "/v1/results?end_date=" + d + "&start_date=" + d : "/v1/racecards/pro?date=" + d;
            rows.add(Fixtures.answer(answers.endpoint(), key, d, results ? archive.results(d) : archive.racecards(d), at));
        }
        DeltaTables.upsert(SparkTestSession.get(), lake.apiResponses(), Fixtures.bronze(rows.toArray(Row[]::new)),
                List.of("endpoint", "request_key"), List.of());
    }

    static void transformAndPublish(Lake lake, PgTarget db) throws Exception {
        SparkSession spark = SparkTestSession.get();
        TransformReport report = new TransformJob(spark, lake, List.of("gb", "ire"), "t").run();
        assertTrue(report.invariantHolds(), report.render());
        new PublishJob(spark, lake, db, "p").run(false);
    }

    static Set<String> silver(Lake lake, String table) {
        Dataset<Row> rows = SparkTestSession.get().read().format("delta").load(lake.silver(table));
        for (String c : rows.columns()) {
            if (BOOKKEEPING.contains(c)) {
                rows = rows.drop(c);
            }
        }
        Set<String> out = new TreeSet<>();
        rows.collectAsList().forEach(r -> out.add(r.toString()));
        return out;
    }

    /** Every row of a Postgres table, as {@code column=value} text, without the {@code skipped} columns. */
    static Set<String> postgres(PgTarget db, String table, Set<String> skipped) throws Exception {
        Set<String> out = new TreeSet<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM " + db.schema() + "." + table)) {
            ResultSetMetaData m = rs.getMetaData();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= m.getColumnCount(); i++) {
                    if (!skipped.contains(m.getColumnName(i))) {
                        row.append(m.getColumnName(i)).append('=').append(rs.getString(i)).append(' ');
                    }
                }
                out.add(row.toString());
            }
        }
        return out;
    }
}
