package dev.furlong.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.io.File;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Resolves {@link Settings}: built-in defaults, then the configuration file ({@code --conf}, else {@code FURLONG_CONF}, else
 * {@code conf/furlong.conf} when present), then {@code PG_URL}, then flags. Every value is validated here, so a bad one stops
 * the run before anything starts.
 */
public final class SettingsLoader {

    public static final String DEFAULT_CONF = "conf/furlong.conf";
    public static final ZoneId RACING_ZONE = ZoneId.of("Europe/London");

    private SettingsLoader() {
    }

    /** Flag values given on the command line; null means "not given". */
    public record Overrides(String conf, String apiUrl, String lake, String pgUrl, String pgSchema, List<String> regions,
                            Boolean historicalResults, LocalDate today, LocalDateTime now, String runId, boolean dryRun,
                            int verbosity) {
    }

    public static Settings load(Overrides flags, Map<String, String> env) {
        try {
            Config f = resolveFile(flags.conf(), env)
                    // The jar carries conf/furlong.conf itself (jobs/pom.xml): one file of defaults, also what a given file lacks.
                    .withFallback(ConfigFactory.parseResources("furlong.conf"))
                    .resolve()
                    .getConfig("furlong");
            String apiUrl = firstNonNull(flags.apiUrl(), f.getString("api.url"));
            List<String> regions = flags.regions() != null ? flags.regions() : f.getStringList("api.regions");
            regions = regions.stream().map(r -> r.trim().toLowerCase(Locale.ROOT)).filter(r -> !r.isEmpty()).distinct().toList();
            for (String r : regions) {
                if (!r.matches("[a-z]{2,4}")) {
                    throw new InvalidSettingException("--regions takes API region codes such as gb,ire; got '" + r + "'");
                }
            }
            if (regions.isEmpty()) {
                throw new InvalidSettingException("--regions needs at least one region code (e.g. gb,ire)");
            }
            String pgUrl = firstNonNull(flags.pgUrl(), blankToNull(env.get("PG_URL")), blankToNull(f.getString("postgres.url")));
            if (pgUrl != null && !pgUrl.startsWith("jdbc:postgresql://")) {
                throw new InvalidSettingException("the Postgres URL must look like jdbc:postgresql://host:port/db, got '"
                        + Redact.url(pgUrl) + "'");
            }
            String schema = firstNonNull(flags.pgSchema(), f.getString("postgres.schema"));
            if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
                throw new InvalidSettingException("--pg-schema must be a lower-case SQL identifier, got '" + schema + "'");
            }
            double rate = f.getDouble("api.global-rate-per-second");
            if (!(rate > 0) || rate > 9) {
                throw new InvalidSettingException("furlong.api.global-rate-per-second must be in (0, 9]: the API's edge blocks an IP "
                        + "past 100 requests in 10 seconds; got " + rate);
            }
            LocalDateTime now = now(flags);
            String runId = flags.runId() != null ? flags.runId()
                    : DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").format(LocalDateTime.now(RACING_ZONE)) + "-"
                    + UUID.randomUUID().toString().substring(0, 8);
            if (!runId.matches("[A-Za-z0-9._:-]{1,64}")) {
                throw new InvalidSettingException("--run-id takes letters, digits and . _ : - (at most 64), got '" + runId + "'");
            }
            return new Settings(
                    apiUrl,
                    regions,
                    flags.historicalResults() != null ? flags.historicalResults() : f.getBoolean("api.historical-results"),
                    rate,
                    firstNonNull(flags.lake(), f.getString("lake")),
                    Optional.ofNullable(pgUrl),
                    schema,
                    f.getString("postgres.embedded-data-dir"),
                    f.getString("spark.master"),
                    positive(f, "spark.shuffle-partitions"),
                    positive(f, "fetch.batch-size"),
                    positive(f, "fetch.batch-seconds"),
                    nonNegative(f, "fetch.mutable-window-days"),
                    nonNegative(f, "fetch.horse-budget"),
                    lockTimeout(f),
                    nonNegative(f, "fetch.amendments.days"),
                    nonNegative(f, "fetch.amendments.budget"),
                    vacuumRetention(f),
                    ValidationThresholds.from(f.getConfig("validate")),
                    f.getString("demo.root"),
                    positive(f, "demo.days"),
                    f.getLong("demo.seed"),
                    Schedule.from(f),
                    new Settings.Run(now, runId, flags.dryRun(), flags.verbosity()));
        } catch (ConfigException e) {
            throw new InvalidSettingException("configuration: " + e.getMessage());
        }
    }

    /** {@code --now}, else {@code --today} at the present time of day, else the present; wall-clock time in Europe/London. */
    private static LocalDateTime now(Overrides flags) {
        LocalDateTime clock = LocalDateTime.now(RACING_ZONE);
        if (flags.now() == null) {
            return flags.today() == null ? clock : flags.today().atTime(clock.toLocalTime());
        }
        if (flags.today() != null && !flags.today().equals(flags.now().toLocalDate())) {
            throw new InvalidSettingException("--today " + flags.today() + " and --now " + flags.now() + " disagree; give one of them");
        }
        return flags.now();
    }

    private static Duration lockTimeout(Config f) {
        Duration d = f.getDuration("fetch.lock-timeout");
        if (d.isNegative()) {
            throw new InvalidSettingException("furlong.fetch.lock-timeout must not be negative, got " + d);
        }
        return d;
    }

    private static Duration vacuumRetention(Config f) {
        Duration d = f.getDuration("maintain.vacuum-retention");
        if (d.isNegative()) {
            throw new InvalidSettingException("furlong.maintain.vacuum-retention must not be negative, got " + d);
        }
        return d;
    }

    private static Config resolveFile(String confFlag, Map<String, String> env) {
        String path = firstNonNull(confFlag, blankToNull(env.get("FURLONG_CONF")));
        if (path == null) {
            File local = new File(DEFAULT_CONF);
            return local.isFile() ? parse(local) : ConfigFactory.empty();
        }
        File file = new File(path);
        if (!file.isFile()) {
            throw new InvalidSettingException("configuration file not found: " + path);
        }
        return parse(file);
    }

    private static Config parse(File file) {
        try {
            return ConfigFactory.parseFile(file, ConfigParseOptions.defaults().setAllowMissing(false));
        } catch (ConfigException e) {
            throw new InvalidSettingException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static int positive(Config f, String key) {
        int v = f.getInt(key);
        if (v <= 0) {
            throw new InvalidSettingException("furlong." + key + " must be positive, got " + v);
        }
        return v;
    }

    private static int nonNegative(Config f, String key) {
        int v = f.getInt(key);
        if (v < 0) {
            throw new InvalidSettingException("furlong." + key + " must not be negative, got " + v);
        }
        return v;
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
