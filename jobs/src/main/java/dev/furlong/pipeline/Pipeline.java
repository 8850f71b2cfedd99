package dev.furlong.pipeline;

import dev.furlong.api.Endpoint;
import dev.furlong.ingest.BronzeWriter;
import dev.furlong.lake.LakeLock;
import dev.furlong.ingest.FetchPlan;
import dev.furlong.ingest.FetchPlanner;
import dev.furlong.ingest.FetchProgress;
import dev.furlong.ingest.FetchReport;
import dev.furlong.ingest.Fetcher;
import dev.furlong.ingest.HorsesToEnrich;
import dev.furlong.lake.DeltaTables;
import dev.furlong.maintain.MaintainJob;
import dev.furlong.publish.PublishJob;
import dev.furlong.publish.PublishLock;
import dev.furlong.publish.PublishResult;
import dev.furlong.stats.StatsJob;
import dev.furlong.stats.StatsProfile;
import dev.furlong.stats.StatsReport;
import dev.furlong.transform.TransformJob;
import dev.furlong.transform.TransformReport;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.apache.spark.sql.Row;

/** The stages of a run (fetch → transform → stats → publish), each usable on its own. */
public final class Pipeline {

    private final RunContext ctx;

    public Pipeline(RunContext ctx) {
        this.ctx = ctx;
    }

    /**
     * {@code backfill} / {@code fetch}: plans the range against what bronze holds and prints the plan (what cannot be fetched
     * too) before any call, then fetches it a month at a time, newest first. The lake's lock is taken for each month and released
     * between months, so a scheduled sync waiting for it gets its turn during a long backfill.
     */
    public FetchReport fetch(LocalDate from, LocalDate to, boolean refresh) {
        FetchPlan whole = announce("fetch " + from + " to " + to, planner().plan(from, to, refresh, bronzeHoldings().stored()));
        if (ctx.settings().run().dryRun() || whole.isEmpty()) {
            return new FetchReport(whole);
        }
        // The months with something to fetch, newest first; the first of them also fetches courses and regions if missing.
        java.util.TreeSet<YearMonth> months = new java.util.TreeSet<>(java.util.Comparator.reverseOrder());
        whole.units().forEach(u -> months.add(YearMonth.from(u.partitionDate().isAfter(to) ? to : u.partitionDate())));
        Map<Integer, List<FetchReport>> byYear = new java.util.TreeMap<>();
        for (YearMonth m : months) {
            if (!m.equals(months.first())) {
                LakeLock.yieldToWaiting(ctx.settings().lake(), ctx.settings().lockTimeout());
            }
            LocalDate first = m.atDay(1).isBefore(from) ? from : m.atDay(1);
            LocalDate last = m.atEndOfMonth().isAfter(to) ? to : m.atEndOfMonth();
            FetchReport month = fetchStage("fetch", "fetch " + m, false,
                    stored -> planner().plan(first, last, refresh, stored).withoutNotes());
            byYear.computeIfAbsent(m.getYear(), y -> new ArrayList<>()).add(month);
        }
        List<FetchReport> all = byYear.values().stream().flatMap(List::stream).toList();
        FetchReport total = FetchReport.sum(all);
        StringBuilder s = new StringBuilder(String.format("%-6s %8s %8s %9s %7s %8s%n", "year", "planned", "stored", "unchanged",
                "failed", "skipped"));
        byYear.forEach((year, reports) -> {
            Map<String, Long> t = FetchReport.sum(reports).totals();
            s.append(String.format("%-6d %8d %8d %9d %7d %8d%n", year, t.get("planned"), t.get("stored"), t.get("unchanged"),
                    t.get("failed"), t.get("skipped")));
        });
        ctx.console().result(s + total.render(ctx.client().metrics()));
        return total;
    }

    /** The scheduled fetch: the mutable window and upcoming racecards, and/or courses and regions when due. */
    public FetchReport sync(boolean transactions, boolean statics) {
        return fetchStage("fetch", "sync", true, stored -> planner().planSync(transactions, statics, stored));
    }

