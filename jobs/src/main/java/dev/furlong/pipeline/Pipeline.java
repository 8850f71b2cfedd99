package dev.furlong.pipeline;

import dev.furlong.api.Endpoint;
import dev.furlong.ingest.BronzeWriter;
import dev.furlong.ingest.FetchLock;
import dev.furlong.ingest.FetchPlan;
import dev.furlong.ingest.FetchPlanner;
import dev.furlong.ingest.FetchProgress;
import dev.furlong.ingest.FetchReport;
import dev.furlong.ingest.Fetcher;
import dev.furlong.ingest.HorsesToEnrich;
import dev.furlong.lake.DeltaTables;
import dev.furlong.publish.PublishJob;
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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.Row;

/** The stages of a run (fetch → transform → stats → publish), each usable on its own. */
public final class Pipeline {

    private final RunContext ctx;

    public Pipeline(RunContext ctx) {
        this.ctx = ctx;
    }

    /** {@code backfill} / {@code fetch}: plans the range against what bronze holds, prints the plan, and fetches it. */
    public FetchReport fetch(LocalDate from, LocalDate to, boolean refresh) {
        return run("fetch " + from + " to " + to, stored -> planner().plan(from, to, refresh, stored));
    }

    /** The scheduled fetch: the mutable window and upcoming racecards, and/or courses and regions when due. */
    public FetchReport sync(boolean transactions, boolean statics) {
        return run("sync", stored -> planner().planSync(transactions, statics, stored));
    }

    /** Horse details for horses seen only in results, newest first, within a budget of calls. */
    public FetchReport enrichHorses(int budget) {
        return run("horse details", stored -> {
            List<String> horses = !DeltaTables.exists(ctx.spark(), ctx.lake().apiResponses()) ? List.of()
                    : HorsesToEnrich.from(ctx.spark().read().format("delta").load(ctx.lake().apiResponses()));
            return planner().planHorses(horses, budget, stored);
        });
    }

    private FetchPlanner planner() {
        var s = ctx.settings();
        return new FetchPlanner(s.run().today(), s.regions(), s.historicalResults(), s.mutableWindowDays());
    }

    /** Plans against bronze and fetches, holding the fetch lock from the reading of bronze to the last commit. */
    private FetchReport run(String what, Function<FetchPlanner.Stored, FetchPlan> planning) {
        var settings = ctx.settings();
        if (settings.run().dryRun()) {
            return new FetchReport(announce(what, planning.apply(bronzeHoldings().stored())));
        }
        try (FetchLock lock = FetchLock.acquire(settings.lake(), this::databaseConnection)) {
            Bronze bronze = bronzeHoldings();
            FetchPlan plan = announce(what, planning.apply(bronze.stored()));
            if (plan.isEmpty()) {
                return new FetchReport(plan);
            }
            try (FetchProgress progress = FetchProgress.forConsole(line -> ctx.console().info(line));
                 BronzeWriter writer = new BronzeWriter(ctx.spark(), ctx.lake(), settings.run().runId(), settings.fetchBatchSize(),
                         Duration.ofSeconds(settings.fetchBatchSeconds()))) {
                FetchReport report = new Fetcher(ctx.client(), writer, bronze.hashes(), progress).run(plan);
                ctx.console().result(report.render(ctx.client().metrics()));
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
            throw new IllegalStateException("cannot reach Postgres for the fetch lock: " + e.getMessage(), e);
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
        TransformJob job = new TransformJob(ctx.spark(), ctx.lake(), ctx.settings().regions(), ctx.settings().run().runId(), from, to);
        TransformReport report = job.run();
        ctx.console().result(report.render());
        if (!report.invariantHolds()) {
            throw new IllegalStateException("transform: " + report.invariantDetail());
        }
        return report;
    }

    /** The statistics of one profile as of a date, into gold. */
    public StatsReport stats(StatsProfile profile, LocalDate asOf) {
        StatsReport report = new StatsJob(ctx.spark(), ctx.lake()).run(profile, asOf, java.time.Instant.now());
        ctx.console().result(report.render());
        return report;
    }

    public List<PublishResult> publish(boolean full) throws SQLException {
        List<PublishResult> results = new PublishJob(ctx.spark(), ctx.lake(), ctx.database(), ctx.settings().run().runId()).run(full);
        String row = "%-26s %8s %10s %10s  %s%n";
        StringBuilder s = new StringBuilder(String.format(row, "table", "version", "offered", "written", "rows read"));
        for (PublishResult r : results) {
            s.append(String.format(row, r.table(), r.sourceVersion(), r.skippedUnchanged() ? "-" : Long.toString(r.rowsOffered()),
                    r.rowsWritten(), r.read()));
        }
        ctx.console().result(s.toString());
        return results;
    }
}
