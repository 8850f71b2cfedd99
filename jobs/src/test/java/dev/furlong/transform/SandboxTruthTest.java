package dev.furlong.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.furlong.cli.Furlong;
import dev.furlong.sandbox.SandboxConfig;
import dev.furlong.sandbox.SandboxServer;
import dev.furlong.sandbox.SimRace;
import dev.furlong.sandbox.SimRunner;
import dev.furlong.testing.Acceptance;
import dev.furlong.testing.SparkTestSession;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sixty sandbox days fetched and transformed, then silver {@code races} and {@code runners} compared with the sandbox's truth
 * export field by field: zero differences, and as many runners per race as the API served.
 */
@Acceptance
class SandboxTruthTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 28);
    static final LocalDate FROM = TODAY.minusDays(60);
    static final LocalDate TO = TODAY.minusDays(1);

    @Test
    void silverEqualsWhatTheApiServed(@TempDir Path dir) throws Exception {
        SparkSession spark = SparkTestSession.get();
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults(TODAY).withRateLimits(false), 0)) {
            Map<String, String> env = Map.of("RACING_API_USERNAME", "sandbox", "RACING_API_PASSWORD", "sandbox");
            String lake = dir.resolve("lake").toString();
            String[] common = {"--api-url", sandbox.baseUrl(), "--lake", lake, "--today", TODAY.toString(), "--historical-results", "-q"};
            assertEquals(0, Furlong.run(env, concat(new String[]{"fetch", "--from", FROM.toString(), "--to", TO.toString()}, common)));
            assertEquals(0, Furlong.run(env, concat(new String[]{"transform"}, common)));

            Map<String, Row> races = new HashMap<>();
            spark.read().format("delta").load(lake + "/silver/races").collectAsList().forEach(r -> races.put(r.getAs("race_id"), r));
            Map<String, Row> runners = new HashMap<>();
            spark.read().format("delta").load(lake + "/silver/runners").collectAsList()
                    .forEach(r -> runners.put(r.getAs("race_id") + "/" + r.getAs("horse_id"), r));

            List<String> differences = new ArrayList<>();
            long servedRunners = 0;
            long servedNonRunners = 0;
            List<SimRace> truth = sandbox.truth(FROM, TO);
            for (SimRace race : truth) {
                Row row = races.get(race.raceId());
                if (row == null) {
                    differences.add(race.raceId() + " missing");
                    continue;
                }
                compare(differences, race.raceId(), row, expected(race));
                for (SimRunner u : race.runners()) {
                    servedRunners++;
                    Row r = runners.get(race.raceId() + "/" + u.horse().id());
                    if (r == null) {
                        differences.add(race.raceId() + "/" + u.horse().id() + " missing");
                    } else {
                        compare(differences, race.raceId() + "/" + u.horse().id(), r, expected(u, false));
                    }
                }
                for (SimRunner u : race.nonRunners()) {
                    servedNonRunners++;
                    Row r = runners.get(race.raceId() + "/" + u.horse().id());
                    if (r == null) {
                        differences.add(race.raceId() + "/" + u.horse().id() + " (non-runner) missing");
                    } else {
                        compare(differences, race.raceId() + "/" + u.horse().id(), r, expected(u, true));
                    }
                }
            }
            assertTrue(truth.size() > 1000, "sixty days of racing: " + truth.size());
            assertEquals(List.of(), differences.subList(0, Math.min(20, differences.size())), differences.size() + " differences");
            assertEquals(truth.size(), races.size());
            assertEquals(servedRunners + servedNonRunners, runners.size());
            long ran = runners.values().stream().filter(r -> !r.<Boolean>getAs("is_non_runner")).count();
            assertEquals((double) servedRunners / truth.size(), (double) ran / races.size(), 1e-12, "runners per race");
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** What the API sends for "nothing": "", "-" or "–". */
    private static String text(String s) {
        return s == null || s.isBlank() || s.equals("-") || s.equals("–") ? null : s;
    }

    private static Integer integer(String s) {
        return text(s) == null ? null : Integer.valueOf(s);
    }

    private static Map<String, Object> expected(SimRace race) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("race_date", race.date());
        e.put("course_id", race.course().id());
        // Shared columns take the result's value: its display name without the region ("Dundalk (IRE)" → "Dundalk").
        e.put("course_name", race.course().displayName().replace(" (IRE)", ""));
        e.put("region", race.course().regionCode());
        e.put("race_name", race.raceName());
        e.put("off_time", race.off().toInstant());
        e.put("race_type", race.type().toLowerCase().replace(' ', '_'));
        e.put("race_class", integer(race.raceClass().replace("Class ", "")));
        e.put("is_handicap", race.raceName().toLowerCase().contains("handicap"));
        e.put("pattern", text(race.pattern()));
        e.put("rating_band", text(race.ratingBand()));
        e.put("age_band", text(race.ageBand()));
        e.put("sex_restriction", text(race.sexRestriction()));
        e.put("distance_yards", race.distanceYards());
        e.put("distance_metres", (int) Math.round(race.distanceYards() * 0.9144));
        e.put("going", text(race.going()));
        e.put("surface", text(race.surface()));
        e.put("jumps", text(race.jumps()));
        e.put("winning_time_text", text(race.winningTimeDetail()));
        e.put("non_runners_text", text(race.nonRunnersText()));
        e.put("result_comments", text(race.comments()));
        e.put("field_size", race.runners().size() + race.nonRunners().size());
        e.put("is_abandoned", race.runners().isEmpty());
        e.put("has_racecard", true);
        e.put("has_result", true);
        return e;
    }

    private static Map<String, Object> expected(SimRunner u, boolean nonRunner) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("horse_name", u.horse().name());
        e.put("horse_region", u.horse().region());
        e.put("number", integer(u.number()));
        e.put("draw", integer(u.draw()));
        e.put("age", u.age());
        e.put("sex_code", u.horse().sexCodeAt(u.age()));
        e.put("headgear", text(u.headgear()));
        e.put("weight_lbs", u.weightLbs());
        e.put("official_rating", integer(u.officialRating()));
        e.put("jockey_id", u.jockeyId());
        e.put("jockey_name", u.jockeyName());
        e.put("jockey_claim_lbs", u.jockeyClaim());
        e.put("trainer_id", u.trainerId());
        e.put("trainer_name", u.trainerName());
        e.put("owner_id", u.ownerId());
        e.put("owner_name", u.ownerName());
        e.put("sire_id", "sir_" + u.sire().number());
        e.put("dam_id", "dam_" + u.dam().number());
        e.put("damsire_id", "dsi_" + u.damsire().number());
        e.put("dob", u.horse().dob());
        e.put("colour", u.horse().colour());
        e.put("is_non_runner", nonRunner);
        if (!nonRunner) {
            e.put("position_code", u.position());
            e.put("position", u.position().matches("\\d+") ? Integer.valueOf(u.position()) : null);
            e.put("sp_decimal", Double.valueOf(u.spDec()));
            e.put("finishing_time_text", text(u.time()));
            e.put("prize_won", text(u.prize()) == null ? null : new BigDecimal(u.prize()).setScale(2));
            e.put("race_rpr", integer(u.rpr()));
            e.put("race_topspeed", integer(u.tsr()));
            e.put("in_running_comment", text(u.comment()));
            e.put("weight_st_lbs", u.weight());
        }
        return e;
    }

    private static void compare(List<String> differences, String key, Row row, Map<String, Object> expected) {
        expected.forEach((column, value) -> {
            Object actual = row.getAs(column);
            if (!Objects.equals(value, actual)) {
                differences.add(key + " " + column + ": served " + value + ", silver " + actual);
            }
        });
    }
}
