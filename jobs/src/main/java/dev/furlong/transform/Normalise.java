package dev.furlong.transform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/**
 * Every normalisation rule of DATA-MODEL.md as a Spark column expression, built from Spark's own functions (no UDFs), so the
 * same text always becomes the same value whichever source sent it.
 */
public final class Normalise {

    private Normalise() {
    }

    /** "", "-", "–" (en dash) and "—" mean "no value": null. Everything else is trimmed. */
    public static Column text(Column c) {
        Column t = trim(c);
        return when(t.isNull().or(t.isin("", "-", "–", "—")), lit(null).cast(DataTypes.StringType)).otherwise(t);
    }

    public static Column integer(Column c) {
        return text(c).try_cast(DataTypes.IntegerType);
    }

    public static Column decimal(Column c) {
        return text(c).try_cast(DataTypes.DoubleType);
    }

    public static Column money(Column c) {
        return regexp_replace(text(c), "[^0-9.]", "").try_cast(DataTypes.createDecimalType(12, 2));
    }

    /** "Veraison (IRE)" → "Veraison". */
    public static Column nameWithoutRegion(Column c) {
        return text(regexp_replace(c, "\\s*\\([A-Z]{2,3}\\)\\s*$", ""));
    }

    /** "Veraison (IRE)" → "IRE"; null when the name carries no region. */
    public static Column regionOfName(Column c) {
        return text(regexp_extract(c, "\\(([A-Z]{2,3})\\)\\s*$", 1));
    }

    /** "Ballinrobe (IRE)" → "Ballinrobe"; "Kempton (AW)" stays: all-weather is part of the course, not a region. */
    public static Column courseName(Column c) {
        return text(regexp_replace(c, "\\s*\\((?!AW\\))[A-Z]{2,3}\\)\\s*$", ""));
    }

    /** The currency prizes are paid in: GBP in Britain, EUR in Ireland and France; unknown elsewhere. */
    public static Column currencyOfRegion(Column region) {
        Column r = upper(text(region));
        return when(r.equalTo("GB"), lit("GBP")).when(r.isin("IRE", "FR"), lit("EUR"));
    }

    /** Racecards print a jockey's claim inside the name: "Rose Dawes(5)" → "Rose Dawes". */
    public static Column jockeyName(Column c) {
        return text(regexp_replace(c, "\\s*\\(\\d+\\)\\s*$", ""));
    }

    /** "Flat", "Hurdle", "Chase", "NH Flat" → flat, hurdle, chase, nh_flat. */
    public static Column raceType(Column c) {
        return regexp_replace(lower(text(c)), "\\s+", "_");
    }

    /** "Class 4" → 4; "" → null. */
    public static Column raceClass(Column c) {
        return text(regexp_extract(c, "([1-7])", 1)).try_cast(DataTypes.IntegerType);
    }

    public static Column furlongsOfYards(Column yards) {
        return round(yards.divide(220.0), 2);
    }

    public static Column metresOfYards(Column yards) {
        return round(yards.multiply(0.9144)).cast(DataTypes.IntegerType);
    }

    /** A finishing time "2:19.97" or "5:1.46" (seconds not zero-padded) → seconds. */
    public static Column clockSeconds(Column c) {
        String pattern = "^\\s*(\\d+):(\\d+(?:\\.\\d+)?)\\s*$";
        return text(regexp_extract(c, pattern, 1)).try_cast(DataTypes.IntegerType).multiply(60)
                .plus(text(regexp_extract(c, pattern, 2)).try_cast(DataTypes.DoubleType));
    }

    /** A winning time "2m 19.97s (slow by 2.07s)" or "59.10s" → seconds. */
    public static Column longTimeSeconds(Column c) {
        String pattern = "^\\s*(?:(\\d+)m\\s*)?(\\d+(?:\\.\\d+)?)s";
        Column seconds = text(regexp_extract(c, pattern, 2)).try_cast(DataTypes.DoubleType);
        return coalesce(text(regexp_extract(c, pattern, 1)).try_cast(DataTypes.IntegerType), lit(0)).multiply(60).plus(seconds);
    }

    /** "17/2" → 17/2; "EvensF" → Evens; the favourite markers F, J (joint) and C (co-) are dropped. */
    public static Column spFractional(Column sp) {
        return text(regexp_replace(sp, "(?<=[0-9s])[FJC]$", ""));
    }

    /** True when the SP carries a favourite marker: "7/2J", "EvensF", "5/2F", "9/4C". */
    public static Column isFavourite(Column sp) {
        return coalesce(trim(sp).rlike("[0-9s][FJC]$"), lit(false));
    }

    /** The decimal SP: the API's {@code sp_dec} when usable, else computed from the fraction ("Evens" = 2.0). */
    public static Column spDecimal(Column sp, Column spDec) {
        Column fraction = spFractional(sp);
        Column numerator = regexp_extract(fraction, "^(\\d+)/(\\d+)$", 1).try_cast(DataTypes.DoubleType);
        Column denominator = regexp_extract(fraction, "^(\\d+)/(\\d+)$", 2).try_cast(DataTypes.DoubleType);
        return coalesce(decimal(spDec),
                when(lower(fraction).equalTo("evens"), lit(2.0)),
                when(denominator.gt(0), round(numerator.divide(denominator).plus(1), 2)));
    }

    /** Sex codes in upper case: results give "G"; the words racecards use are mapped elsewhere. */
    public static Column sexCode(Column c) {
        return upper(text(c));
    }
}
