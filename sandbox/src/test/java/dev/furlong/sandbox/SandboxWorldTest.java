package dev.furlong.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SandboxWorldTest {

    private final SandboxWorld world = new SandboxWorld(SandboxConfig.DEFAULT_SEED);

    @Test
    void noRacingOnChristmasDay() {
        assertEquals(List.of(), world.racesOn(LocalDate.of(2024, 12, 25)));
    }

    @Test
    void aDayIsTheSameWhicheverDaysWereGeneratedBefore() {
        LocalDate day = LocalDate.of(2019, 6, 15);
        List<SimRace> first = world.racesOn(day);
        world.racesOn(day.minusDays(1));
        assertEquals(first, new SandboxWorld(SandboxConfig.DEFAULT_SEED).racesOn(day));
    }

    @Test
    void aHorseIsTheSameAnimalEveryTimeItRunsAndItsPedigreeIsHorsesToo() {
        SimHorse h = world.racesOn(LocalDate.of(2022, 3, 5)).get(0).runners().get(0).horse();
        assertEquals(h, world.population().horse(h.number()));
        SimHorse sire = world.population().horse(h.sireNumber());
        SimHorse dam = world.population().horse(h.damNumber());
        assertTrue(!sire.female() && dam.female());
        assertTrue(sire.dob().isBefore(h.dob()) && dam.dob().isBefore(h.dob()));
    }

    @Test
    void aSimulatedYearLooksLikeRealRacing() {
        int days = 0, races = 0, runners = 0, favouriteWins = 0, raceIds = 0;
        double overroundSum = 0;
        Set<String> ids = new HashSet<>();
        java.util.Map<String, Integer> runsPerHorse = new java.util.HashMap<>();
        for (LocalDate d = LocalDate.of(2023, 1, 1); d.isBefore(LocalDate.of(2024, 1, 1)); d = d.plusDays(1)) {
            days++;
            for (SimRace race : world.racesOn(d)) {
                races++;
                ids.add(race.raceId());
                runners += race.runners().size();
                race.runners().forEach(r -> runsPerHorse.merge(r.horse().id(), 1, Integer::sum));
                double book = 0;
                for (SimRunner r : race.runners()) {
                    book += 1 / Double.parseDouble(r.spDec());
                }
                overroundSum += book;
                if (race.runners().get(0).sp().matches(".*[0-9s][FJ]$")) {
                    favouriteWins++;
                }
                assertTrue(book >= 1.05 && book <= 1.40, race.raceId() + ": its SPs imply a book of " + book);
            }
        }
        raceIds = ids.size();
        double perDay = (double) races / days;
        double perRace = (double) runners / races;
        double favourites = (double) favouriteWins / races;
        double overround = overroundSum / races;
        double runsPerYear = (double) runners / runsPerHorse.size();
        System.out.printf("simulated year: %.1f races/day, %.2f runners/race, favourites won %.3f, overround %.3f, "
                + "%d horses ran %.1f times each%n", perDay, perRace, favourites, overround, runsPerHorse.size(), runsPerYear);
        assertTrue(runsPerYear > 2 && runsPerYear < 10, "runs per horse per year " + runsPerYear);
        assertEquals(races, raceIds, "race ids are unique");
        assertTrue(perDay > 30 && perDay < 50, "races per day " + perDay);
        assertTrue(perRace > 8 && perRace < 12, "runners per race " + perRace);
        assertTrue(favourites > 0.25 && favourites < 0.42, "favourites won " + favourites);
        assertTrue(overround > 1.05 && overround < 1.40, "average overround " + overround);
    }
}
