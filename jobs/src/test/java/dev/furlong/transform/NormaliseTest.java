package dev.furlong.transform;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.furlong.testing.SparkTestSession;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Worked examples: the text the API sends, and the value Furlong stores. */
class NormaliseTest {

    private static List<Object> apply(java.util.function.Function<Column, Column> f, String... inputs) {
        StructType schema = new StructType().add("v", DataTypes.StringType);
        List<Row> rows = new ArrayList<>();
        for (String in : inputs) {
            rows.add(RowFactory.create(in));
        }
        Dataset<Row> df = SparkTestSession.get().createDataFrame(rows, schema).coalesce(1);
        return df.select(f.apply(col("v")).as("out")).collectAsList().stream().map(r -> r.isNullAt(0) ? null : r.get(0)).toList();
    }

    @Test
    void dashesAndEmptyStringsAreNull() {
        assertEquals(Arrays.asList(null, null, null, null, "Good"), apply(Normalise::text, "", "-", "–", " ", " Good "));
    }

    @Test
    void numbersInStringsBecomeNumbersAndRatingDashesNull() {
        assertEquals(Arrays.asList(66, null, null, 131), apply(Normalise::integer, "66", "–", "x", "131"));
    }

    @Test
    void namesLoseTheirRegionSuffixWhichIsKeptApart() {
        assertEquals(Arrays.asList("Veraison", "Jet Black", "Noverre"), apply(Normalise::nameWithoutRegion, "Veraison (IRE)", "Jet Black (GB)", "Noverre"));
        assertEquals(Arrays.asList("IRE", "GB", null), apply(Normalise::regionOfName, "Veraison (IRE)", "Jet Black (GB)", "Noverre"));
    }

    @Test
    void racecardJockeyNamesLoseTheClaim() {
        assertEquals(Arrays.asList("Rose Dawes", "Hollie Doyle"), apply(Normalise::jockeyName, "Rose Dawes(5)", "Hollie Doyle"));
    }

    @Test
    void raceTypesAndClasses() {
        assertEquals(Arrays.asList("flat", "hurdle", "chase", "nh_flat"), apply(Normalise::raceType, "Flat", "Hurdle", "Chase", "NH Flat"));
        assertEquals(Arrays.asList(5, 1, null), apply(Normalise::raceClass, "Class 5", "Class 1", ""));
    }

    @Test
    void finishingTimesInSeconds() {
        assertEquals(Arrays.asList(139.97, 301.46, 58.95, null), apply(Normalise::clockSeconds, "2:19.97", "5:1.46", "0:58.95", "-"));
        assertEquals(Arrays.asList(139.97, 344.9, 59.1), apply(Normalise::longTimeSeconds,
                "2m 19.97s (slow by 2.07s)", "5m 44.90s (slow by 7.90s)", "59.10s (standard time)"));
    }

    @Test
    void startingPricesFractionalDecimalAndFavourite() {
        assertEquals(Arrays.asList("17/2", "7/2", "Evens", "5/2"), apply(Normalise::spFractional, "17/2", "7/2J", "EvensF", "5/2F"));
        assertEquals(Arrays.asList(false, true, true, true, false), apply(Normalise::isFavourite, "17/2", "7/2J", "EvensF", "9/4C", null));
        assertEquals(Arrays.asList(9.5, 4.5, 2.0, 3.5), apply(c -> Normalise.spDecimal(c, org.apache.spark.sql.functions.lit("")),
                "17/2", "7/2J", "EvensF", "5/2F"));
    }

    @Test
    void prizesWithOrWithoutSymbols() {
        assertEquals(Arrays.asList(new java.math.BigDecimal("4187.20"), new java.math.BigDecimal("12851.00"), null),
                apply(Normalise::money, "4187.20", "£12,851", ""));
    }

    @Test
    void distancesInEveryFormBecomeYards() {
        assertEquals(Arrays.asList(2420, 1813, 4871, 2420, 1870, 1870, 2419, 1750, 1320, null, null),
                apply(Normalise::distanceYards, "1m3f", "1m53y", "2m6f31y", "11f", "8.5f", "1m½f", "2419y", "1600m", "6f", "", "far"));
        assertEquals(Arrays.asList(10.45), apply(c -> Normalise.furlongsOfYards(c.cast("int")), "2299"));
    }

    @Test
    void weightsClaimsAndAges() {
        assertEquals(Arrays.asList(122, 157, null), apply(Normalise::stoneLbs, "8-10", "11-3", "-"));
        assertEquals(Arrays.asList(5, 0, null), apply(Normalise::jockeyClaim, "Rose Dawes(5)", "Hollie Doyle", ""));
        assertEquals(Arrays.asList(5, 4, 3, null), apply(Normalise::age, "5", "4yo", "Died as a 3", "old"));
    }

    @Test
    void sexesFromEitherSource() {
        assertEquals(Arrays.asList("G", "G", "F", "M", "C", "H", "R", null), apply(Normalise::sexCode,
                "G", "gelding", "filly", "Mare", "c", "horse", "rig", "x"));
        assertEquals(Arrays.asList("gelding", "filly", null), apply(Normalise::sexWord, "G", "F", "Z"));
    }

    @Test
    void prizeCurrenciesAndPositionCodes() {
        assertEquals(Arrays.asList("GBP", "EUR", null), apply(Normalise::currencyOfPrize, "£3,921", "€5,900", "3921"));
        assertEquals(Arrays.asList(true, true, true, true, false), apply(Normalise::isKnownPosition, "1", "PU", "dsq", "", "ZZ"));
    }
}