    /** {@code sync --scope live}: today's results so far and today's racecards. */
    public FetchReport live() {
        return fetchStage("fetch-live", "live", true, stored -> planner().planLive(stored));
    }

    /** Results before the mutable window read again, within a budget of dates (appeals, late disqualifications). */
    public FetchReport amendments() {
        var s = ctx.settings();
        return fetchStage("fetch-amendments", "amendments", true, stored -> planner().planAmendments(s.amendmentDays(), s.amendmentBudget(), stored));
    }

    /** Horse details for horses seen only in results, newest first, within a budget of calls. */
    public FetchReport enrichHorses(int budget) {
        return fetchStage("fetch-horses", "horse details", true, stored -> {
            List<String> horses = !DeltaTables.exists(ctx.spark(), ctx.lake().apiResponses()) ? List.of()
                    : HorsesToEnrich.from(ctx.spark().read().format("delta").load(ctx.lake().apiResponses()));
            return planner().planHorses(horses, budget, stored);
        });
    }

    private FetchPlanner planner() {
        var s = ctx.settings();
        return new FetchPlanner(s.run().today(), s.regions(), s.historicalResults(), s.mutableWindowDays());
    }

    /** One fetch as a stage of the run; {@code report}: print the whole report at the end, else one line. */
    private FetchReport fetchStage(String stage, String what, boolean report, Function<FetchPlanner.Stored, FetchPlan> planning) {
        return stage(stage, () -> fetch(what, report, planning), r -> new RunRecorder.Outcome(r.totals(),
                r.failedUnits() == 0 ? null : r.failedUnits() + " units failed; the next run retries them"));
    }

    /**
     * Runs {@code work}, which writes the lake from what it reads there, holding the lake's lock: a transform or statistics
     * run of another process (a sync during a backfill) waits its turn instead of racing this one over the same tables.
     */
    private <T> T holdingTheLake(Callable<T> work) throws Exception {
        var s = ctx.settings();
        try (LakeLock lock = LakeLock.acquire(s.lake(), this::databaseConnection, s.lockTimeout(), ctx.console()::info)) {
            return work.call();
        }
    }

