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
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Collects answers and commits them to {@code bronze/api_responses} (MERGE on endpoint + request_key) and
 * {@code bronze/fetch_log} in batches, by count and by time. A crash loses at most the batch not yet committed, which the next
 * run fetches again; the MERGE means nothing is ever duplicated.
 */
public final class BronzeWriter {

    private final SparkSession spark;
    private final Lake lake;
    private final String runId;
    private final int batchSize;
    private final Duration batchTime;
    private final List<Row> responses = new ArrayList<>();
    private final List<Row> log = new ArrayList<>();
    private long lastCommitNanos = System.nanoTime();

    public BronzeWriter(SparkSession spark, Lake lake, String runId, int batchSize, Duration batchTime) {
        this.spark = spark;
        this.lake = lake;
        this.runId = runId;
        this.batchSize = batchSize;
        this.batchTime = batchTime;
    }

    /** Records a unit whose every page was answered. */
    public synchronized void stored(FetchUnit unit, List<ApiResponse> pages, boolean unchanged) {
        for (ApiResponse page : pages) {
            responses.add(RowFactory.create(unit.endpoint().bronzeName(), page.request().requestKey(),
                    Date.valueOf(unit.partitionDate()), page.httpStatus(), page.body(), sha256(page.body()), page.fetchedAt(), runId));
        }
        ApiResponse last = pages.get(pages.size() - 1);
        log.add(logRow(unit, unchanged ? "unchanged" : "stored", last.httpStatus(), pages.size(), null));
        commitIfDue();
    }

    /** Records a unit that failed; the next run plans it again. */
    public synchronized void failed(FetchUnit unit, int httpStatus, int attempts, String reason) {
        log.add(logRow(unit, "failed", httpStatus == 0 ? null : httpStatus, attempts, reason));
        commitIfDue();
    }

    private Row logRow(FetchUnit unit, String outcome, Integer status, int attempts, String reason) {
        return RowFactory.create(unit.endpoint().bronzeName(), unit.requestKey(), Date.valueOf(unit.partitionDate()), outcome,
                status, attempts, reason, runId, Instant.now());
    }

    private void commitIfDue() {
        if (responses.size() >= batchSize || log.size() >= batchSize
                || System.nanoTime() - lastCommitNanos >= batchTime.toNanos()) {
            commit();
        }
    }

    /** Commits whatever is pending. */
    public synchronized void commit() {
        if (!responses.isEmpty()) {
            DeltaTables.upsert(spark, lake.apiResponses(), spark.createDataFrame(responses, BronzeSchemas.API_RESPONSES),
                    List.of("endpoint", "request_key"), List.of("fetched_at", "run_id"), "partition_date");
            responses.clear();
        }
        if (!log.isEmpty()) {
            spark.createDataFrame(log, BronzeSchemas.FETCH_LOG).write().format("delta").mode("append").save(lake.fetchLog());
            log.clear();
        }
        lastCommitNanos = System.nanoTime();
    }

    public static String sha256(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
