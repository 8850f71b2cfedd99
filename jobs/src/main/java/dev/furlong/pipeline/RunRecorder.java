package dev.furlong.pipeline;

import dev.furlong.api.ClientMetrics;
import dev.furlong.api.Endpoint;
import dev.furlong.lake.RunHistory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Records the stages of one run as they end: name, start, end, outcome, counts, API calls per endpoint. A stage that throws or
 * reports a failure is failed; the run (stage {@value RunHistory#RUN}) succeeded when every stage did.
 */
public final class RunRecorder {

    /** What a finished stage reports: its counts, and why it failed (null when it did not). */
    public record Outcome(Map<String, Long> counts, String failure) {
        public static Outcome ok(Map<String, Long> counts) {
            return new Outcome(counts, null);
        }
    }

    private final String runId;
    private final Instant started;
    private final long startedNanos = System.nanoTime();
    private final Supplier<ClientMetrics> metrics;
    private String command;
    private String scope;
    private final List<RunHistory.Stage> stages = new ArrayList<>();

    /**
     * @param started the run's start as the run treats it ({@code --now} pins it): stages are timed from it
     * @param metrics the API client's metrics, or null while no client was made
     */
    RunRecorder(String runId, Instant started, Supplier<ClientMetrics> metrics) {
        this.runId = runId;
        this.started = started;
        this.metrics = metrics;
    }

    /** Names the command (and its scope) the run records under; a run never named records nothing. */
    void name(String command, String scope) {
        this.command = command;
        this.scope = scope;
    }

    /** Runs a stage and records it (when the run is named). */
    public <T> T stage(String name, Callable<T> work, Function<T, Outcome> outcome) throws Exception {
        if (command == null) {
            return work.call();
        }
        Instant start = now();
        Map<String, Long> callsBefore = calls();
        T result;
        try {
            result = work.call();
        } catch (Exception | Error e) {
            add(name, start, callsBefore, new Outcome(Map.of(), e.getMessage() == null ? e.getClass().getName() : e.getMessage()));
            throw e;
        }
        add(name, start, callsBefore, outcome.apply(result));
        return result;
    }

    private synchronized void add(String name, Instant start, Map<String, Long> callsBefore, Outcome o) {
        Map<String, Long> calls = new HashMap<>();
        calls().forEach((e, n) -> {
            long made = n - callsBefore.getOrDefault(e, 0L);
            if (made > 0) {
                calls.put(e, made);
            }
        });
        String unique = name;
        for (int n = 2; taken(unique); n++) {
            unique = name + "#" + n; // a stage run twice (a backfill's months) keeps a row per run
        }
        stages.add(new RunHistory.Stage(runId, unique, command, scope, start, now(),
                o.failure() == null ? RunHistory.SUCCEEDED : RunHistory.FAILED, o.counts(), calls, firstLine(o.failure())));
    }

    private boolean taken(String stage) {
        return stages.stream().anyMatch(s -> s.stage().equals(stage));
    }

    private Map<String, Long> calls() {
        ClientMetrics m = metrics.get();
        Map<String, Long> calls = new HashMap<>();
        if (m != null) {
            for (Endpoint e : Endpoint.values()) {
                long n = m.counts(e).calls();
                if (n > 0) {
                    calls.put(e.bronzeName(), n);
                }
            }
        }
        return calls;
    }

    /** The stages recorded, then the run's own row; empty when the run was never named or ran no stage. */
    synchronized List<RunHistory.Stage> finish() {
        if (command == null || stages.isEmpty()) {
            return List.of();
        }
        List<RunHistory.Stage> all = new ArrayList<>(stages);
        List<String> failed = stages.stream().filter(s -> !s.succeeded()).map(RunHistory.Stage::stage).toList();
        String why = failed.isEmpty() ? null : "failed: " + String.join(", ", failed);
        Map<String, Long> calls = new HashMap<>();
        stages.forEach(s -> s.apiCalls().forEach((e, n) -> calls.merge(e, n, Long::sum)));
        all.add(new RunHistory.Stage(runId, RunHistory.RUN, command, scope, started, now(),
                why == null ? RunHistory.SUCCEEDED : RunHistory.FAILED, Map.of("stages", (long) stages.size()), calls, why));
        return all;
    }

    /** The run's start moved on by the time the run has taken. */
    private Instant now() {
        return started.plusNanos(System.nanoTime() - startedNanos);
    }

    private static String firstLine(String s) {
        return s == null ? null : s.lines().findFirst().orElse("");
    }
}
