package dev.furlong.transform;

/** What a transform did to one silver table: rows offered, inserted, updated, quarantined, outside the configured regions. */
public record TableCounts(String table, long rowsIn, long inserted, long updated, long quarantined, long outsideRegions) {

    public long unchanged() {
        return rowsIn - inserted - updated;
    }
}
