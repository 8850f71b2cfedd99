package dev.furlong.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.furlong.api.model.Odds;
import dev.furlong.api.model.ResultRunner;
import dev.furlong.api.model.ResultsPage;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The read schemas come from the API model: one field there is one column here, with no list of names in between. */
class ApiReadSchemaTest {

    @Test
    void everyFieldIsTextUnderItsJsonName() {
        StructType odds = ApiReadSchema.of(Odds.class);
        assertEquals(List.of("bookmaker", "fractional", "decimal", "ew_places", "ew_denom", "updated", "history"),
                List.of(odds.fieldNames()));
        // decimal is a BigDecimal in the model and history a list: both read as text, the list as its raw JSON.
        Arrays.stream(odds.fields()).forEach(f -> assertEquals(DataTypes.StringType, f.dataType(), f.name()));
    }

    @Test
    void openedFieldsBecomeArraysOfStructsAtAnyDepth() {
        StructType page = ApiReadSchema.of(ResultsPage.class, "results", "runners");
        assertEquals(List.of("results", "total", "limit", "skip", "query"), List.of(page.fieldNames()));
        StructType race = (StructType) ((ArrayType) page.apply("results").dataType()).elementType();
        StructType runner = (StructType) ((ArrayType) race.apply("runners").dataType()).elementType();
        // Each component of the runner record, in order, and nothing else.
        assertEquals(Arrays.stream(ResultRunner.class.getRecordComponents()).count(), runner.fields().length);
        assertEquals("horse_id", runner.fieldNames()[0]);
        assertEquals(DataTypes.StringType, page.apply("query").dataType(), "not opened: raw JSON");
    }

    @Test
    void aReaderCanTakeJustTheFieldsItNeeds() {
        StructType page = ApiReadSchema.of(ResultsPage.class, "results", "runners");
        StructType dates = ApiReadSchema.only(page, "results.date", "results.runners.horse_id");
        assertEquals("struct<results:array<struct<date:string,runners:array<struct<horse_id:string>>>>>", dates.simpleString());
    }

    @Test
    void namesTheModelLacksAreErrors() {
        StructType page = ApiReadSchema.of(ResultsPage.class, "results", "runners");
        assertThrows(IllegalArgumentException.class, () -> ApiReadSchema.only(page, "results.runners.horse_name"));
        assertThrows(IllegalArgumentException.class, () -> ApiReadSchema.only(page, "query.anything"));
        assertThrows(IllegalArgumentException.class, () -> ApiReadSchema.of(ResultsPage.class, "total"));
    }
}
