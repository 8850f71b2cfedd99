package dev.furlong.transform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.try_to_date;
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

    /**
     * A calendar date "2023-02-01"; null for anything else, "2023-02-30" and "0000-00-00" included. A try conversion: with ANSI
     * mode on, {@code to_date} would throw and fail the whole run over one bad value.
     */
    public static Column date(Column c) {
        return try_to_date(text(c));
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

    /** A name to match on: "Fletcher's Flight (IRE)" → "fletchersflight"; null when nothing is left. */
    public static Column nameKey(Column c) {
        return text(regexp_replace(lower(nameWithoutRegion(c)), "[^a-z0-9]", ""));
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

    /** The favourite marker of an SP: "F" sole, "J" joint, "C" co-favourite; null for a horse that was not favourite. */
    public static Column favouriteKind(Column sp) {
        return text(regexp_extract(trim(sp), "[0-9s]([FJC])$", 1));
    }

    /** A count or number where the card prints "0" before it is known (draws and field sizes days ahead): "0" → null. */
    public static Column positiveInteger(Column c) {
        Column n = integer(c);
        return when(n.gt(0), n);
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

    private static final String[][] SEXES = {{"C", "colt"}, {"F", "filly"}, {"G", "gelding"}, {"H", "horse"}, {"M", "mare"},
            {"R", "rig"}};

    /** The one-letter sex code from either form: results give "G", racecards "gelding" (and their own code). */
    public static Column sexCode(Column c) {
        Column t = lower(text(c));
        Column code = null;
        for (String[] s : SEXES) {
            code = (code == null ? when(t.isin(s[0].toLowerCase(), s[1]), lit(s[0])) : code.when(t.isin(s[0].toLowerCase(), s[1]), lit(s[0])));
        }
        return code;
    }

    /** The word for a sex code: "G" → "gelding". */
    public static Column sexWord(Column code) {
        Column word = null;
        for (String[] s : SEXES) {
            word = (word == null ? when(code.equalTo(s[0]), lit(s[1])) : word.when(code.equalTo(s[0]), lit(s[1])));
        }
        return word;
    }

    /**
     * Yards from any distance text: "1m3f", "1m53y", "2m6f31y", "11f", "8.5f", "1m½f", "2419y" or "2419 yards", and metres
     * ("1600m", a number too large to be miles). Null when the text is none of these.
     */
    public static Column distanceYards(Column c) {
        Column t = lower(regexp_replace(text(c), "\\s+", ""));
        Column metres = regexp_extract(t, "^(\\d{3,5})(?:m|metres)$", 1).try_cast(DataTypes.IntegerType);
        Column yardsOnly = regexp_extract(t, "^(\\d{3,5})(?:y|yds|yards)$", 1).try_cast(DataTypes.IntegerType);
        String mfy = "^(?:(\\d)m)?(?:(\\d{1,2}(?:\\.5)?)?(½)?f)?(?:(\\d{1,3})y)?$";
        Column miles = regexp_extract(t, mfy, 1).try_cast(DataTypes.IntegerType);
        Column furlongs = regexp_extract(t, mfy, 2).try_cast(DataTypes.DoubleType);
        Column half = regexp_extract(t, mfy, 3).equalTo("½");
        Column yards = regexp_extract(t, mfy, 4).try_cast(DataTypes.IntegerType);
        Column composed = coalesce(miles, lit(0)).multiply(1760)
                .plus(coalesce(furlongs, lit(0.0)).multiply(220))
                .plus(when(half, lit(110)).otherwise(lit(0)))
                .plus(coalesce(yards, lit(0)));
        Column matchedComposed = t.rlike(mfy).and(t.notEqual(""));
        return when(metres.isNotNull(), round(metres.divide(0.9144)).cast(DataTypes.IntegerType))
                .when(yardsOnly.isNotNull(), yardsOnly)
                .when(matchedComposed, round(composed).cast(DataTypes.IntegerType));
    }

    /** Weight in pounds from "8-10" (stones-pounds): 122. */
    public static Column stoneLbs(Column c) {
        String pattern = "^\\s*(\\d{1,2})-(\\d{1,2})\\s*$";
        return regexp_extract(text(c), pattern, 1).try_cast(DataTypes.IntegerType).multiply(14)
                .plus(regexp_extract(text(c), pattern, 2).try_cast(DataTypes.IntegerType));
    }

    /** The claim a racecard prints after a jockey's name: "Rose Dawes(5)" → 5; 0 without one. */
    public static Column jockeyClaim(Column c) {
        Column claim = regexp_extract(text(c), "\\((\\d+)\\)\\s*$", 1).try_cast(DataTypes.IntegerType);
        return when(text(c).isNull(), lit(null).cast(DataTypes.IntegerType)).otherwise(coalesce(claim, lit(0)));
    }

    /** The currency of a prize text: "£12,851" → GBP, "€5,900" → EUR; null without a symbol. */
    public static Column currencyOfPrize(Column c) {
        Column t = text(c);
        return when(t.startsWith("£"), lit("GBP")).when(t.startsWith("€"), lit("EUR")).when(t.startsWith("$"), lit("USD"));
    }

    /**
     * The codes results use for a horse that did not finish or was disqualified, besides numeric places. A code outside this
     * list is not guessed at: the runner is quarantined so the list can be extended.
     */
    public static final java.util.List<String> POSITION_CODES = java.util.List.of("PU", "F", "UR", "BD", "RO", "SU", "RR", "CO",
            "REF", "LFT", "VOI", "DSQ", "DIS", "DNF", "HR", "RTR", "U", "P", "R", "S", "B");

    /** True when the position text is a place ("1", "12") or a known code ("PU"); null text counts as known (no position). */
    public static Column isKnownPosition(Column c) {
        Column t = upper(text(c));
        return t.isNull().or(t.rlike("^[0-9]{1,2}$")).or(t.isin(POSITION_CODES.toArray()));
    }

    /** An age from "5", "5yo" or a phrase like "Died as a 5" (the number the text states). */
    public static Column age(Column c) {
        return text(regexp_extract(c, "(?i)^(?:died as an? )?(\\d{1,2})(?:yo)?$", 1)).try_cast(DataTypes.IntegerType);
    }
}
