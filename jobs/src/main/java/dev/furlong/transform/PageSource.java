package dev.furlong.transform;

import dev.furlong.api.model.RacecardsPage;
import dev.furlong.api.model.ResultsPage;
import dev.furlong.spark.ApiReadSchema;
import org.apache.spark.sql.types.StructType;

/**
 * The two bronze answers that describe races: where they sit in bronze and how their pages are shaped (read from the API model,
 * with the races and their runners opened; see {@link ApiReadSchema}).
 */
public enum PageSource {
    RESULTS("results", ApiReadSchema.of(ResultsPage.class, "results", "runners"), "results"),
    RACECARDS("racecards_pro", ApiReadSchema.of(RacecardsPage.class, "racecards", "runners"), "racecards");

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
