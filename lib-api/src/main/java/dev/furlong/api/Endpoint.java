package dev.furlong.api;

/**
 * The Racing API endpoints Furlong calls, with the name bronze stores them under and the documented per-endpoint rate.
 */
public enum Endpoint {
    REGIONS("regions", 1.0),
    COURSES("courses", 1.0),
    RESULTS("results", 5.0),
    RESULTS_TODAY("results_today", 5.0),
    RESULT("result", 5.0),
    RACECARDS_PRO("racecards_pro", 2.0),
    RACECARD_PRO("racecard_pro", 5.0),
    HORSE_PRO("horse_pro", 5.0),
    HORSE_STANDARD("horse_standard", 5.0),
    JOCKEY_SEARCH("jockey_search", 5.0),
    TRAINER_SEARCH("trainer_search", 5.0),
    OWNER_SEARCH("owner_search", 5.0);

    private final String bronzeName;
    private final double documentedRatePerSecond;

    Endpoint(String bronzeName, double documentedRatePerSecond) {
        this.bronzeName = bronzeName;
        this.documentedRatePerSecond = documentedRatePerSecond;
    }

    /** The value of the {@code endpoint} column in {@code bronze/api_responses}. */
    public String bronzeName() {
        return bronzeName;
    }

    public double documentedRatePerSecond() {
        return documentedRatePerSecond;
    }
}
