package dev.furlong.config;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The configuration, resolved from the configuration file, the flags and the documented environment variables, and beside
 * it ({@link Run}) what belongs to this invocation alone. Holds no secrets: credentials are read where they are used.
 */
public record Settings(
        String apiUrl,
        List<String> regions,
        boolean historicalResults,
        double globalRatePerSecond,
        String lake,
        Optional<String> pgUrl,
        String pgSchema,
        String embeddedPgDataDir,
        String sparkMaster,
        int shufflePartitions,
        int fetchBatchSize,
        int fetchBatchSeconds,
        int mutableWindowDays,
        int horseBudget,
        Duration lockTimeout,
        int amendmentDays,
        int amendmentBudget,
        Duration vacuumRetention,
        ValidationThresholds validation,
        String demoRoot,
        int demoDays,
        long demoSeed,
        Schedule schedule,
        Run run) {

    /**
     * This invocation: the moment it started as it treats it (Europe/London wall-clock time: the real one, or {@code --now}), its
     * id (in logs and bronze), whether it only prints its plan, and how much it says (-1 quiet, 0 normal, 1 and more verbose).
     */
    public record Run(LocalDateTime now, String runId, boolean dryRun, int verbosity) {
        /** The racing day of {@link #now}. */
        public LocalDate today() {
            return now.toLocalDate();
        }
    }

    /** The same settings on the demo's own lake and embedded database, under {@code demoRoot}: the demo keeps its data apart. */
    public Settings withDemoStorage() {
        java.nio.file.Path root = java.nio.file.Path.of(demoRoot);
        return new Settings(apiUrl, regions, historicalResults, globalRatePerSecond, root.resolve("lake").toString(), Optional.empty(),
                pgSchema, root.resolve("pg").toString(),
                sparkMaster, shufflePartitions, fetchBatchSize, fetchBatchSeconds, mutableWindowDays, horseBudget, lockTimeout, amendmentDays, amendmentBudget, vacuumRetention, validation, demoRoot, demoDays, demoSeed, schedule, run);
    }

    /** The same settings waiting at most {@code lockTimeout} for the lake's lock. */
    public Settings withLockTimeout(Duration lockTimeout) {
        return new Settings(apiUrl, regions, historicalResults, globalRatePerSecond, lake, pgUrl, pgSchema, embeddedPgDataDir,
                sparkMaster, shufflePartitions, fetchBatchSize, fetchBatchSeconds, mutableWindowDays, horseBudget, lockTimeout, amendmentDays, amendmentBudget, vacuumRetention, validation, demoRoot, demoDays, demoSeed, schedule, run);
    }

    public Settings withApiUrl(String apiUrl) {
        return new Settings(apiUrl, regions, historicalResults, globalRatePerSecond, lake, pgUrl, pgSchema, embeddedPgDataDir,
                sparkMaster, shufflePartitions, fetchBatchSize, fetchBatchSeconds, mutableWindowDays, horseBudget, lockTimeout, amendmentDays, amendmentBudget, vacuumRetention, validation, demoRoot, demoDays, demoSeed, schedule, run);
    }
}
