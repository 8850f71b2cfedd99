package dev.furlong.transform;

import dev.furlong.api.model.RacecardsPage;
import dev.furlong.api.model.ResultsPage;
import dev.furlong.spark.ApiReadSchema;
import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * The two sources that describe races: where their answers sit in bronze and how their pages are shaped (read from the API
 * model, with the races and their runners opened; see {@link ApiReadSchema}). Results come from {@code /v1/results} and, for
 * today's races as they finish, {@code /v1/results/today}, whose pages have the same shape (without {@code bsp}).
 */
public enum PageSource {
    RESULTS(List.of("results", "results_today"), ApiReadSchema.of(ResultsPage.class, "results", "runners"), "results"),
    RACECARDS(List.of("racecards_pro"), ApiReadSchema.of(RacecardsPage.class, "racecards", "runners"), "racecards");

    private final List<String> endpoints;
    private final StructType pageSchema;
    private final String itemsField;

    PageSource(List<String> endpoints, StructType pageSchema, String itemsField) {
        this.endpoints = endpoints;
        this.pageSchema = pageSchema;
        this.itemsField = itemsField;
    }

    /** The source's name in reports and quarantine: the bronze {@code endpoint} of its main answers. */
    public String endpoint() {
        return endpoints.get(0);
    }

    /** Every bronze {@code endpoint} value of its answers. */
    public List<String> endpoints() {
        return endpoints;
    }

    public StructType pageSchema() {
        return pageSchema;
    }

    /** The page's list of races: {@code results} or {@code racecards}. */
    public String itemsField() {
        return itemsField;
    }
}
