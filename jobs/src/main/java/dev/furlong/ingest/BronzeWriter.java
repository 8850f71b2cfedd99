package dev.furlong.ingest;

import dev.furlong.api.ApiResponse;
import dev.furlong.lake.BronzeSchemas;
import dev.furlong.lake.DeltaTables;
import dev.furlong.lake.Lake;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Date;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Collects answers and commits them to {@code bronze/api_responses} (MERGE on endpoint + request_key) and
 * {@code bronze/fetch_log} in batches, by count and by time. The commits run on one writer thread of their own: a fetch lane
 * hands its answers over and goes on, and never waits for a Delta commit. A crash loses at most the batch not yet committed,
 * which the next run fetches again; the MERGE means nothing is ever duplicated. A commit that fails fails the fetch: the next
 * answer handed over, or {@link #commit()}, throws it.
 */
public final class BronzeWriter implements AutoCloseable {

    private final SparkSession spark;
    private final Lake lake;
    private final String runId;
    private final int batchSize;
    private final ScheduledExecutorService committer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bronze-writer");
        t.setDaemon(true);
        return t;
    });
    private final List<Row> responses = new ArrayList<>(); // guarded by this
    private final List<Row> log = new ArrayList<>(); // guarded by this
    private boolean commitQueued; // guarded by this
    private volatile RuntimeException failure;

    public BronzeWriter(SparkSession spark, Lake lake, String runId, int batchSize, Duration batchTime) {
        this.spark = spark;
        this.lake = lake;
        this.runId = runId;
        this.batchSize = batchSize;
        committer.scheduleWithFixedDelay(this::commitInBackground, batchTime.toMillis(), batchTime.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Records a unit whose every page was answered. */
    public void stored(FetchUnit unit, List<ApiResponse> pages, boolean unchanged) {
        List<Row> rows = new ArrayList<>();
        for (ApiResponse page : pages) {
            rows.add(RowFactory.create(unit.endpoint().bronzeName(), page.request().requestKey(),
                    Date.valueOf(unit.partitionDate()), page.httpStatus(), page.body(), sha256(page.body()), page.fetchedAt(), runId));
        }
        ApiResponse last = pages.get(pages.size() - 1);
        add(rows, logRow(unit, unchanged ? "unchanged" : "stored", last.httpStatus(), pages.size(), null));
    }

    /** Records a unit that failed; the next run plans it again. */
    public void failed(FetchUnit unit, int httpStatus, int attempts, String reason) {
        add(List.of(), logRow(unit, "failed", httpStatus == 0 ? null : httpStatus, attempts, reason));
    }

    private Row logRow(FetchUnit unit, String outcome, Integer status, int attempts, String reason) {
        return RowFactory.create(unit.endpoint().bronzeName(), unit.requestKey(), Date.valueOf(unit.partitionDate()), outcome,
                status, attempts, reason, runId, Instant.now());
    }

    private void add(List<Row> answers, Row logged) {
        throwIfFailed();
        synchronized (this) {
            responses.addAll(answers);
            log.add(logged);
            if ((responses.size() >= batchSize || log.size() >= batchSize) && !commitQueued) {
                commitQueued = true;
                committer.execute(this::commitInBackground);
            }
        }
    }

    /** Commits whatever is pending and waits for it, behind any commit under way. */
    public void commit() {
        try {
            committer.submit(this::commitPending).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while committing bronze", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        throwIfFailed();
    }

    /** Commits what is pending and stops the writer thread. */
    @Override
    public void close() {
        try {
            commit();
        } finally {
            committer.shutdownNow();
        }
    }

    private void throwIfFailed() {
        RuntimeException f = failure;
        if (f != null) {
            throw new IllegalStateException("writing bronze failed, the fetch stops: " + f.getMessage(), f);
        }
    }

    private void commitInBackground() {
        try {
            commitPending();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    /** On the writer thread only: takes the pending rows and commits them. */
    private void commitPending() {
        List<Row> answers;
        List<Row> logged;
        synchronized (this) {
            answers = new ArrayList<>(responses);
            logged = new ArrayList<>(log);
            responses.clear();
            log.clear();
            commitQueued = false;
        }
        if (!answers.isEmpty()) {
            boolean created = !DeltaTables.exists(spark, lake.apiResponses());
            DeltaTables.upsert(spark, lake.apiResponses(), spark.createDataFrame(answers, BronzeSchemas.API_RESPONSES),
                    List.of("endpoint", "request_key"), List.of("fetched_at", "run_id"), "partition_date");
            if (created) {
                DeltaTables.keepEveryVersion(spark, lake.apiResponses()); // a superseded answer stays readable in its history
            }
        }
        if (!logged.isEmpty()) {
            spark.createDataFrame(logged, BronzeSchemas.FETCH_LOG).write().format("delta").mode("append").save(lake.fetchLog());
        }
    }

    public static String sha256(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
