package dev.furlong.sandbox;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One race of the programme simulated from the seed: its conditions, the horses entered and what the card declares of them,
 * the finishing order drawn from their chances (with SPs priced from the same chances), non-runners, and the tote.
 */
final class RaceSimulation {

    private static final String[] HEADGEAR = {"p", "h", "b", "v", "t", "tp", "ht", "bt"};

    private final long seed;
    private final Population population;

    RaceSimulation(long seed, Population population) {
        this.seed = seed;
        this.population = population;
    }

    /** Where and when a race of the day is run, and its place in its meeting. */
    record Slot(SimCourse course, boolean jumps, LocalTime off, int indexInMeeting, int racesInMeeting) {
    }

    /**
     * The race run in {@code slot}, the {@code indexInDay}-th of its day (which {@code raceId} encodes): its conditions, field,
     * non-runners, result and tote. {@code runningToday} holds the horses already entered elsewhere that day, and gains this
     * race's.
     */
    SimRace race(String raceId, LocalDate date, int indexInDay, Slot slot, Set<Long> runningToday, boolean summer) {
        Rng r = Rng.of(seed, Rng.RACE, date.toEpochDay(), indexInDay);
        SimCourse course = slot.course();
        boolean ire = course.regionCode().equals("IRE");
        ZoneId zone = ZoneId.of(ire ? "Europe/Dublin" : "Europe/London");
        ZonedDateTime off = ZonedDateTime.of(date, slot.off(), zone);

        String type;
        if (!slot.jumps()) {
            type = "Flat";
        } else if (slot.indexInMeeting() == slot.racesInMeeting() - 1 && r.chance(0.6)) {
            type = "NH Flat";
        } else {
            type = r.chance(0.55) ? "Hurdle" : "Chase";
        }
        boolean flat = type.equals("Flat");
        boolean handicap = !type.equals("NH Flat") && r.chance(0.55);
        int classNo = flat ? 1 + r.weighted(3, 5, 8, 18, 25, 20, 6) : 1 + r.weighted(3, 6, 12, 30, 25);
        String raceClass = ire ? "" : "Class " + classNo;
        String pattern = "";
        if (classNo == 1 && !handicap) {
            pattern = flat ? new String[]{"Group 1", "Group 2", "Group 3", "Listed"}[r.nextInt(4)]
                    : new String[]{"Grade 1", "Grade 2", "Grade 3", "Listed"}[r.nextInt(4)];
        }
        int bandTop = flat ? new int[]{0, 0, 105, 95, 85, 75, 65, 55}[classNo] : new int[]{0, 0, 150, 140, 120, 100, 85}[Math.min(classNo, 6)];
        String ratingBand = handicap && bandTop > 0 ? "0-" + bandTop : "";
        String ageBand;
        if (flat) {
            ageBand = summer && r.chance(0.25) ? "2yo" : r.pick(List.of("3yo", "3yo+", "3yo+", "4yo+"));
        } else {
            ageBand = r.chance(0.7) ? "4yo+" : "5yo+";
        }
        String sexRestriction = flat && r.chance(0.12) ? "F" : "";

        int yards = switch (type) {
            case "Flat" -> 220 * r.between(5, 16) + (r.chance(0.3) ? r.between(1, 200) : 0);
            case "Hurdle" -> 220 * r.between(16, 25) + (r.chance(0.4) ? r.between(1, 200) : 0);
            case "Chase" -> 220 * r.between(16, 30) + (r.chance(0.4) ? r.between(1, 200) : 0);
            default -> 220 * r.between(13, 17) + (r.chance(0.3) ? r.between(1, 200) : 0);
        };
        boolean aw = course.allWeather() && flat;
        String surface = aw ? "AW" : "Turf";
        String going = RaceConditions.going(Rng.of(seed, Rng.DAY, date.toEpochDay(), course.id().hashCode()), aw, summer);
        String jumps = switch (type) {
            case "Hurdle" -> Math.max(6, yards / 440) + " hurdles";
            case "Chase" -> Math.max(10, yards / 330) + " fences";
            default -> "";
        };
        String raceName = RaceConditions.raceName(r, type, handicap, classNo, pattern, sexRestriction, ageBand);

        double mean = switch (type) {
            case "Flat" -> 10.8;
            case "Hurdle" -> 9.8;
            case "Chase" -> 8.2;
            default -> 11.0;
        };
        int fieldSize = (int) Math.max(2, Math.min(20, Math.round(mean + r.gaussian() * 3.4)));
        int nonRunnerCount = fieldSize > 4 && r.chance(0.45) ? r.between(1, 2) : 0;

        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < fieldSize + nonRunnerCount; i++) {
            int age = RaceConditions.ageFor(r, ageBand, flat);
            long number;
            int tries = 0;
            do {
                // Flat horses have even indices, jumpers odd: each keeps to its code and runs a plausible number of times.
                number = Population.horseNumber(date.getYear() - age, 2 * r.nextInt(Population.CROP / 2) + (flat ? 0 : 1));
            } while (!runningToday.add(number) && ++tries < 20);
            entries.add(new Entry(population.horse(number), age, r.gaussian()));
        }
        Declared declared = declare(r, entries, handicap, classNo, flat);
        List<SimRunner> result = result(r, date, course, type, handicap, classNo, yards, going, entries.subList(0, fieldSize),
                declared, flat);
        List<SimRunner> nonRunners = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (int i = fieldSize; i < entries.size(); i++) {
            nonRunners.add(runner(r, date, entries.get(i), declared, i, "", "", "", null, null, 0, 0, "", "", flat));
            reasons.add(entries.get(i).horse().name() + " (" + r.pick(List.of("self certificate, coughing", "vet certificate, lame",
                    "going", "self certificate, colic", "not eating up", "vet certificate, bruised foot")) + ")");
        }
        // A second non-runner is, one race in three, scratched days before: on the early cards only, not named by the result.
        List<SimRunner> scratched = nonRunners.size() == 2 && Math.floorMod(raceId.hashCode(), 3) == 0
                ? List.of(nonRunners.remove(1)) : List.of();
        String nonRunnersText = String.join(", ", reasons.subList(0, nonRunners.size()));
        boolean stewardsEnquiry = result.size() > 2 && r.chance(0.02);

