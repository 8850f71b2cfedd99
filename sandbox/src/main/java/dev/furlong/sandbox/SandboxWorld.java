package dev.furlong.sandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sandbox's racing world, generated from a seed: its courses, and each day's programme of races ({@link RaceSimulation}
 * runs each one; {@link Population} holds the horses and people). Nothing is stored: a day's card and results are derived from
 * the seed and the date, so any day can be served without generating the days before it.
 */
public final class SandboxWorld {

    /** Regions the API lists; only GB and IRE have courses in the sandbox. */
    public static final List<String[]> REGIONS = List.of(
            new String[]{"Great Britain", "gb"}, new String[]{"Ireland", "ire"}, new String[]{"France", "fr"},
            new String[]{"USA", "usa"}, new String[]{"Australia", "aus"}, new String[]{"Germany", "ger"});

    private static final int EPOCH_2000 = 10_957;

    private final long seed;
    private final List<SimCourse> courses;
    private final Population population;
    private final RaceSimulation simulation;

    public SandboxWorld(long seed) {
        this.seed = seed;
        this.courses = loadCourses();
        this.population = new Population(seed);
        this.simulation = new RaceSimulation(seed, population);
    }

    public long seed() {
        return seed;
    }

    public List<SimCourse> courses() {
        return courses;
    }

    /** The horses, jockeys, trainers and owners. */
    public Population population() {
        return population;
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

    private static String raceId(LocalDate date, int indexInDay) {
        return "rac_" + (10_000_000L + (date.toEpochDay() - EPOCH_2000) * 128 + indexInDay);
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

    /** Every race run on a date, in off-time order, with results. Empty on Christmas Eve and Christmas Day. */
    public List<SimRace> racesOn(LocalDate date) {
        if (date.getMonthValue() == 12 && (date.getDayOfMonth() == 24 || date.getDayOfMonth() == 25)) {
            return List.of();
        }
        Rng r = Rng.of(seed, Rng.DAY, date.toEpochDay());
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

        List<RaceSimulation.Slot> slots = new ArrayList<>();
        for (int m = 0; m < today.size(); m++) {
            SimCourse course = today.get(m);
            boolean jumps = !course.allWeather() && (course.kind().equals("jump")
                    || course.kind().equals("both") && (summer ? r.chance(0.25) : r.chance(0.8)));
            boolean evening = summer && m >= 4;
            LocalTime first = evening ? LocalTime.of(17, 15 + 5 * (m % 3)) : LocalTime.of(12, 0).plusMinutes(12L * m + r.nextInt(4) * 5);
            int races = r.between(6, 8);
            for (int k = 0; k < races; k++) {
                slots.add(new RaceSimulation.Slot(course, jumps, first.plusMinutes(k * (30L + (m % 2) * 5)), k, races));
            }
        }
        slots.sort(Comparator.comparing(RaceSimulation.Slot::off).thenComparing(s -> s.course().id()));
        List<SimRace> out = new ArrayList<>(slots.size());
        Set<Long> runningToday = new HashSet<>();
        for (int i = 0; i < slots.size(); i++) {
            out.add(simulation.race(raceId(date, i), date, i, slots.get(i), runningToday, summer));
        }
        return out;
    }
}
