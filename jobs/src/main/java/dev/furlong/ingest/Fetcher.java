package dev.furlong.ingest;

import dev.furlong.api.ApiException;
import dev.furlong.api.ApiResponse;
import dev.furlong.api.Endpoint;
import dev.furlong.api.RacingApiClient;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs a {@link FetchPlan}: one lane (thread) per endpoint, all sharing the client's rate limits, every answer committed to
 * bronze through the {@link BronzeWriter}. A failed unit is recorded and the others go on; a 401/403 stops everything at once.
 */
public final class Fetcher {

    private final RacingApiClient client;
    private final BronzeWriter bronze;
    private final Map<String, String> storedHashes;
    private final FetchProgress progress;

    /**
     * @param storedHashes body hashes bronze already holds by request key, to tell a changed answer from an unchanged one
     */
    public Fetcher(RacingApiClient client, BronzeWriter bronze, Map<String, String> storedHashes, FetchProgress progress) {
        this.client = client;
        this.bronze = bronze;
        this.storedHashes = storedHashes;
        this.progress = progress;
    }

    public FetchReport run(FetchPlan plan) {
        FetchReport report = new FetchReport(plan);
        long started = System.nanoTime();
        if (!plan.isEmpty()) {
            // The first answer checks the credentials before any lane starts (the regions list when planned: the cheapest
            // call), so a bad account costs one call and no call is spent on checking alone.
            Map<Endpoint, List<FetchUnit>> lanes = new EnumMap<>(plan.units().stream()
                    .collect(Collectors.groupingBy(FetchUnit::endpoint)));
            Endpoint first = lanes.containsKey(Endpoint.REGIONS) ? Endpoint.REGIONS : plan.units().get(0).endpoint();
            List<FetchUnit> firstLane = lanes.get(first);
            if (!fetchOne(firstLane.get(0), report)) {
                bronze.commit();
                throw new IllegalStateException("the first call failed, so the API looks unreachable or unwell; nothing else was "
                        + "tried: " + report.failures().get(0));
            }
            if (firstLane.size() == 1) {
                lanes.remove(first);
            } else {
                lanes.put(first, firstLane.subList(1, firstLane.size()));
            }
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, lanes.size()), r -> new Thread(r, "fetch-lane"));
            CompletionService<Void> lanesDone = new ExecutorCompletionService<>(pool);
            try {
                lanes.forEach((endpoint, units) -> lanesDone.submit(() -> runLane(endpoint, units, report), null));
                for (int i = 0; i < lanes.size(); i++) {
                    await(lanesDone); // the first lane to fail (a 401, say) stops the others at once
                }
            } finally {
                pool.shutdownNow();
                awaitTermination(pool);
                progress.close();
                bronze.commit();
            }
        }
        report.elapsed(Duration.ofNanos(System.nanoTime() - started));
        return report;
    }

    private void runLane(Endpoint endpoint, List<FetchUnit> units, FetchReport report) {
        progress.start(endpoint, units.size());
        for (FetchUnit unit : units) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            fetchOne(unit, report);
            progress.step(endpoint);
        }
    }

    /** Fetches one unit and records its outcome; true when it was answered. Authentication failures propagate. */
    private boolean fetchOne(FetchUnit unit, FetchReport report) {
        try {
            List<ApiResponse> pages = client.fetchAll(unit.firstRequest());
            boolean unchanged = pages.stream()
                    .allMatch(p -> BronzeWriter.sha256(p.body()).equals(storedHashes.get(p.request().requestKey())));
            bronze.stored(unit, pages, unchanged);
            (unchanged ? report.counts(unit.endpoint()).unchanged : report.counts(unit.endpoint()).stored).incrementAndGet();
            return true;
        } catch (ApiException.AuthenticationFailed e) {
            throw e;
        } catch (ApiException.RetriesExhausted e) {
            bronze.failed(unit, e.lastStatus(), e.attempts(), e.getMessage());
            report.failure(unit, e.getMessage());
        } catch (ApiException.RequestRejected e) {
            bronze.failed(unit, e.refusedLocally() ? 0 : 422, e.refusedLocally() ? 0 : 1, e.getMessage());
            report.failure(unit, e.getMessage());
        } catch (ApiException.MalformedResponse e) {
            bronze.failed(unit, 200, e.attempts(), e.getMessage());
            report.failure(unit, e.getMessage());
        }
        return false;
    }

    private static void await(CompletionService<Void> lanes) {
        try {
            lanes.take().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void awaitTermination(ExecutorService pool) {
        try {
            if (!pool.awaitTermination(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("fetch lanes did not stop within two minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