    /** Runs one stage of the run and records it in the run history. */
    private <T> T stage(String name, Callable<T> work, Function<T, RunRecorder.Outcome> outcome) {
        try {
            return ctx.recorder().stage(name, work, outcome);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Plans against bronze and fetches, holding the lake's lock from the reading of bronze to the last commit. */
    private FetchReport fetch(String what, boolean fullReport, Function<FetchPlanner.Stored, FetchPlan> planning) {
        var settings = ctx.settings();
        if (settings.run().dryRun()) {
            return new FetchReport(announce(what, planning.apply(bronzeHoldings().stored())));
        }
        try (LakeLock lock = LakeLock.acquire(settings.lake(), this::databaseConnection, settings.lockTimeout(), ctx.console()::info)) {
            Bronze bronze = bronzeHoldings();
            FetchPlan plan = announce(what, planning.apply(bronze.stored()));
            if (plan.isEmpty()) {
                return new FetchReport(plan);
            }
            try (FetchProgress progress = FetchProgress.forConsole(line -> ctx.console().info(line));
                 BronzeWriter writer = new BronzeWriter(ctx.spark(), ctx.lake(), settings.run().runId(), settings.fetchBatchSize(),
                         Duration.ofSeconds(settings.fetchBatchSeconds()))) {
                FetchReport report = new Fetcher(ctx.client(), writer, bronze.hashes(), progress).run(plan);
                if (fullReport) {
                    ctx.console().result(report.render(ctx.client().metrics()));
                } else {
                    ctx.console().info(what + ": " + report.totals());
                }
                return report;
            }
        }
    }

    private FetchPlan announce(String what, FetchPlan plan) {
        plan.notes().forEach(n -> ctx.console().info("note: " + n));
        ctx.console().info(what + ": " + (plan.isEmpty() ? "nothing to fetch" : plan.unitsByEndpoint() + " to fetch")
                + (plan.skipped().isEmpty() ? "" : ", already in bronze: " + plan.skipped()));
        return plan;
    }

    private Connection databaseConnection() {
        try {
            return ctx.database().connect();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach Postgres for the lake's lock: " + e.getMessage(), e);
        }
    }

    /** What bronze holds: every request key with its partition date, and the hash of each body. */
    private record Bronze(FetchPlanner.Stored stored, Map<String, String> hashes) {
    }

    private Bronze bronzeHoldings() {
        Map<Endpoint, Map<String, LocalDate>> keys = new EnumMap<>(Endpoint.class);
        Map<String, String> hashes = new HashMap<>();
        if (DeltaTables.exists(ctx.spark(), ctx.lake().apiResponses())) { // reading touches nothing, so dry runs read too
            Map<String, Endpoint> byName = new HashMap<>();
            for (Endpoint e : Endpoint.values()) {
                byName.put(e.bronzeName(), e);
            }
            for (Row r : ctx.spark().read().format("delta").load(ctx.lake().apiResponses())
                    .select("endpoint", "request_key", "partition_date", "body_sha256").collectAsList()) {
                Endpoint e = byName.get(r.getString(0));
                if (e != null) {
                    keys.computeIfAbsent(e, k -> new HashMap<>()).put(r.getString(1), r.getLocalDate(2));
                }
                hashes.put(r.getString(1), r.getString(3));
            }
        }
        return new Bronze(new FetchPlanner.Stored(keys), hashes);
    }

    public TransformReport transform() {
        return transform(null, null);
    }

    /** Transforms new answers, or with {@code from}/{@code to} every answer of those race dates again. */
    public TransformReport transform(LocalDate from, LocalDate to) {
        return stage("transform", () -> holdingTheLake(() -> runTransform(from, to)), r -> RunRecorder.Outcome.ok(transformCounts(r)));
    }

    private static Map<String, Long> transformCounts(TransformReport r) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        r.tables().forEach(t -> counts.put(t.table(), t.inserted() + t.updated() + t.deleted()));
        return counts;
    }

    private TransformReport runTransform(LocalDate from, LocalDate to) {
        TransformJob job = new TransformJob(ctx.spark(), ctx.lake(), ctx.settings().regions(), ctx.settings().run().runId(), from, to);
        TransformReport report = job.run();
        ctx.console().result(report.render());
        if (!report.invariantHolds()) {
            throw new IllegalStateException("transform: " + report.invariantDetail());
        }
        return report;
    }

    /**
     * {@code sync --scope people}: the jockey, trainer and owner tables rebuilt from every runner in silver, then every entity's
     * statistics as of today. No API call.
     */
    public TransformReport people() {
        return stage("people", () -> holdingTheLake(() -> {
            var s = ctx.settings();
            TransformReport report = new TransformJob(ctx.spark(), ctx.lake(), s.regions(), s.run().runId()).rebuildPeople();
            ctx.console().result(report.render());
            long statistics = new StatsJob(ctx.spark(), ctx.lake()).runEntityStatistics(s.run().today());
            ctx.console().result("entity statistics as of " + s.run().today() + ": " + statistics + " rows");
            return report;
        }), r -> RunRecorder.Outcome.ok(transformCounts(r)));
    }

    /** The statistics of one profile as of a date, into gold. */
    public StatsReport stats(StatsProfile profile, LocalDate asOf) {
        return stage("stats", () -> holdingTheLake(() -> runStats(profile, asOf)), r -> {
            Map<String, Long> counts = new java.util.TreeMap<>();
            r.written().forEach((table, w) -> counts.put(table, w.rows()));
            return RunRecorder.Outcome.ok(counts);
        });
    }

    /**
     * The sync's statistics, as of today: runner_statistics and entity_statistics brought up to date with what the new
     * answers changed, before the publish.
     */
    public List<StatsJob.Updated> statistics() {
        return stage("stats", () -> holdingTheLake(() -> {
            LocalDate today = ctx.settings().run().today();
            List<StatsJob.Updated> updated = new StatsJob(ctx.spark(), ctx.lake()).update(today, java.time.Instant.now());
            StringBuilder s = new StringBuilder("statistics as of " + today + ":\n");
            updated.forEach(u -> s.append(u.render()).append('\n'));
            ctx.console().result(s.toString());
            return updated;
        }), updated -> {
            Map<String, Long> counts = new java.util.TreeMap<>();
            updated.forEach(u -> counts.put(u.statistics(), u.changed()));
            return RunRecorder.Outcome.ok(counts);
        });
    }

    private StatsReport runStats(StatsProfile profile, LocalDate asOf) {
        StatsReport report = new StatsJob(ctx.spark(), ctx.lake()).run(profile, asOf, java.time.Instant.now());
        ctx.console().result(report.render());
        return report;
    }

    public List<PublishResult> publish(boolean full) {
        return stage("publish", () -> runPublish(full), results -> {
            Map<String, Long> counts = new java.util.TreeMap<>();
            results.forEach(r -> counts.put(r.table(), r.rowsWritten()));
            return RunRecorder.Outcome.ok(counts);
        });
    }

    private List<PublishResult> runPublish(boolean full) throws SQLException {
        List<PublishResult> results = new PublishJob(ctx.spark(), ctx.lake(), ctx.database(), ctx.settings().run().runId(),
                ctx.settings().lockTimeout(), ctx.console()::info).run(full);
        String row = "%-26s %8s %10s %10s  %s%n";
        StringBuilder s = new StringBuilder(String.format(row, "table", "version", "offered", "written", "rows read"));
        for (PublishResult r : results) {
            s.append(String.format(row, r.table(), r.sourceVersion(), r.skippedUnchanged() ? "-" : Long.toString(r.rowsOffered()),
                    r.rowsWritten(), r.read()));
        }
        ctx.console().result(s.toString());
        return results;
    }

    /**
     * {@code maintain}: Delta housekeeping of the lake and VACUUM ANALYZE of the published tables, holding the lake's lock and the
     * publish lock throughout; refused at once, with who holds it, while a fetch or a publish runs. A dry run takes no lock and
     * changes nothing: it measures, and says which retention each VACUUM would use.
     */
    public MaintainJob.Report maintain() {
        return stage("maintain", this::runMaintain, r -> RunRecorder.Outcome.ok(r.counts()));
    }

    private MaintainJob.Report runMaintain() throws SQLException {
        var s = ctx.settings();
        boolean dryRun = s.run().dryRun();
        MaintainJob job = new MaintainJob(ctx.spark(), ctx.lake(), s.vacuumRetention());
        try (LakeLock fetching = dryRun ? null : fetchLockNow(); Connection c = ctx.database().connect()) {
            if (!dryRun && !PublishLock.tryTake(c)) {
                throw new MaintainRefused("a publish into this database is running; run maintain when it ends");
            }
            MaintainJob.Report report = job.run(c, ctx.database().schema(), java.time.Instant.now(), dryRun, ctx.console()::info);
            ctx.console().result(report.render());
            return report;
        }
    }

    private LakeLock fetchLockNow() {
        try {
            return LakeLock.acquire(ctx.settings().lake(), this::databaseConnection, Duration.ZERO, line -> { });
        } catch (LakeLock.TimedOut e) {
            throw new MaintainRefused("a fetch into " + ctx.settings().lake() + " is running; run maintain when it ends ("
                    + e.getMessage() + ")");
        }
    }

    /** Maintenance would race a fetch or a publish: nothing was done. */
    public static final class MaintainRefused extends IllegalStateException {
        MaintainRefused(String message) {
            super("maintain refused: " + message + ". Nothing was changed.");
        }
    }
}
