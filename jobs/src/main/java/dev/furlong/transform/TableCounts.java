package dev.furlong.transform;

/**
 * What a transform did to one silver table: rows offered, inserted, updated, stored rows deleted (the latest answers no longer
 * hold them), records quarantined, records outside the configured regions.
 */
public record TableCounts(String table, long rowsIn, long inserted, long updated, long deleted, long quarantined,
                          long outsideRegions) {

    public long unchanged() {
        return rowsIn - inserted - updated;
    }
}
