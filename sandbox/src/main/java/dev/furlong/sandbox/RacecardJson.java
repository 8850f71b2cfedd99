package dev.furlong.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders the pre-race view of the world (racecards pro), horses and name searches as the API's JSON. What a card shows that
 * the result does not (pre-race ratings, form, odds, breeder...) is derived from the seed, so it is the same on every call.
 */
final class RacecardJson {

    private static final List<String> BOOKMAKERS = List.of("Bet365", "William Hill", "Paddy Power", "Betfair Sportsbook",
            "Coral", "Ladbrokes", "Sky Bet", "Betfred", "Unibet", "Betway");
    private static final Map<String, String> SEX_WORDS = Map.of("C", "colt", "F", "filly", "G", "gelding", "H", "horse",
            "M", "mare", "R", "rig");
    private static final DateTimeFormatter ODDS_UPDATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final SandboxWorld world;

    RacecardJson(SandboxWorld world) {
        this.world = world;
    }

    /**
     * The card as served on {@code today}. Two days ahead or more it still lists horses scratched before the day, and it has no
     * draw or field size yet: both are sent as the placeholder "0".
     */
    ObjectNode racecard(SimRace race, LocalDate today) {
        Rng r = Rng.of(world.seed(), Rng.CARD, race.raceId().hashCode());
        List<SimRunner> declared = race.declaredOn(today);
        boolean early = today.isBefore(race.date().minusDays(1));
        String currency = race.course().regionCode().equals("IRE") ? "€" : "£";
        String winnerPrize = race.runners().isEmpty() || race.runners().get(0).prize().isEmpty() ? ""
                : currency + String.format(Locale.UK, "%,d", Math.round(Double.parseDouble(race.runners().get(0).prize())));
        int hour = race.off().getHour() % 12 == 0 ? 12 : race.off().getHour() % 12;
        ObjectNode o = SandboxJson.JSON.createObjectNode();
        o.put("race_id", race.raceId())
                .put("course", race.course().allWeather() ? race.course().name() + " (AW)" : race.course().name())
                .put("course_id", race.course().id())
                .put("date", race.dateText())
                .put("off_time", hour + ":" + String.format("%02d", race.off().getMinute()))
                .put("off_dt", race.offKnown() ? SandboxJson.OFF_DT.format(race.off()) : "")
                .put("race_name", race.raceName())
                .put("distance_round", SandboxJson.distanceText(Math.round(race.distanceYards() / 220f) * 220))
                .put("distance", SandboxJson.distanceText(race.distanceYards()))
                .put("distance_f", String.format(Locale.ROOT, "%.1f", Math.round(race.distanceYards() / 110.0) / 2.0))
                .put("region", race.course().regionCode())
                .put("pattern", race.pattern())
                .put("sex_restriction", race.sexRestriction())
                .put("race_class", race.raceClass())
                .put("type", race.type())
                .put("age_band", race.ageBand())
                .put("rating_band", race.ratingBand())
                .put("prize", winnerPrize)
                .put("field_size", early ? "0" : Integer.toString(declared.size()))
                .put("going_detailed", race.surface().equals("AW") ? "" : race.going() + (r.chance(0.3) ? " (Good in places)" : ""))
                .put("rail_movements", r.chance(0.2) ? "Rail movements added 12yds to race distance" : "")
                .put("stalls", race.type().equals("Flat") ? r.pick(List.of("Inside", "Centre", "Outside")) : "")
                .put("weather", r.pick(List.of("", "Dry", "Overcast", "Light rain", "Sunny")))
                .put("going", race.going())
                .put("surface", race.surface())
                .put("jumps", race.jumps());
        ArrayNode runners = o.putArray("runners");
        for (SimRunner runner : declared) {
            runners.add(runner(race, runner, early));
        }
        o.put("big_race", !race.pattern().isEmpty())
                .put("is_abandoned", false)
                .put("tip", "")
                .put("verdict", "")
                .put("betting_forecast", bettingForecast(race));
        return o;
    }

