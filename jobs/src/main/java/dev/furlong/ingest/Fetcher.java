package dev.furlong.ingest;

import dev.furlong.api.ApiException;
import dev.furlong.api.ApiResponse;
import dev.furlong.api.Endpoint;
import dev.furlong.api.RacingApiClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs a {@link FetchPlan}: one lane (thread) per endpoint, all sharing the client's rate limits, every answer committed to
 * bronze through the {@link BronzeWriter}. A failed unit is recorded and the others go on; a 401/403 stops everything at once.
 */
public final class Fetcher {

    private final RacingApiClient client;
    private final BronzeWriter bronze;
    private final Map<String, String> storedHashes;
    private final Consumer<String> progress;

    /**
     * @param storedHashes body hashes bronze already holds by request key, to tell a changed answer from an unchanged one
     */
    public Fetcher(RacingApiClient client, BronzeWriter bronze, Map<String, String> storedHashes, Consumer<String> progress) {
        this.client = client;
        this.bronze = bronze;
        this.storedHashes = storedHashes;
        this.progress = progress;
    }

    public FetchReport run(FetchPlan plan) {
        FetchReport report = new FetchReport(plan);
        long started = System.nanoTime();
        if (!plan.isEmpty()) {
            // One cheap call checks the credentials before any lane starts: the regions unit when planned, else a probe.
            Map<Endpoint, List<FetchUnit>> lanes = plan.units().stream()
                    .collect(Collectors.groupingBy(FetchUnit::endpoint));
            List<FetchUnit> regions = lanes.remove(Endpoint.REGIONS);
            if (regions != null) {
                regions.forEach(u -> fetchOne(u, report));
            } else {
                client.regions();
            }
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, lanes.size()), r -> new Thread(r, "fetch-lane"));
            try {
                List<Future<?>> futures = new ArrayList<>();
                lanes.forEach((endpoint, units) -> futures.add(pool.submit(() -> runLane(endpoint, units, report))));
                for (Future<?> f : futures) {
                    await(f, pool);
                }
            } finally {
                pool.shutdownNow();
                bronze.commit();
            }
        }
        report.elapsed(Duration.ofNanos(System.nanoTime() - started));
        return report;
    }

    private void runLane(Endpoint endpoint, List<FetchUnit> units, FetchReport report) {
        long laneStart = System.nanoTime();
        long lastProgress = laneStart;
        int done = 0;
        for (FetchUnit unit : units) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            fetchOne(unit, report);
            done++;
            long now = System.nanoTime();
            if (now - lastProgress > 10_000_000_000L || done == units.size()) {
                double rate = done / Math.max(1e-9, (now - laneStart) / 1e9);
                long etaSeconds = Math.round((units.size() - done) / Math.max(rate, 1e-9));
                progress.accept(String.format("%s: %d/%d units, %.1f/s, ETA %ds", endpoint.bronzeName(), done, units.size(), rate,
                        etaSeconds));
                lastProgress = now;
            }
        }
    }

    private void fetchOne(FetchUnit unit, FetchReport report) {
        try {
            List<ApiResponse> pages = client.fetchAll(unit.firstRequest());
            boolean unchanged = pages.stream()
                    .allMatch(p -> BronzeWriter.sha256(p.body()).equals(storedHashes.get(p.request().requestKey())));
            bronze.stored(unit, pages, unchanged);
            (unchanged ? report.counts(unit.endpoint()).unchanged : report.counts(unit.endpoint()).stored).incrementAndGet();
        } catch (ApiException.AuthenticationFailed e) {
            throw e;
        } catch (ApiException.RetriesExhausted e) {
            bronze.failed(unit, e.lastStatus(), e.attempts(), e.getMessage());
            report.failure(unit, e.getMessage());
        } catch (ApiException e) {
            bronze.failed(unit, 0, 1, e.getMessage());
            report.failure(unit, e.getMessage());
        }
    }

    private static void await(Future<?> f, ExecutorService pool) {
        try {
            f.get();
        } catch (ExecutionException e) {
            pool.shutdownNow();
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
