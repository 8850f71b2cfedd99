package dev.furlong.sandbox;

import java.time.LocalDate;

/**
 * A horse of the sandbox world. Everything about it follows from its number, so any day can name it without the days before.
 * {@code sire}, {@code dam} and {@code damsire} are horse numbers too ({@code sir_N} is {@code hrs_N}).
 */
public record SimHorse(long number, String name, String region, boolean female, boolean gelded, LocalDate dob, String colour,
                       long sireNumber, long damNumber) {

    public String id() {
        return "hrs_" + number;
    }

    /** The sex code on a given race date: C/F up to four years old, then H/M; geldings are G from the start. */
    public String sexCodeAt(int age) {
        if (female) {
            return age <= 4 ? "F" : "M";
        }
        if (gelded) {
            return "G";
        }
        return age <= 4 ? "C" : "H";
    }

    /** The name as results print it: "Veraison (IRE)". */
    public String displayName() {
        return name + " (" + region + ")";
    }
}
