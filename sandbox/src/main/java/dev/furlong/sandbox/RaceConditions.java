package dev.furlong.sandbox;

/** The racing of the simulated world: ages for a race's conditions, race names, the going, speeds and beaten margins. */
final class RaceConditions {

    private RaceConditions() {
    }

    static int ageFor(Rng r, String ageBand, boolean flat) {
        return switch (ageBand) {
            case "2yo" -> 2;
            case "3yo" -> 3;
            case "3yo+" -> 3 + r.weighted(40, 25, 15, 10, 6, 4);
            case "4yo+" -> 4 + (flat ? r.weighted(35, 25, 18, 12, 10) : r.weighted(10, 20, 22, 18, 13, 9, 5, 3));
            default -> 5 + r.weighted(20, 22, 20, 15, 10, 7, 4, 2);
        };
    }

    static String raceName(Rng r, String type, boolean handicap, int classNo, String pattern, String sexRestriction,
                                   String ageBand) {
        String sponsor = Names.sponsor(r);
        String fillies = sexRestriction.isEmpty() ? "" : "Fillies' ";
        return switch (type) {
            case "Flat" -> handicap ? sponsor + " " + fillies + "Handicap"
                    : !pattern.isEmpty() ? sponsor + " " + fillies + "Stakes (" + pattern + ")"
                    : sponsor + " " + fillies + (ageBand.startsWith("2") || r.chance(0.5) ? "Novice Stakes" : "Maiden Stakes");
            case "Hurdle" -> handicap ? sponsor + " Handicap Hurdle" : sponsor + (r.chance(0.5) ? " Novices' Hurdle" : " Maiden Hurdle");
            case "Chase" -> handicap ? sponsor + " Handicap Chase" : sponsor + (classNo <= 2 ? " Chase" : " Novices' Chase");
            default -> sponsor + " Standard Open NH Flat Race";
        };
    }

    static String going(Rng r, boolean allWeather, boolean summer) {
        if (allWeather) {
            return r.chance(0.8) ? "Standard" : "Standard To Slow";
        }
        String[] goings = {"Firm", "Good To Firm", "Good", "Good To Soft", "Soft", "Heavy"};
        return goings[summer ? r.weighted(5, 35, 40, 13, 6, 1) : r.weighted(0, 3, 17, 30, 32, 18)];
    }

    static double baseSpeed(String type) {
        return switch (type) {
            case "Flat" -> 18.0;
            case "Hurdle" -> 16.3;
            case "Chase" -> 15.8;
            default -> 16.8;
        };
    }

    static double goingFactor(String going) {
        return switch (going) {
            case "Firm" -> 1.025;
            case "Good To Firm" -> 1.012;
            case "Good To Soft" -> 0.98;
            case "Soft" -> 0.955;
            case "Heavy" -> 0.92;
            case "Standard To Slow" -> 0.99;
            default -> 1.0;
        };
    }

    /** Beaten distances behind the horse in front, in lengths: short heads to distances. */
    static double lengths(Rng r) {
        return switch (r.weighted(8, 8, 10, 50, 20, 4)) {
            case 0 -> 0.05;
            case 1 -> 0.1;
            case 2 -> 0.2;
            case 3 -> 0.25 * r.between(2, 12);
            case 4 -> 0.5 * r.between(7, 24);
            default -> r.between(13, 60);
        };
    }
}