    private ObjectNode runner(SimRace race, SimRunner u, boolean early) {
        SimHorse h = u.horse();
        Rng r = Rng.of(world.seed(), Rng.CARD, race.raceId().hashCode(), h.number());
        String sexCode = h.sexCodeAt(u.age());
        String claim = u.jockeyClaim() > 0 ? "(" + u.jockeyClaim() + ")" : "";
        int trainerNumber = Integer.parseInt(u.trainerId().substring(4));
        Rng trainer = Rng.of(world.seed(), Rng.CARD, trainerNumber, race.date().toEpochDay() / 14);
        int runs = trainer.between(4, 60);
        int wins = trainer.nextInt(runs / 3 + 1);
        boolean debut = r.chance(0.12);
        String rating = u.officialRating().equals("–") ? "-" : u.officialRating();
        ObjectNode o = SandboxJson.JSON.createObjectNode();
        o.put("horse_id", h.id())
                .put("horse", h.name())
                .put("dob", h.dob().toString())
                .put("age", Integer.toString(u.age()))
                .put("sex", SEX_WORDS.get(sexCode))
                .put("sex_code", sexCode)
                .put("colour", h.colour())
                .put("region", h.region())
                .put("breeder", world.population().breeder(h))
                .put("dam", u.dam().name())
                .put("dam_id", "dam_" + u.dam().number())
                .put("dam_region", u.dam().region())
                .put("sire", u.sire().name())
                .put("sire_id", "sir_" + u.sire().number())
                .put("sire_region", u.sire().region())
                .put("damsire", u.damsire().name())
                .put("damsire_id", "dsi_" + u.damsire().number())
                .put("damsire_region", u.damsire().region())
                .put("trainer", u.trainerName())
                .put("trainer_id", u.trainerId())
                .put("trainer_location", world.population().trainerLocation(trainerNumber));
        o.putObject("trainer_14_days").put("runs", Integer.toString(runs)).put("wins", Integer.toString(wins))
                .put("percent", Integer.toString(Math.round(100f * wins / runs)));
        o.put("owner", u.ownerName()).put("owner_id", u.ownerId());
        o.putArray("prev_trainers");
        o.putArray("prev_owners");
        o.put("comment", debut ? "Debutant" : r.pick(List.of("Consistent sort", "Needs to improve", "Back to form last time",
                "Yet to win over this trip", "Well handicapped")));
        o.put("spotlight", r.chance(0.6) ? h.name() + " " + r.pick(List.of("has solid claims.", "is one to note.",
                "may need the run.", "looks well placed.")) : "");
        o.putArray("quotes");
        o.putArray("stable_tour");
        o.putArray("medical");
        o.put("number", u.number())
                .put("draw", early && !u.draw().isEmpty() ? "0" : u.draw())
                .put("headgear", u.headgear())
                .put("headgear_run", u.headgear().isEmpty() ? "" : Integer.toString(r.between(1, 3)))
                .put("wind_surgery", "")
                .put("wind_surgery_run", "");
        ArrayNode flags = o.putArray("past_results_flags");
        if (!debut && r.chance(0.2)) {
            flags.add(r.pick(List.of("C", "D", "CD", "BF")));
        }
        o.put("lbs", Integer.toString(u.weightLbs()))
                .put("ofr", rating)
                .put("rpr", rating.equals("-") || r.chance(0.1) ? "-" : Integer.toString(Integer.parseInt(rating) + r.between(-5, 8)))
                .put("ts", rating.equals("-") || r.chance(0.2) ? "-" : Integer.toString(Math.max(1, Integer.parseInt(rating) - r.between(0, 20))))
                .put("jockey", u.jockeyName() + claim)
                .put("jockey_id", u.jockeyId())
                .put("silk_url", "https://silks.sandbox.invalid/svg/" + u.ownerId().substring(4) + ".svg")
                .put("last_run", debut ? "" : Integer.toString(r.between(7, 200)))
                .put("form", debut ? "" : form(r))
                .put("trainer_rtf", Integer.toString(r.between(20, 80)));
        ArrayNode odds = o.putArray("odds");
        if (!u.spDec().isEmpty()) {
            double sp = Double.parseDouble(u.spDec());
            String updated = ODDS_UPDATED.format(race.off().minusMinutes(r.between(5, 240)));
            int books = r.between(3, 6);
            for (int b = 0; b < books; b++) {
                double price = Math.max(1.01, 1 + (sp - 1) * (0.85 + r.nextDouble() * 0.3));
                ObjectNode q = odds.addObject();
                q.put("bookmaker", BOOKMAKERS.get((b + race.raceId().hashCode() & 0x7fffffff) % BOOKMAKERS.size()))
                        .put("fractional", fraction(price))
                        .put("decimal", String.format(Locale.ROOT, "%.2f", price))
                        .put("ew_places", race.runners().size() >= 8 ? "3" : "2")
                        .put("ew_denom", race.runners().size() >= 8 ? "5" : "4")
                        .put("updated", updated);
                q.putArray("history");
            }
        }
        return o;
    }

