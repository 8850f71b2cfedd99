package dev.furlong.config;

import java.time.LocalDate;
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
        String demoRoot,
        int demoDays,
        long demoSeed,
        Run run) {

    /**
     * This invocation: the date it treats as today, its id (in logs and bronze), whether it only prints its plan, and how much it
     * says (-1 quiet, 0 normal, 1 and more verbose).
     */
    public record Run(LocalDate today, String runId, boolean dryRun, int verbosity) {
    }

    /** The same settings on the demo's own lake and embedded database, under {@code demoRoot}: the demo keeps its data apart. */
    public Settings withDemoStorage() {
        java.nio.file.Path root = java.nio.file.Path.of(demoRoot);
        return new Settings(apiUrl, regions, historicalResults, globalRatePerSecond, root.resolve("lake").toString(), Optional.empty(),
                pgSchema, root.resolve("pg").toString(),
                sparkMaster, shufflePartitions, fetchBatchSize, fetchBatchSeconds, mutableWindowDays, horseBudget, demoRoot, demoDays, demoSeed, run);
    }

    public Settings withApiUrl(String apiUrl) {
        return new Settings(apiUrl, regions, historicalResults, globalRatePerSecond, lake, pgUrl, pgSchema, embeddedPgDataDir,
                sparkMaster, shufflePartitions, fetchBatchSize, fetchBatchSeconds, mutableWindowDays, horseBudget, demoRoot, demoDays, demoSeed, run);
    }
}
