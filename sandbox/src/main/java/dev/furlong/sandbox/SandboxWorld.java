package dev.furlong.sandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sandbox's racing world, generated from a seed. Nothing is stored: a day's card and results are derived from the seed
 * and the date, and a horse from the seed and its number, so any day can be served without generating the days before it.
 */
public final class SandboxWorld {

    /** Regions the API lists; only GB and IRE have courses in the sandbox. */
    public static final List<String[]> REGIONS = List.of(
            new String[]{"Great Britain", "gb"}, new String[]{"Ireland", "ire"}, new String[]{"France", "fr"},
            new String[]{"USA", "usa"}, new String[]{"Australia", "aus"}, new String[]{"Germany", "ger"});

    private static final long SALT_DAY = 1, SALT_HORSE = 2, SALT_RACE = 3, SALT_PEOPLE = 4, SALT_NAME = 5;
    private static final int EPOCH_2000 = 10_957;
    /** Active horses per foal crop, half aimed at the flat and half at jumps. */
    private static final int CROP = 6_000;
    private static final int DAM_BASE = 50_000, SIRE_BASE = 90_000;
    private static final String[] COLOURS = {"b", "br", "ch", "gr", "bl", "b/br", "gr/ro"};
    private static final String[] HEADGEAR = {"p", "h", "b", "v", "t", "tp", "ht", "bt"};

    private final long seed;
    private final List<SimCourse> courses;

    public SandboxWorld(long seed) {
        this.seed = seed;
        this.courses = loadCourses();
    }

    public long seed() {
        return seed;
    }

    public List<SimCourse> courses() {
        return courses;
    }