    private static String form(Rng r) {
        StringBuilder s = new StringBuilder();
        int runs = r.between(1, 6);
        for (int i = 0; i < runs; i++) {
            if (i == runs / 2 && r.chance(0.4)) {
                s.append('-');
            }
            s.append(r.pick(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "P", "F", "U")));
        }
        return s.toString();
    }

    /** A decimal price as the nearest simple fraction over 1, 2, 4, 5, 8 or 10. */
    private static String fraction(double decimal) {
        double odds = decimal - 1;
        int bestNum = 1;
        int bestDen = 1;
        double bestError = Double.MAX_VALUE;
        for (int den : new int[]{1, 2, 4, 5, 8, 10}) {
            int num = (int) Math.max(1, Math.round(odds * den));
            double error = Math.abs((double) num / den - odds);
            if (error < bestError - 1e-9) {
                bestError = error;
                bestNum = num;
                bestDen = den;
            }
        }
        return bestNum + "/" + bestDen;
    }

    private static String bettingForecast(SimRace race) {
        List<SimRunner> byPrice = race.runners().stream()
                .sorted((a, b) -> Double.compare(Double.parseDouble(a.spDec()), Double.parseDouble(b.spDec())))
                .limit(4).toList();
        return String.join(", ", byPrice.stream().map(u -> u.sp().replaceAll("[FJ]$", "").replace("Evens", "Evs") + " "
                + u.horse().name()).toList());
    }

    /** {@code /v1/horses/{id}/pro}. */
    ObjectNode horsePro(SimHorse h, LocalDate today) {
        String sexCode = h.sexCodeAt(today.getYear() - h.dob().getYear());
        SimHorse sire = world.population().horse(h.sireNumber());
        SimHorse dam = world.population().horse(h.damNumber());
        SimHorse damsire = world.population().horse(dam.sireNumber());
        ObjectNode o = SandboxJson.JSON.createObjectNode();
        return o.put("id", h.id()).put("breeder", world.population().breeder(h)).put("colour", h.colour())
                .put("colour_code", h.colour().toUpperCase(Locale.ROOT)).put("dam", dam.displayName()).put("dam_id", "dam_" + dam.number())
                .put("damsire", damsire.displayName()).put("damsire_id", "dsi_" + damsire.number()).put("dob", h.dob().toString())
                .put("name", h.displayName()).put("sex", SEX_WORDS.get(sexCode)).put("sex_code", sexCode)
                .put("sire", sire.displayName()).put("sire_id", "sir_" + sire.number());
    }

    /** {@code /v1/horses/{id}/standard}: the standard answer names the damsire without a region, as the real one does. */
    ObjectNode horseStandard(SimHorse h) {
        SimHorse sire = world.population().horse(h.sireNumber());
        SimHorse dam = world.population().horse(h.damNumber());
        SimHorse damsire = world.population().horse(dam.sireNumber());
        return SandboxJson.JSON.createObjectNode().put("id", h.id()).put("name", h.displayName()).put("sire", sire.displayName())
                .put("sire_id", "sir_" + sire.number()).put("dam", dam.displayName()).put("dam_id", "dam_" + dam.number())
                .put("damsire", damsire.name()).put("damsire_id", "dsi_" + damsire.number());
    }

    static ObjectNode search(List<Map.Entry<String, String>> hits) {
        ObjectNode o = SandboxJson.JSON.createObjectNode();
        ArrayNode results = o.putArray("search_results");
        hits.forEach(h -> results.addObject().put("id", h.getKey()).put("name", h.getValue()));
        return o;
    }
}
