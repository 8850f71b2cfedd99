package dev.furlong.config;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Everything a run needs to know, resolved from the configuration file, the flags and the documented environment variables.
 * Holds no secrets: credentials are read where they are used.
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
        LocalDate today,
        String runId,
        boolean dryRun,
        int verbosity) {

    /** The same settings on the demo's own lake and embedded database, under {@code demoRoot}: the demo keeps its data apart. */
    public Settings withDemoStorage() {
        java.nio.file.Path root = java.nio.file.Path.of(demoRoot);
        return new Settings(apiUrl, regions, historicalResults, globalRatePerSecond, root.resolve("lake").toString(), Optional.empty(),
                pgSchema, root.resolve("pg").toString(),
                sparkMaster, shufflePartitions, fetchBatchSize, fetchBatchSeconds, mutableWindowDays, horseBudget, demoRoot, demoDays, demoSeed,
                today, runId, dryRun, verbosity);
    }

    public Settings withApiUrl(String apiUrl) {
        return new Settings(apiUrl, regions, historicalResults, globalRatePerSecond, lake, pgUrl, pgSchema, embeddedPgDataDir,
                sparkMaster, shufflePartitions, fetchBatchSize, fetchBatchSeconds, mutableWindowDays, horseBudget, demoRoot, demoDays, demoSeed,
                today, runId, dryRun, verbosity);
    }
}
