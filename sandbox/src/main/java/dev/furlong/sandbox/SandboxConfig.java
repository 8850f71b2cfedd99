package dev.furlong.sandbox;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.Map;

/**
 * How a sandbox behaves: its world's seed, the credentials it accepts, whether the account has the historical-results add-on
 * (results from 1988 instead of the last 365 days), the time it treats as now (today's races have results once they are
 * over), whether it enforces the API's rate limits
 * and serves results that are corrected after the day (both on by default, like the real API), and faults to inject
 * (failed requests per endpoint, and beaten distances as words).
 */
public record SandboxConfig(long seed, String username, String password, boolean historicalResults, LocalDateTime now,
                            boolean rateLimits, EdgeLimit edgeLimit, boolean corrections, Map<SandboxEndpoint, Faults> faults,
                            boolean textDistances) {

    public static final long DEFAULT_SEED = 20150101L;
    public static final String DEFAULT_USER = "sandbox";
    public static final String DEFAULT_PASSWORD = "sandbox";

    /**
     * The API edge's limit across all endpoints: more than {@code requests} in {@code window} blocks the caller for
     * {@code block} (the real edge: 100 in 10 seconds, then 5 minutes).
     */
    public record EdgeLimit(int requests, Duration window, Duration block) {
        public static final EdgeLimit REAL = new EdgeLimit(100, Duration.ofSeconds(10), Duration.ofMinutes(5));
    }

    /**
     * Faults injected into one endpoint's answers: extra latency, and the share of requests answered with a 5xx, a 429, a
     * truncated body, a body whose schema drifted (a runner missing its horse id, or a number where a string belongs), or a
     * reset connection. Rates are between 0 and 1; the draws are seeded, so a run is repeatable.
     */
    public record Faults(Duration latency, double serverErrors, double tooManyRequests, double truncatedBodies,
                         double schemaDrift, double connectionResets) {
        public static final Faults NONE = new Faults(Duration.ZERO, 0, 0, 0, 0, 0);

        public Faults {
            for (double rate : new double[]{serverErrors, tooManyRequests, truncatedBodies, schemaDrift, connectionResets}) {
                if (rate < 0 || rate > 1) {
                    throw new IllegalArgumentException("fault rates are between 0 and 1, got " + rate);
                }
            }
        }
    }

    public SandboxConfig {
        faults = Map.copyOf(faults);
    }

    /** The real API's behaviour: rate limits and the edge limit on, corrections on, no faults; the clock at the start of the day. */
    public static SandboxConfig defaults(LocalDate today) {
        return defaults(today.atStartOfDay());
    }

    /** As {@link #defaults(LocalDate)}, with the clock at {@code now} (Europe/London): today's results so far are served. */
    public static SandboxConfig defaults(LocalDateTime now) {
        return new SandboxConfig(DEFAULT_SEED, DEFAULT_USER, DEFAULT_PASSWORD, false, now, true, EdgeLimit.REAL, true, Map.of(), false);
    }

    /** The racing day of {@link #now}. */
    public LocalDate today() {
        return now.toLocalDate();
    }

    /** The same sandbox with its clock at {@code time} (Europe/London wall-clock time). */
    public SandboxConfig withNow(LocalDateTime time) {
        return new SandboxConfig(seed, username, password, historicalResults, time, rateLimits, edgeLimit, corrections, faults, textDistances);
    }

    public SandboxConfig withSeed(long newSeed) {
        return new SandboxConfig(newSeed, username, password, historicalResults, now, rateLimits, edgeLimit, corrections, faults, textDistances);
    }

    public SandboxConfig withCredentials(String user, String pass) {
        return new SandboxConfig(seed, user, pass, historicalResults, now, rateLimits, edgeLimit, corrections, faults, textDistances);
    }

    public SandboxConfig withHistoricalResults(boolean on) {
        return new SandboxConfig(seed, username, password, on, now, rateLimits, edgeLimit, corrections, faults, textDistances);
    }

    /** Switches the per-endpoint limits and the edge limit on or off (off for benchmarks). */
    public SandboxConfig withRateLimits(boolean on) {
        return new SandboxConfig(seed, username, password, historicalResults, now, on, on ? EdgeLimit.REAL : null, corrections, faults, textDistances);
    }

    public SandboxConfig withEdgeLimit(EdgeLimit limit) {
        return new SandboxConfig(seed, username, password, historicalResults, now, rateLimits, limit, corrections, faults, textDistances);
    }

    public SandboxConfig withCorrections(boolean on) {
        return new SandboxConfig(seed, username, password, historicalResults, now, rateLimits, edgeLimit, on, faults, textDistances);
    }

    public SandboxConfig withFaults(SandboxEndpoint endpoint, Faults f) {
        Map<SandboxEndpoint, Faults> all = new EnumMap<>(SandboxEndpoint.class);
        all.putAll(faults);
        all.put(endpoint, f);
        return new SandboxConfig(seed, username, password, historicalResults, now, rateLimits, edgeLimit, corrections, all, textDistances);
    }

    /**
     * An injected fault of the real feed: beaten distances sent as words ("nk", "hd", "dht") instead of lengths, which a
     * reader must set aside field by field without losing the run.
     */
    public SandboxConfig withTextDistances(boolean on) {
        return new SandboxConfig(seed, username, password, historicalResults, now, rateLimits, edgeLimit, corrections, faults, on);
    }

    @Override
    public String toString() {
        return "SandboxConfig[seed=" + seed + ", user=" + username + ", password=****, historicalResults=" + historicalResults
                + ", now=" + now + ", rateLimits=" + rateLimits + ", edgeLimit=" + edgeLimit + ", corrections=" + corrections
                + ", faults=" + faults + ", textDistances=" + textDistances + "]";
    }

    public Faults faultsFor(SandboxEndpoint endpoint) {
        return faults.getOrDefault(endpoint, Faults.NONE);
    }
}
