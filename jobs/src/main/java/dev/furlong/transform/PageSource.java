package dev.furlong.transform;

import org.apache.spark.sql.types.StructType;

/** The two bronze answers that describe races: where they sit in bronze and how their pages are shaped. */
public enum PageSource {
    RESULTS("results", ResultsSchema.PAGE, "results"),
    RACECARDS("racecards_pro", RacecardsSchema.PAGE, "racecards");

    private final String endpoint;
    private final StructType pageSchema;
    private final String itemsField;

    PageSource(String endpoint, StructType pageSchema, String itemsField) {
        this.endpoint = endpoint;
        this.pageSchema = pageSchema;
        this.itemsField = itemsField;
    }

    /** The bronze {@code endpoint} value of its answers. */
    public String endpoint() {
        return endpoint;
    }

    public StructType pageSchema() {
        return pageSchema;
    }

    /** The page's list of races: {@code results} or {@code racecards}. */
    public String itemsField() {
        return itemsField;
    }
}
