package dev.furlong.publish;

/**
 * One table's publish: rows offered, rows written (inserted, changed or deleted), whether it was skipped as unchanged, and
 * which rows of the source were read (changes since the watermark, or all rows and why).
 */
public record PublishResult(String table, long sourceVersion, long rowsOffered, long rowsWritten, boolean skippedUnchanged,
                            String read) {

    static PublishResult unchanged(String table, long sourceVersion) {
        return new PublishResult(table, sourceVersion, 0, 0, true, "nothing: unchanged since the watermark");
    }

    PublishResult read(String how) {
        return new PublishResult(table, sourceVersion, rowsOffered, rowsWritten, skippedUnchanged, how);
    }
}
