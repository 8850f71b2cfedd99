package dev.furlong.lake;

import java.util.List;

/** Columns that exist only in the lake, for how it stores and merges rows; the publisher leaves them out of Postgres. */
public final class LakeColumns {

    /**
     * Races, runners and race_results: the first day of the race's month, by which they are stored, so a day's change rewrites
     * one month of them.
     */
    public static final String RACE_MONTH = "race_month";

    /** Entities: when the newest answer that named the entity was fetched. */
    public static final String SOURCE_FETCHED_AT = "source_fetched_at";

    /** Entities: per attribute, when the answer its value came from was fetched, so an older answer never overwrites it. */
    public static final String ATTRIBUTE_FETCHED_AT = "attribute_fetched_at";

    public static final List<String> ALL = List.of(RACE_MONTH, SOURCE_FETCHED_AT, ATTRIBUTE_FETCHED_AT);

    private LakeColumns() {
    }
}
