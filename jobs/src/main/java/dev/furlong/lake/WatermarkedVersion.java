package dev.furlong.lake;

/**
 * A version of a lake table that a watermark records: its reader goes on from the change feed after it, so the files of the
 * versions since must outlive VACUUM.
 *
 * @param path    the table's path
 * @param tableId the table's id when the watermark was written (a rebuilt table is another table, read whole)
 * @param version the version the reader has seen
 * @param reader  who reads on from it, for the report ("etl_watermarks ra_runners")
 */
public record WatermarkedVersion(String path, String tableId, long version, String reader) {
}