        String currency = ire ? "€" : "£";
        SimRunner winner = result.get(0);
        double winDec = Double.parseDouble(winner.spDec());
        String toteWin = currency + ApiFormat.money(winDec * (0.8 + r.nextDouble() * 0.5));
        int placed = fieldSize >= 8 ? 3 : Math.min(2, fieldSize);
        List<String> places = new ArrayList<>();
        for (int i = 0; i < placed; i++) {
            double d = Double.parseDouble(result.get(i).spDec());
            places.add(currency + ApiFormat.money(1 + (d - 1) / 4.5 * (0.8 + r.nextDouble() * 0.4)));
        }
        double second = fieldSize > 1 ? Double.parseDouble(result.get(1).spDec()) : 1;
        double third = fieldSize > 2 ? Double.parseDouble(result.get(2).spDec()) : 1;
        String exacta = fieldSize > 1 ? currency + ApiFormat.money(winDec * second * (0.6 + r.nextDouble() * 0.5)) : "";
        String csf = fieldSize > 1 ? currency + ApiFormat.money(winDec * second * 0.55) : "";
        String tricast = handicap && fieldSize >= 8 ? currency + ApiFormat.money(winDec * second * third * 0.5) : "";
        String trifecta = fieldSize > 2 ? currency + ApiFormat.money(winDec * second * third * (0.5 + r.nextDouble() * 0.6)) : "";

        double winnerSeconds = ApiFormat.parseTime(winner.time());
        double standard = yards / (RaceConditions.baseSpeed(type) * 1.01);
        double diff = winnerSeconds - standard;
        String detail = ApiFormat.formatLongTime(winnerSeconds) + (Math.abs(diff) < 0.005 ? " (standard time)"
                : String.format(Locale.ROOT, " (%s by %.2fs)", diff > 0 ? "slow" : "fast", Math.abs(diff)));

