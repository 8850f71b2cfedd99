package dev.furlong.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A day of the sandbox world as the API would answer for it, without HTTP: the whole day's results and racecards as one page
 * each. For benchmarks that need years of answers in bronze faster than any fetch could land them.
 */
public final class SandboxArchive {

    private final SandboxWorld world;
    private final RacecardJson cards;
    private final LocalDate today;

    public SandboxArchive(long seed, LocalDate today) {
        this.world = new SandboxWorld(seed);
        this.cards = new RacecardJson(world);
        this.today = today;
    }

    public SandboxWorld world() {
        return world;
    }

    /** Every race of the day with its result as served today (corrections included), in one {@code /v1/results} page. */
    public String results(LocalDate date) {
        List<ObjectNode> items = new ArrayList<>();
        for (SimRace race : world.racesOn(date)) {
            items.add(SandboxJson.result(race.asServedOn(today)));
        }
        return page("results", items, date);
    }

    /** Every race of the day as its card, in one {@code /v1/racecards/pro} page. */
    public String racecards(LocalDate date) {
        List<ObjectNode> items = new ArrayList<>();
        for (SimRace race : world.racesOn(date)) {
            items.add(cards.racecard(race, today));
        }
        return page("racecards", items, date);
    }

    private static String page(String field, List<ObjectNode> items, LocalDate date) {
        return SandboxJson.write(SandboxJson.page(field, items, items.size(), Math.max(1, items.size()), 0,
                List.of(Map.entry("date", date.toString()))));
    }
}
