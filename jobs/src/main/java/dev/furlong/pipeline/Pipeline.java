package dev.furlong.pipeline;


import dev.furlong.api.Endpoint;
import dev.furlong.ingest.BronzeWriter;
import dev.furlong.ingest.FetchPlan;
import dev.furlong.ingest.FetchPlanner;
import dev.furlong.ingest.FetchReport;
import dev.furlong.ingest.Fetcher;
import dev.furlong.lake.DeltaTables;
import dev.furlong.publish.PublishJob;
import dev.furlong.publish.PublishResult;
import dev.furlong.transform.TransformJob;
import dev.furlong.transform.TransformReport;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;

/** The stages of a run (fetch → transform → publish), each usable on its own. */
public final class Pipeline {

    private final RunContext ctx;

    public Pipeline(RunContext ctx) {
        this.ctx = ctx;
    }

    /** Plans the range against what bronze holds, prints the plan, and (unless a dry run) fetches it. */
    public FetchReport fetch(LocalDate from, LocalDate to, boolean refresh) {
        var settings = ctx.settings();
        FetchPlanner planner = new FetchPlanner(settings.today(), settings.regions(), settings.historicalResults(),
                settings.mutableWindowDays());
        Map<String, String> hashes = new HashMap<>();
        Map<Endpoint, Set<String>> stored = new EnumMap<>(Endpoint.class);
        if (!settings.dryRun() && DeltaTables.exists(ctx.spark(), ctx.lake().apiResponses())) {
            for (Row r : ctx.spark().read().format("delta").load(ctx.lake().apiResponses())
                    .select("endpoint", "request_key", "body_sha256").collectAsList()) {
                for (Endpoint e : Endpoint.values()) {
                    if (e.bronzeName().equals(r.getString(0))) {
                        stored.computeIfAbsent(e, k -> new HashSet<>()).add(r.getString(1));
                    }
                }
                hashes.put(r.getString(1), r.getString(2));
            }
        }
        FetchPlan plan = planner.plan(from, to, refresh, stored);
        plan.notes().forEach(n -> ctx.console().info("note: " + n));
        ctx.console().info("fetch plan " + from + " to " + to + ": " + plan.unitsByEndpoint() + " to fetch, "
                + plan.skipped() + " already in bronze");
        if (settings.dryRun()) {
            return new FetchReport(plan);
        }
        BronzeWriter bronze = new BronzeWriter(ctx.spark(), ctx.lake(), settings.runId(), settings.fetchBatchSize(),
                Duration.ofSeconds(settings.fetchBatchSeconds()));
        FetchReport report = new Fetcher(ctx.client(), bronze, hashes, line -> ctx.console().info(line)).run(plan);
        ctx.console().result(report.render(ctx.client().metrics()));
        return report;
    }

    public TransformReport transform() {
        TransformJob job = new TransformJob(ctx.spark(), ctx.lake(), ctx.settings().regions(), ctx.settings().runId());
        TransformReport report = job.run();
        ctx.console().result(report.render());
        if (!report.invariantHolds()) {
            throw new IllegalStateException("transform: " + report.invariantDetail());
        }
        return report;
    }

    public List<PublishResult> publish(boolean full) throws SQLException {
        List<PublishResult> results = new PublishJob(ctx.spark(), ctx.lake(), ctx.database(), ctx.settings().runId()).run(full);
        StringBuilder s = new StringBuilder(String.format("%-12s %14s %10s %10s%n", "table", "source version", "offered", "written"));
        for (PublishResult r : results) {
            s.append(String.format("%-12s %14d %10s %10d%n", r.table(), r.sourceVersion(),
                    r.skippedUnchanged() ? "unchanged" : Long.toString(r.rowsOffered()), r.rowsWritten()));
        }
        ctx.console().result(s.toString());
        return results;
    }
}