        return new SimRace(raceId, date, course, off, raceName, type, raceClass, pattern, ratingBand, ageBand, sexRestriction,
                yards, going, surface, jumps, List.copyOf(result), List.copyOf(nonRunners), detail, "", nonRunnersText, toteWin,
                String.join(" ", places), exacta, csf, tricast, trifecta, stewardsEnquiry, scratched);
    }

    private record Entry(SimHorse horse, int age, double form) {
    }

    /** What the card says of every declared horse: weight carried, official rating, saddle-cloth number, stall. */
    private record Declared(int[] weights, String[] ratings, int[] cloth, int[] draws) {
    }

    private Declared declare(Rng r, List<Entry> entries, boolean handicap, int classNo, boolean flat) {
        int n = entries.size();
        int[] weights = new int[n];
        String[] ratings = new String[n];
        for (int i = 0; i < n; i++) {
            Entry e = entries.get(i);
            int rating = (int) Math.round((flat ? 70 : 115) - (flat ? 3 : 6) * (classNo - 4) + e.form() * 9 + r.gaussian() * 3);
            ratings[i] = handicap || r.chance(0.5) ? Integer.toString(Math.max(0, rating)) : "–";
            int base = flat ? 126 : 154;
            weights[i] = Math.max(flat ? 112 : 140, Math.min(flat ? 140 : 168, base + (handicap ? rating - (flat ? 70 : 115) : r.between(-4, 4))));
        }
        // Saddle-cloth numbers by weight (top weight first), as racecards print them; non-runners keep theirs.
        Integer[] byWeight = new Integer[n];
        for (int i = 0; i < n; i++) {
            byWeight[i] = i;
        }
        java.util.Arrays.sort(byWeight, (a, b) -> weights[b] != weights[a] ? weights[b] - weights[a] : a - b);
        int[] cloth = new int[n];
        for (int k = 0; k < n; k++) {
            cloth[byWeight[k]] = k + 1;
        }
        List<Integer> stalls = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            stalls.add(i);
        }
        for (int i = n - 1; i > 0; i--) {
            Collections.swap(stalls, i, r.nextInt(i + 1));
        }
        int[] draws = new int[n];
        for (int i = 0; i < n; i++) {
            draws[i] = stalls.get(i);
        }
        return new Declared(weights, ratings, cloth, draws);
    }

    private List<SimRunner> result(Rng r, LocalDate date, SimCourse course, String type, boolean handicap, int classNo,
                                   int yards, String going, List<Entry> runners, Declared declared, boolean flat) {
        int n = runners.size();
        // True chances: a Plackett-Luce model on ability. SPs are these chances with the bookmakers' margin on top, so the
        // favourite wins about a third of races, as in real racing.
        double[] weight = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            weight[i] = Math.exp(runners.get(i).form() * 1.05);
            total += weight[i];
        }
        double overround = Math.min(1.30, 1.04 + 0.011 * n + r.nextDouble() * 0.03);
        String[] sp = new String[n];
        double[] spDec = new double[n];
        // A hot favourite pinned at the shortest ladder price can leave the book under 1.05: widen the margin until it is not.
        for (double book = 0; book < 1.05; overround += 1.06 - book) {
            book = 0;
            for (int i = 0; i < n; i++) {
                double fairDecimal = total / (weight[i] * overround);
                sp[i] = ApiFormat.nearestFraction(fairDecimal - 1);
                spDec[i] = ApiFormat.fractionValue(sp[i]) + 1;
                book += 1 / spDec[i];
            }
        }
        double shortest = Double.MAX_VALUE;
        for (double d : spDec) {
            shortest = Math.min(shortest, d);
        }
        int favourites = 0;
        for (double d : spDec) {
            favourites += d == shortest ? 1 : 0;
        }

        // Non-finishers (jumps only), then the finishing order drawn from the true chances.
        List<Integer> finishers = new ArrayList<>();
        List<Integer> fallers = new ArrayList<>();
        double fallRate = type.equals("Chase") ? 0.09 : type.equals("Hurdle") ? 0.05 : 0;
        for (int i = 0; i < n; i++) {
            (r.chance(fallRate) ? fallers : finishers).add(i);
        }
        if (finishers.isEmpty()) {
            finishers.add(fallers.remove(0));
        }
        List<Integer> order = new ArrayList<>();
        List<Integer> pool = new ArrayList<>(finishers);
        while (!pool.isEmpty()) {
            double sum = 0;
            for (int i : pool) {
                sum += weight[i];
            }
            double x = r.nextDouble() * sum;
            int chosen = pool.get(pool.size() - 1);
            for (int i : pool) {
                x -= weight[i];
                if (x < 0) {
                    chosen = i;
                    break;
                }
            }
            order.add(chosen);
            pool.remove(Integer.valueOf(chosen));
        }
        boolean deadHeat = order.size() > 2 && r.chance(0.015);

        double speed = RaceConditions.baseSpeed(type) * RaceConditions.goingFactor(going) * (1 + r.gaussian() * 0.012);
        double winnerSeconds = yards / speed;
        double prizeFund = new double[]{0, 60_000, 30_000, 15_000, 8_000, 5_000, 3_500, 2_500}[classNo] * (0.8 + r.nextDouble() * 0.5);
        double[] prizeShares = {0.55, 0.2, 0.1, 0.05, 0.03, 0.02};
        int paidPlaces = n >= 8 ? 6 : n >= 5 ? 4 : 3;

        List<SimRunner> out = new ArrayList<>(n);
        double behind = 0;
        for (int place = 0; place < order.size(); place++) {
            int i = order.get(place);
            double btn = 0;
            if (place > 0 && !(deadHeat && place == 1)) {
                btn = RaceConditions.lengths(r);
            }
            behind += btn;
            String position = Integer.toString(deadHeat && place == 1 ? 1 : place + 1);
            double seconds = winnerSeconds + behind * (flat ? 0.17 : 0.2);
            String prize = place < paidPlaces ? ApiFormat.money(prizeFund * prizeShares[place]) : "";
            out.add(runner(r, date, runners.get(i), declared, i, position, place == 0 ? "0" : ApiFormat.formatLengths(btn),
                    place == 0 ? "0" : ApiFormat.formatLengths(behind), sp, spDec, shortest, favourites, ApiFormat.formatTime(seconds), prize, flat));
        }
        for (int i : fallers) {
            String code = type.equals("Chase") ? new String[]{"F", "PU", "UR"}[r.weighted(40, 45, 15)]
                    : new String[]{"PU", "F", "UR"}[r.weighted(70, 20, 10)];
            out.add(runner(r, date, runners.get(i), declared, i, code, "-", "-", sp, spDec, shortest, favourites, "-", "", flat));
        }
        return out;
    }

    /** A declared horse; {@code sp} is null for a non-runner, which has no price, position or time. */
    private SimRunner runner(Rng r, LocalDate date, Entry e, Declared declared, int i, String position, String btn,
                             String ovrBtn, String[] sp, double[] spDec, double shortest, int favourites, String time,
                             String prize, boolean flat) {
        SimHorse h = e.horse();
        boolean ran = sp != null;
        boolean finished = ran && Character.isDigit(position.charAt(0));
        String spText = "";
        String spDecText = "";
        if (ran) {
            spText = sp[i].equals("1/1") ? "Evens" : sp[i];
            if (spDec[i] == shortest) {
                // Two sharing favouritism are joint favourites, three or more co-favourites.
                spText += favourites > 2 ? "C" : favourites > 1 ? "J" : "F";
            }
            spDecText = String.format(Locale.ROOT, "%.2f", spDec[i]);
        }
        int weightLbs = declared.weights()[i];
        String rating = declared.ratings()[i];
        Rng people = population.connections(h, date);
        int trainer = people.nextInt(Population.TRAINERS);
        int owner = people.nextInt(Population.OWNERS);
        int jockey = (flat ? 0 : 200) + r.nextInt(flat ? 180 : 160);
        int claim = jockey % 7 == 0 ? new int[]{3, 5, 7}[jockey % 3] : 0;
        SimHorse sire = population.horse(h.sireNumber());
        SimHorse dam = population.horse(h.damNumber());
        SimHorse damsire = population.horse(dam.sireNumber());
        String rpr = finished && r.chance(0.85) ? Integer.toString(Math.max(1, ApiFormat.parseOr(rating, flat ? 70 : 115) + r.between(-12, 6))) : "–";
        String tsr = finished && r.chance(0.75) ? Integer.toString(Math.max(1, ApiFormat.parseOr(rating, flat ? 70 : 115) + r.between(-25, 0))) : "–";
        String comment = finished
                ? r.pick(List.of("Prominent - led over 1f out - kept on well", "Held up - headway 2f out - kept on",
                "Chased leaders - ridden over 2f out - one pace", "In touch - outpaced final 2f", "Led - headed final furlong - no extra",
                "Towards rear - never a threat", "Mid-division - stayed on final furlong"))
                : switch (position) {
            case "" -> "";
            case "F" -> "Fell";
            case "UR" -> "Unseated rider";
            default -> "Behind - pulled up before last";
        };
        String draw = flat ? Integer.toString(declared.draws()[i]) : "";
        return new SimRunner(h, e.age(), Integer.toString(declared.cloth()[i]), draw, position, btn, ovrBtn, spText,
                spDecText, weightLbs / 14 + "-" + weightLbs % 14, weightLbs,
                r.chance(0.7) ? "" : r.pick(List.of(HEADGEAR)), time, rating, rpr, tsr, prize,
                "jky_" + (250_000 + jockey), population.jockeyName(jockey), claim, "trn_" + (100_000 + trainer), population.trainerName(trainer),
                "own_" + (500_000 + owner), population.ownerName(owner), sire, dam, damsire, comment);
    }
}
