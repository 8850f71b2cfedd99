package dev.furlong.ingest;

import dev.furlong.api.ClientMetrics;
import dev.furlong.api.Endpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Per endpoint: units planned, stored, unchanged, failed and skipped; the failures with their reasons; API usage. */
public final class FetchReport {

    /** Counters of one endpoint. */
    public static final class Counts {
        public final AtomicInteger planned = new AtomicInteger();
        public final AtomicInteger stored = new AtomicInteger();
        public final AtomicInteger unchanged = new AtomicInteger();
        public final AtomicInteger failed = new AtomicInteger();
        public final AtomicInteger skipped = new AtomicInteger();
    }

    private final Map<Endpoint, Counts> counts = new EnumMap<>(Endpoint.class);
    private final List<String> failures = new ArrayList<>();
    private Duration elapsed = Duration.ZERO;

    public FetchReport(FetchPlan plan) {
        plan.units().forEach(u -> counts(u.endpoint()).planned.incrementAndGet());
        plan.skipped().forEach((e, n) -> counts(e).skipped.addAndGet(n));
    }

    public synchronized Counts counts(Endpoint e) {
        return counts.computeIfAbsent(e, k -> new Counts());
    }

    public synchronized void failure(FetchUnit unit, String reason) {
        counts(unit.endpoint()).failed.incrementAndGet();
        failures.add(unit.endpoint().bronzeName() + " " + unit.requestKey() + ": " + reason);
    }

    public synchronized List<String> failures() {
        return List.copyOf(failures);
    }

    public int failedUnits() {
        return counts.values().stream().mapToInt(c -> c.failed.get()).sum();
    }

    /** Units by outcome over every endpoint: planned, stored, unchanged, failed, skipped (the run history's counts). */
    public synchronized Map<String, Long> totals() {
        Map<String, Long> t = new java.util.LinkedHashMap<>();
        t.put("planned", counts.values().stream().mapToLong(c -> c.planned.get()).sum());
        t.put("stored", counts.values().stream().mapToLong(c -> c.stored.get()).sum());
        t.put("unchanged", counts.values().stream().mapToLong(c -> c.unchanged.get()).sum());
        t.put("failed", counts.values().stream().mapToLong(c -> c.failed.get()).sum());
        t.put("skipped", counts.values().stream().mapToLong(c -> c.skipped.get()).sum());
        return t;
    }

    /** Several reports as one: counts, failures and time added up. */
    public static FetchReport sum(List<FetchReport> reports) {
        FetchReport total = new FetchReport(new FetchPlan(List.of(), Map.of(), List.of()));
        for (FetchReport r : reports) {
            synchronized (r) {
                r.counts.forEach((e, c) -> {
                    Counts t = total.counts(e);
                    t.planned.addAndGet(c.planned.get());
                    t.stored.addAndGet(c.stored.get());
                    t.unchanged.addAndGet(c.unchanged.get());
                    t.failed.addAndGet(c.failed.get());
                    t.skipped.addAndGet(c.skipped.get());
                });
                total.failures.addAll(r.failures);
                total.elapsed = total.elapsed.plus(r.elapsed);
            }
        }
        return total;
    }

    void elapsed(Duration d) {
        this.elapsed = d;
    }

    /** The run summary, one line per endpoint, then the failures. */
    public String render(ClientMetrics metrics) {
        StringBuilder s = new StringBuilder(String.format("%-15s %8s %8s %9s %7s %8s %7s %8s %6s %10s%n", "endpoint", "planned",
                "stored", "unchanged", "failed", "skipped", "calls", "retries", "429s", "bytes"));
        counts.forEach((e, c) -> {
            ClientMetrics.Counts m = metrics == null ? new ClientMetrics.Counts(0, 0, 0, 0, 0) : metrics.counts(e);
            s.append(String.format("%-15s %8d %8d %9d %7d %8d %7d %8d %6d %10d%n", e.bronzeName(), c.planned.get(), c.stored.get(),
                    c.unchanged.get(), c.failed.get(), c.skipped.get(), m.calls(), m.retries(), m.tooManyRequests(), m.bytes()));
        });
        s.append("elapsed ").append(elapsed.toSeconds()).append(" s\n");
        for (String f : failures) {
            s.append("FAILED ").append(f).append('\n');
        }
        return s.toString();
    }
}
