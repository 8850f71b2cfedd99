package dev.furlong.api;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counters per endpoint that the jobs read for their run summaries: calls, retries, 429s, bytes, time spent. */
public final class ClientMetrics {

    /** A snapshot of one endpoint's counters. */
    public record Counts(long calls, long retries, long tooManyRequests, long bytes, long latencyMillis) {
    }

    private static final class Counters {
        final LongAdder calls = new LongAdder();
        final LongAdder retries = new LongAdder();
        final LongAdder tooMany = new LongAdder();
        final LongAdder bytes = new LongAdder();
        final LongAdder latency = new LongAdder();
    }

    private final Map<Endpoint, Counters> counters = new EnumMap<>(Endpoint.class);

    public ClientMetrics() {
        for (Endpoint e : Endpoint.values()) {
            counters.put(e, new Counters());
        }
    }

    public void recordCall(Endpoint e, int status, long bytes, long latencyMillis) {
        Counters c = counters.get(e);
        c.calls.increment();
        c.bytes.add(bytes);
        c.latency.add(latencyMillis);
        if (status == 429) {
            c.tooMany.increment();
        }
    }

    public void recordRetry(Endpoint e) {
        counters.get(e).retries.increment();
    }

    public Counts counts(Endpoint e) {
        Counters c = counters.get(e);
        return new Counts(c.calls.sum(), c.retries.sum(), c.tooMany.sum(), c.bytes.sum(), c.latency.sum());
    }

    public long totalCalls() {
        return counters.values().stream().mapToLong(c -> c.calls.sum()).sum();
    }
}
