package dev.furlong.publish;

/** One table's publish: rows offered, rows written (inserted or changed), and whether it was skipped as unchanged. */
public record PublishResult(String table, long sourceVersion, long rowsOffered, long rowsWritten, boolean skippedUnchanged) {
}
