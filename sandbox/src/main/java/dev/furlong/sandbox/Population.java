package dev.furlong.sandbox;

import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sandbox's horses and people. A horse is a function of the seed and its number (its foal crop and its index in it), a
 * jockey, trainer or owner of the seed and theirs, so any of them can be produced without generating the others.
 */
public final class Population {

    /** Jockeys are numbered 0-179 (flat) and 200-359 (jumps); their ids are {@code jky_} + 250000 + number. */
    public static final int[][] JOCKEY_RANGES = {{0, 180}, {200, 360}};
    public static final int TRAINERS = 450;
    public static final int OWNERS = 4_000;
    /** Active horses per foal crop, half aimed at the flat and half at jumps. */
    static final int CROP = 6_000;

    private static final int DAM_BASE = 50_000, SIRE_BASE = 90_000;
    private static final String[] COLOURS = {"b", "br", "ch", "gr", "bl", "b/br", "gr/ro"};

    private final long seed;

    Population(long seed) {
        this.seed = seed;
    }

    static long horseNumber(int birthYear, int index) {
        return 10_000_000L + (birthYear - 1900) * 100_000L + index;
    }

    /** The horse with this number; every attribute is a function of the seed and the number. */
    public SimHorse horse(long number) {
        int birthYear = (int) ((number - 10_000_000L) / 100_000L) + 1900;
        int index = (int) (number % 100_000L);
        Rng r = Rng.of(seed, Rng.HORSE, number);
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
        String name = Names.horse(Rng.of(seed, Rng.NAME, number));
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

    /** Who bred a horse: a stud named after its dam's line, or a person. */
    public String breeder(SimHorse h) {
        Rng r = Rng.of(seed, Rng.NAME, h.damNumber(), 7);
        return r.chance(0.5) ? Names.person(r) : Names.place(r) + " Stud";
    }

    public String trainerLocation(int trainer) {
        return Names.place(Rng.of(seed, Rng.PEOPLE, 5, trainer));
    }

    public String ownerName(int owner) {
        return Names.owner(Rng.of(seed, Rng.PEOPLE, 3, owner));
    }

    public String jockeyName(int jockey) {
        return Names.person(Rng.of(seed, Rng.PEOPLE, 1, jockey));
    }

    public String trainerName(int trainer) {
        return Names.person(Rng.of(seed, Rng.PEOPLE, 2, trainer));
    }

    /** Who trains and owns a horse in a year: trainers change every few seasons, and owners move with them. */
    Rng connections(SimHorse h, LocalDate date) {
        return Rng.of(seed, Rng.PEOPLE, h.number(), (date.getYear() + h.number() % 3) / 3);
    }
}
