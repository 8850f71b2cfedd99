package dev.furlong.sandbox;

import java.time.LocalDate;

/**
 * How a sandbox behaves: its world's seed, the credentials it accepts, whether the account has the historical-results
 * add-on (results from 1988 instead of the last 365 days), and the date it treats as today.
 */
public record SandboxConfig(long seed, String username, String password, boolean historicalResults, LocalDate today) {

    public static final long DEFAULT_SEED = 20150101L;
    public static final String DEFAULT_USER = "sandbox";
    public static final String DEFAULT_PASSWORD = "sandbox";

    public static SandboxConfig defaults(LocalDate today) {
        return new SandboxConfig(DEFAULT_SEED, DEFAULT_USER, DEFAULT_PASSWORD, false, today);
    }

    public SandboxConfig withHistoricalResults(boolean on) {
        return new SandboxConfig(seed, username, password, on, today);
    }
}
