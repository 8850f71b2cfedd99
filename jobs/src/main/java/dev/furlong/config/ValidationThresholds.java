package dev.furlong.config;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The limits {@code furlong validate} judges the data by ({@code furlong.validate} in conf/furlong.conf).
 *
 * @param runnersPerRaceMin  fewer runners per race than this, overall or in a year, is a warning
 * @param runnersPerRaceMax  more than this is a warning
 * @param yearMinShare       a year whose races per day (or courses) fall below this share of its neighbours' fails
 * @param resultCoverageMin  the least share of finished races that must have a result
 * @param pedigreeMin        the least share of horses with a pedigree (a warning: the enrichment backlog)
 * @param detailsMin         the least share of horses with their details (a warning)
 * @param resultsLagMax      the longest a finished race may wait for its result
 * @param racecardsBehindMax the most days the latest racecard may lie before today
 * @param statisticsAgeMax   the longest since the statistics were last computed
 * @param quarantineShareMax the largest share of runner records quarantined
 * @param nullRateMax        "ra_table.column" → the largest share of NULLs allowed in it
 */
public record ValidationThresholds(double runnersPerRaceMin, double runnersPerRaceMax, double yearMinShare, double resultCoverageMin,
                                   double pedigreeMin, double detailsMin, Duration resultsLagMax, int racecardsBehindMax,
                                   Duration statisticsAgeMax, double quarantineShareMax, Map<String, Double> nullRateMax) {

    public ValidationThresholds {
        nullRateMax = Map.copyOf(nullRateMax);
    }

    static ValidationThresholds from(Config v) {
        double min = v.getDouble("runners-per-race.min");
        double max = v.getDouble("runners-per-race.max");
        if (min < 0 || max < min) {
            throw new InvalidSettingException("furlong.validate.runners-per-race needs 0 <= min <= max, got " + min + " and " + max);
        }
        Map<String, Double> nullRates = new TreeMap<>();
        Config rates = v.getConfig("null-rate-max");
        for (String key : rates.root().keySet()) {
            if (!key.matches("ra_[a-z_]+\\.[a-z_0-9]+")) {
                throw new InvalidSettingException("furlong.validate.null-rate-max: keys are \"ra_table.column\", got '" + key + "'");
            }
            nullRates.put(key, share(rates, "\"" + key + "\"", "null-rate-max." + key));
        }
        int behind = v.getInt("racecards-days-behind-max");
        if (behind < 0) {
            throw new InvalidSettingException("furlong.validate.racecards-days-behind-max must not be negative, got " + behind);
        }
        return new ValidationThresholds(min, max, share(v, "year-min-share", "year-min-share"),
                share(v, "result-coverage-min", "result-coverage-min"), share(v, "pedigree-min", "pedigree-min"),
                share(v, "details-min", "details-min"), duration(v, "results-lag-max"), behind, duration(v, "statistics-age-max"),
                share(v, "quarantine-share-max", "quarantine-share-max"), nullRates);
    }

    private static double share(Config c, String path, String name) {
        double d = c.getDouble(path);
        if (!(d >= 0 && d <= 1)) {
            throw new InvalidSettingException("furlong.validate." + name + " is a share from 0 to 1, got " + d);
        }
        return d;
    }

    private static Duration duration(Config c, String path) {
        Duration d = c.getDuration(path);
        if (d.isNegative()) {
            throw new InvalidSettingException("furlong.validate." + path + " must not be negative, got " + d);
        }
        return d;
    }
}
