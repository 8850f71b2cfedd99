package dev.furlong.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.File;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The schedule file and "what is due", on worked examples in Europe/London. */
class ScheduleTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");

    static Schedule repositorySchedule() {
        return Schedule.from(ConfigFactory.parseFile(new File("../conf/furlong.conf")).resolve().getConfig("furlong"));
    }

    static ZonedDateTime at(String t) {
        return LocalDateTime.parse(t).atZone(LONDON);
    }

    static Instant instant(String t) {
        return at(t).toInstant();
    }

    @Test
    void theRepositorysScheduleHasEveryCadence() {
        Schedule s = repositorySchedule();
        assertEquals(LONDON, s.zone());
        Map<String, String> cron = new java.util.TreeMap<>();
        s.entries().forEach(e -> cron.put(e.name(), e.cron() + " | " + e.command()));
        assertEquals(Map.of(
                "transactions", "0 6,10,14,18,22 * * * | sync --scope transactions",
                "live", "*/15 11-21 * * * | sync --scope live",
                "horses", "0 13 * * * | sync --scope horses",
                "people", "0 13 * * 0 | sync --scope people",
                "static", "0 13 1 * * | sync --scope static",
                "amendments", "0 4 * * 1 | sync --scope amendments",
                "statistics", "30 2 * * * | stats --profile standard --publish",
                "statistics-weekly", "30 3 * * 0 | stats --profile high_quality --publish",
                "maintain", "0 5 * * 0 | maintain"), cron);
        assertEquals(s, SettingsLoader.load(new SettingsLoader.Overrides(null, null, null, null, null, null, null, null, null, null,
                false, 0), Map.of()).schedule(), "the jar's built-in schedule is the repository's");
    }

    @Test
    void aRunIsDueWhenOneOfItsTimesHasPassedSinceItLastSucceeded() {
        Schedule.Entry transactions = new Schedule.Entry("transactions", "0 6,10,14,18,22 * * *", "sync --scope transactions");
        Instant ranAtSix = instant("2026-11-28T06:00:40");
        assertTrue(transactions.dueAt(at("2026-11-28T09:00"), null), "never run: due");
        assertFalse(transactions.dueAt(at("2026-11-28T09:59"), ranAtSix));
        assertTrue(transactions.dueAt(at("2026-11-28T10:00"), ranAtSix), "10:00 has come");
        assertTrue(transactions.dueAt(at("2026-11-28T23:30"), ranAtSix), "14, 18 and 22 missed: one run catches up");
        assertFalse(transactions.dueAt(at("2026-11-28T10:05"), instant("2026-11-28T10:01")));
    }

    @Test
    void liveRunsEveryQuarterHourFromElevenAndNotOvernight() {
        Schedule.Entry live = new Schedule.Entry("live", "*/15 11-21 * * *", "sync --scope live");
        Instant lastEvening = instant("2026-11-27T21:45:10");
        assertFalse(live.dueAt(at("2026-11-28T10:59"), lastEvening));
        assertTrue(live.dueAt(at("2026-11-28T11:00"), lastEvening));
        assertEquals(Optional.of(at("2026-11-28T11:15")), live.nextTimeAfter(at("2026-11-28T11:00")));
        assertEquals(Optional.of(at("2026-11-29T11:00")), live.nextTimeAfter(at("2026-11-28T21:45")));
    }

    @Test
    void dueListsTheRunsOfOneCommandByTheScopeTheyRecord() {
        Schedule s = repositorySchedule();
        // Saturday 28 November 2026, 13:05: horses (13:00 daily) is due; transactions ran at 10:00; static ran on the 1st.
        Map<String, Instant> last = Map.of(
                "transactions", instant("2026-11-28T10:00:05"),
                "live", instant("2026-11-28T13:00:02"),
                "horses", instant("2026-11-27T13:00:03"),
                "people", instant("2026-11-22T13:00:00"),
                "static", instant("2026-11-01T13:00:00"),
                "amendments", instant("2026-11-23T04:00:00"));
        assertEquals(List.of("horses"), s.due("sync", at("2026-11-28T13:05"), last).stream().map(Schedule.Entry::name).toList());
        assertEquals(List.of("horses", "people", "transactions"),
                s.due("sync", at("2026-11-29T14:00"), last).stream().map(Schedule.Entry::name).filter(n -> !n.equals("live")).toList());
        assertEquals(List.of("statistics", "statistics-weekly"), s.due("stats", at("2026-11-29T04:00"), Map.of()).stream()
                .map(Schedule.Entry::name).toList());
        assertEquals(Optional.of("high_quality"), s.entries().stream().filter(e -> e.name().equals("statistics-weekly")).findFirst()
                .flatMap(Schedule.Entry::scope));
    }

    @Test
    void aBadCronOrZoneIsAClearError() {
        assertTrue(assertThrows(InvalidSettingException.class, () -> new Schedule.Entry("live", "every 15 minutes", "sync --scope live"))
                .getMessage().contains("run 'live' has a bad cron expression 'every 15 minutes'"));
        assertTrue(assertThrows(InvalidSettingException.class, () -> Schedule.from(ConfigFactory.parseString(
                "schedule { zone = \"Mars/Olympus\", runs {} }"))).getMessage().contains("unknown time zone 'Mars/Olympus'"));
    }
}
