package dev.furlong.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sixty sandbox days fetched and transformed, then silver {@code races}, {@code runners} and {@code race_results} compared with
 * the sandbox's truth export field by field: zero differences, and as many runners per race as the API served. The days hold
 * what the real feed does: stewards' reversals and disqualifications, dead heats, withdrawn ratings, joint and co-favourites,
 * non-runners with reasons, races without an off time or with an impossible date; and, injected, beaten distances as words.
 */
@Acceptance
class SandboxTruthTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 28);
    static final LocalDate FROM = TODAY.minusDays(60);
    static final LocalDate TO = TODAY.minusDays(1);

    @Test
    void silverEqualsWhatTheApiServed(@TempDir Path dir) throws Exception {
        SparkSession spark = SparkTestSession.get();
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults(TODAY).withRateLimits(false).withTextDistances(true), 0)) {
            Map<String, String> env = Map.of("RACING_API_USERNAME", "sandbox", "RACING_API_PASSWORD", "sandbox");
            String lake = dir.resolve("lake").toString();
            String[] common = {"--api-url", sandbox.baseUrl(), "--lake", lake, "--today", TODAY.toString(), "--historical-results", "-q"};
            assertEquals(0, Furlong.run(env, concat(new String[]{"fetch", "--from", FROM.toString(), "--to", TO.toString()}, common)));
            assertEquals(0, Furlong.run(env, concat(new String[]{"transform"}, common)));

            Map<String, Row> races = new HashMap<>();
            spark.read().format("delta").load(lake + "/silver/races").collectAsList().forEach(r -> races.put(r.getAs("race_id"), r));
            Map<String, Row> results = new HashMap<>();
            spark.read().format("delta").load(lake + "/silver/race_results").collectAsList().forEach(r -> results.put(r.getAs("race_id"), r));
            Map<String, Row> runners = new HashMap<>();
            spark.read().format("delta").load(lake + "/silver/runners").collectAsList()
                    .forEach(r -> runners.put(r.getAs("race_id") + "/" + r.getAs("horse_id"), r));

            List<String> differences = new ArrayList<>();
            long servedRunners = 0;
            long servedNonRunners = 0;
            List<SimRace> served = sandbox.truth(FROM, TO);
            // A race whose date cannot be read is quarantined in both sources, with its runners: nothing of it is in silver.
            List<SimRace> badDates = served.stream().filter(r -> !r.dateText().equals(r.date().toString())).toList();
            List<SimRace> truth = served.stream().filter(r -> r.dateText().equals(r.date().toString())).toList();
            for (SimRace race : badDates) {
                if (races.containsKey(race.raceId())) {
                    differences.add(race.raceId() + " has the date " + race.dateText() + " but is in silver");
                }
            }
            for (SimRace race : truth) {
                Row result = results.get(race.raceId());
                if (result == null) {
                    differences.add(race.raceId() + " result missing");
                } else {
                    compare(differences, race.raceId() + " result", result, expectedResult(race));
                }
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
                        compare(differences, race.raceId() + "/" + u.horse().id(), r, expectedOfRace(race, u));
                    }
                }
                for (SimRunner u : race.nonRunners()) {
                    servedNonRunners++;
                    Row r = runners.get(race.raceId() + "/" + u.horse().id());
                    if (r == null) {
                        differences.add(race.raceId() + "/" + u.horse().id() + " (non-runner) missing");
                    } else {
                        compare(differences, race.raceId() + "/" + u.horse().id(), r, expected(u, true));
                        compare(differences, race.raceId() + "/" + u.horse().id(), r, Map.of("non_runner_reason",
                                reasonOf(race.nonRunnersText(), u.horse().name())));
                    }
                }
            }
            assertTrue(truth.size() > 1000, "sixty days of racing: " + truth.size());
            assertFalse(badDates.isEmpty(), "the days hold a race with an impossible date");
            assertTrue(truth.stream().anyMatch(SimRace::disqualification), "and a disqualification");
            assertTrue(truth.stream().anyMatch(r -> !r.offKnown()), "and a race without an off time");
            assertTrue(results.values().stream().anyMatch(r -> r.<Boolean>getAs("is_dead_heat")), "and a dead heat");
            assertTrue(runners.values().stream().anyMatch(r -> "C".equals(r.getAs("favourite_kind"))), "and co-favourites");
            Dataset<Row> quarantine = spark.read().format("delta").load(lake + "/silver/quarantine");
            assertEquals(2L * badDates.size(), quarantine.where("reason = 'race without a readable date'").count(),
                    "each bad-date race, once in its result and once in its card");
            assertTrue(quarantine.where("entity = 'field' AND reason LIKE 'btn %'").count() > 0, "the injected 'nk' and 'dht'");
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

    /** The reason the result's non-runners text gives beside the horse's name: "Name (self certificate, colic)". */
    private static String reasonOf(String nonRunnersText, String name) {
        for (String item : nonRunnersText.split(",\\s*(?![^()]*\\))")) {
            if (item.startsWith(name + " (")) {
                return item.substring(name.length() + 2, item.length() - 1);
            }
        }
        return null;
    }

    /** A race's result: every horse placed first, by saddle-cloth number; the first of them is the winner. */
    private static Map<String, Object> expectedResult(SimRace race) {
        List<String> winners = race.runners().stream().filter(u -> u.position().equals("1"))
                .sorted(Comparator.comparingInt(u -> Integer.parseInt(u.number()))).map(u -> u.horse().id()).toList();
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("winner_horse_id", winners.isEmpty() ? null : winners.get(0));
        e.put("is_dead_heat", winners.size() > 1);
        e.put("starters", race.runners().size());
        return e;
    }

    /** What a runner's row says that depends on its race: each-way places (STATISTICS.md) and its favourite marker. */
    private static Map<String, Object> expectedOfRace(SimRace race, SimRunner u) {
        int starters = race.runners().size();
        boolean handicap = race.raceName().toLowerCase().contains("handicap");
        int places = starters < 5 ? 0 : starters < 8 ? 2 : handicap && starters >= 16 ? 4 : 3;
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("placed_ew", u.position().matches("\\d+") && Integer.parseInt(u.position()) <= places);
        String marker = u.sp().replaceAll(".*[0-9s]([FJC])$", "$1");
        e.put("favourite_kind", marker.length() == 1 ? marker : null);
        return e;
    }

    private static Map<String, Object> expected(SimRace race) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("race_date", race.date());
        e.put("course_id", race.course().id());
        // Shared columns take the result's value: its display name without the region ("Dundalk (IRE)" → "Dundalk").
        e.put("course_name", race.course().displayName().replace(" (IRE)", ""));
        e.put("region", race.course().regionCode());
        e.put("race_name", race.raceName());
        e.put("off_time", race.offKnown() ? race.off().toInstant() : null);
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
