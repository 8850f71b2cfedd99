package dev.furlong.stats;

/**
 * Which groups a statistics run emits (STATISTICS.md, Profiles and thresholds): a group under its threshold is not written.
 * The profile's name is part of every statistics key, so the daily and the weekly runs live side by side.
 *
 * @param name            standard, high_quality or custom
 * @param minRuns         entity_combinations: runs of the pair
 * @param minRunsRunner   runner_statistics: the horse's runs before the race
 * @param minRunsDistance performance_by_distance: runs at the band
 * @param minRunsVenue    performance_by_venue: runs at the course
 */
public record StatsProfile(String name, int minRuns, int minRunsRunner, int minRunsDistance, int minRunsVenue) {

    /** The daily 02:30 run. */
    public static final StatsProfile STANDARD = new StatsProfile("standard", 5, 3, 5, 5);
    /** The weekly Sunday 03:30 run. */
    public static final StatsProfile HIGH_QUALITY = new StatsProfile("high_quality", 10, 5, 10, 10);

    public StatsProfile {
        if (!name.matches("standard|high_quality|custom")) {
            throw new IllegalArgumentException("unknown statistics profile '" + name + "': standard, high_quality or custom");
        }
        for (int n : new int[] {minRuns, minRunsRunner, minRunsDistance, minRunsVenue}) {
            if (n < 0) {
                throw new IllegalArgumentException("a statistics threshold is a whole number ≥ 0, not " + n);
            }
        }
    }

    public static StatsProfile custom(int minRuns, int minRunsRunner, int minRunsDistance, int minRunsVenue) {
        return new StatsProfile("custom", minRuns, minRunsRunner, minRunsDistance, minRunsVenue);
    }

    public static StatsProfile named(String name) {
        return switch (name) {
            case "standard" -> STANDARD;
            case "high_quality" -> HIGH_QUALITY;
            default -> throw new IllegalArgumentException("unknown statistics profile '" + name + "': standard or high_quality "
                    + "(explicit thresholds make a custom one)");
        };
    }

    @Override
    public String toString() {
        return name + " (" + minRuns + "/" + minRunsRunner + "/" + minRunsDistance + "/" + minRunsVenue + ")";
    }
}
