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

    /** The same settings pointed at another lake and an embedded database (the demo keeps its data apart). */
    public Settings withEmbeddedStorage(String lake, String embeddedPgDataDir) {
        return new Settings(apiUrl, regions, historicalResults, globalRatePerSecond, lake, Optional.empty(), pgSchema, embeddedPgDataDir,
                sparkMaster, shufflePartitions, fetchBatchSize, fetchBatchSeconds, mutableWindowDays, horseBudget, demoRoot, demoDays, demoSeed,
                today, runId, dryRun, verbosity);
    }

    public Settings withApiUrl(String apiUrl) {
        return new Settings(apiUrl, regions, historicalResults, globalRatePerSecond, lake, pgUrl, pgSchema, embeddedPgDataDir,
                sparkMaster, shufflePartitions, fetchBatchSize, fetchBatchSeconds, mutableWindowDays, horseBudget, demoRoot, demoDays, demoSeed,
                today, runId, dryRun, verbosity);
    }
}