    private static List<SimCourse> loadCourses() {
        List<SimCourse> list = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                SandboxWorld.class.getResourceAsStream("courses.csv"), StandardCharsets.UTF_8))) {
            String line;
            int i = 0;
            while ((line = in.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(",");
                list.add(new SimCourse("crs_" + (1_000 + 37 * i++), f[0], f[1], f[2], f[3].equals("yes")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(list);
    }

    // ---------------------------------------------------------------- horses

    static long horseNumber(int birthYear, int index) {
        return 10_000_000L + (birthYear - 1900) * 100_000L + index;
    }

    /** The horse with this number; every attribute is a function of the seed and the number. */
    public SimHorse horse(long number) {
        int birthYear = (int) ((number - 10_000_000L) / 100_000L) + 1900;
        int index = (int) (number % 100_000L);
        Rng r = Rng.of(seed, SALT_HORSE, number);
        boolean female = index >= SIRE_BASE ? false : index >= DAM_BASE || r.chance(0.45);
        boolean gelded = !female && index < DAM_BASE && r.chance(index % 2 == 1 ? 0.85 : 0.4);
        LocalDate dob = LocalDate.of(birthYear, 1, 15).plusDays(r.nextInt(140));
        String colour = COLOURS[r.weighted(45, 15, 20, 10, 2, 6, 2)];
        String region = switch (r.weighted(55, 33, 7, 5)) {
            case 0 -> "GB";
            case 1 -> "IRE";
            case 2 -> "FR";
            default -> "USA";
        };
        long sire = horseNumber(birthYear - 4 - r.nextInt(18), SIRE_BASE + r.nextInt(60));
        long dam = horseNumber(birthYear - 3 - r.nextInt(14), DAM_BASE + r.nextInt(40_000));
        String name = Names.horse(Rng.of(seed, SALT_NAME, number));
        return new SimHorse(number, name, region, female, gelded, dob, colour, sire, dam);
    }

    /** The horse behind an id ({@code hrs_N}, also {@code sir_N}, {@code dam_N}, {@code dsi_N}); empty when no such horse. */
    public Optional<SimHorse> horseById(String id, LocalDate today) {
        Matcher m = Pattern.compile("(?:hrs|sir|dam|dsi)_(\\d{8})").matcher(id);
        if (!m.matches()) {
            return Optional.empty();
        }
        long number = Long.parseLong(m.group(1));
        int birthYear = (int) ((number - 10_000_000L) / 100_000L) + 1900;
        return birthYear < 1940 || birthYear > today.getYear() ? Optional.empty() : Optional.of(horse(number));
    }

    /** The race behind a race id, whichever day it was run on; empty when there is no such race. */
    public Optional<SimRace> raceById(String raceId) {
        Matcher m = Pattern.compile("rac_(\\d{8})").matcher(raceId);
        if (!m.matches()) {
            return Optional.empty();
        }
        long offset = Long.parseLong(m.group(1)) - 10_000_000L;
        if (offset < 0) {
            return Optional.empty();
        }
        List<SimRace> day = racesOn(LocalDate.ofEpochDay(offset / 128 + EPOCH_2000));
        int index = (int) (offset % 128);
        return index < day.size() ? Optional.of(day.get(index)) : Optional.empty();
    }

    // ---------------------------------------------------------------- the programme

    /** Every race run on a date, in off-time order, with results. Empty on Christmas Eve and Christmas Day. */
    public List<SimRace> racesOn(LocalDate date) {
        if (date.getMonthValue() == 12 && (date.getDayOfMonth() == 24 || date.getDayOfMonth() == 25)) {
            return List.of();
        }
        Rng r = Rng.of(seed, SALT_DAY, date.toEpochDay());
        int month = date.getMonthValue();
        boolean summer = month >= 4 && month <= 9;
        boolean midwinter = month == 12 || month <= 2;
        int meetings = switch (date.getDayOfWeek()) {
            case SATURDAY -> 8 + r.nextInt(2);
            case SUNDAY -> 4 + r.nextInt(2);
            default -> 5 + r.nextInt(2);
        } - (midwinter ? 1 : 0) + (date.getMonthValue() == 12 && date.getDayOfMonth() == 26 ? 4 : 0);

        List<SimCourse> eligible = new ArrayList<>();
        for (SimCourse c : courses) {
            boolean races = c.allWeather() || switch (c.kind()) {
                case "flat" -> summer || month == 3 || month == 10;
                case "jump" -> !summer || r.chance(0.35);
                default -> true;
            };
            if (races) {
                eligible.add(c);
            }
        }
        // Deterministic shuffle, then take the first n.
        for (int i = eligible.size() - 1; i > 0; i--) {
            Collections.swap(eligible, i, r.nextInt(i + 1));
        }
        List<SimCourse> today = eligible.subList(0, Math.min(meetings, eligible.size()));

        List<Slot> slots = new ArrayList<>();
        for (int m = 0; m < today.size(); m++) {
            SimCourse course = today.get(m);
            boolean jumps = !course.allWeather() && (course.kind().equals("jump")
                    || course.kind().equals("both") && (summer ? r.chance(0.25) : r.chance(0.8)));
            boolean evening = summer && m >= 4;
            LocalTime first = evening ? LocalTime.of(17, 15 + 5 * (m % 3)) : LocalTime.of(12, 0).plusMinutes(12L * m + r.nextInt(4) * 5);
            int races = r.between(6, 8);
            for (int k = 0; k < races; k++) {
                slots.add(new Slot(course, jumps, first.plusMinutes(k * (30L + (m % 2) * 5)), k, races));
            }
        }
        slots.sort(Comparator.comparing(Slot::off).thenComparing(s -> s.course().id()));
        List<SimRace> out = new ArrayList<>(slots.size());
        Set<Long> runningToday = new HashSet<>();
        for (int i = 0; i < slots.size(); i++) {
            out.add(race(date, i, slots.get(i), runningToday, summer));
        }
        return out;
    }

    private record Slot(SimCourse course, boolean jumps, LocalTime off, int indexInMeeting, int racesInMeeting) {
    }

    private SimRace race(LocalDate date, int indexInDay, Slot slot, Set<Long> runningToday, boolean summer) {
        String raceId = "rac_" + (10_000_000L + (date.toEpochDay() - EPOCH_2000) * 128 + indexInDay);
        Rng r = Rng.of(seed, SALT_RACE, date.toEpochDay(), indexInDay);
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
        String going = RaceConditions.going(Rng.of(seed, SALT_DAY, date.toEpochDay(), course.id().hashCode()), aw, summer);
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
                number = horseNumber(date.getYear() - age, 2 * r.nextInt(CROP / 2) + (flat ? 0 : 1));
            } while (!runningToday.add(number) && ++tries < 20);
            entries.add(new Entry(horse(number), age, r.gaussian()));
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
        // Trainers change every few seasons; owners move with them.
        Rng people = Rng.of(seed, SALT_PEOPLE, h.number(), (date.getYear() + h.number() % 3) / 3);
        int trainer = people.nextInt(TRAINERS);
        int owner = people.nextInt(OWNERS);
        int jockey = (flat ? 0 : 200) + r.nextInt(flat ? 180 : 160);
        int claim = jockey % 7 == 0 ? new int[]{3, 5, 7}[jockey % 3] : 0;
        SimHorse sire = horse(h.sireNumber());
        SimHorse dam = horse(h.damNumber());
        SimHorse damsire = horse(dam.sireNumber());
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
                "jky_" + (250_000 + jockey), jockeyName(jockey), claim, "trn_" + (100_000 + trainer), trainerName(trainer),
                "own_" + (500_000 + owner), ownerName(owner), sire, dam, damsire, comment);
    }

    /** Who bred a horse: a stud named after its dam's line, or a person. */
    public String breeder(SimHorse h) {
        Rng r = Rng.of(seed, SALT_NAME, h.damNumber(), 7);
        return r.chance(0.5) ? Names.person(r) : Names.place(r) + " Stud";
    }

    public String trainerLocation(int trainer) {
        return Names.place(Rng.of(seed, SALT_PEOPLE, 5, trainer));
    }

    /** Jockeys are numbered 0-179 (flat) and 200-359 (jumps); their ids are {@code jky_} + 250000 + number. */
    public static final int[][] JOCKEY_RANGES = {{0, 180}, {200, 360}};
    public static final int TRAINERS = 450;
    public static final int OWNERS = 4_000;

    public String ownerName(int owner) {
        return Names.owner(Rng.of(seed, SALT_PEOPLE, 3, owner));
    }

    public String jockeyName(int jockey) {
        return Names.person(Rng.of(seed, SALT_PEOPLE, 1, jockey));
    }

    public String trainerName(int trainer) {
        return Names.person(Rng.of(seed, SALT_PEOPLE, 2, trainer));
    }
}
